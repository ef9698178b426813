/**
 * Runs a profile's `credential_process` with a timeout and a kill switch. The SDK's `fromProcess`
 * cannot be cancelled and never times out, so a helper that hangs (waiting for a prompt nobody
 * sees) would hang every lookup; this runner spawns the command like the SDK does (through the
 * shell), kills its whole process group on timeout or cancel, and hands the parsed credentials
 * back to the SDK. Failures are `CredentialProcessError`s (credentialErrors.ts): what happened,
 * never the process's output (it may hold secrets): "credential_process for profile X failed with exit 3".
 */
import { spawn } from 'node:child_process';
import type { AwsCredentialIdentity } from '@smithy/types';
import { loadSharedConfigFiles } from '@smithy/shared-ini-file-loader';
import { CredentialProcessError } from './credentialErrors';
import { abortError } from './rateLimiter';

/** Default time a credential_process may run: long enough for a helper that asks for MFA. */
export const DEFAULT_CREDENTIAL_PROCESS_TIMEOUT_MS = 60_000;

/** Output larger than this is not credentials. */
const MAX_OUTPUT_BYTES = 1024 * 1024;

/** Options for {@link runCredentialProcess}. */
export interface CredentialProcessRun {
  readonly profile: string;
  /** The `credential_process` value, run through the shell as the SDK and the AWS CLI do. */
  readonly command: string;
  readonly timeoutMs?: number;
  /** Kills the process and rejects with an `AbortError`. */
  readonly signal?: AbortSignal;
}

/** Kills the process group (the shell and whatever it started), falling back to the process. */
function killTree(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(process.platform === 'win32' ? pid : -pid, 'SIGKILL');
  } catch {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
}

function parseCredentials(profile: string, stdout: string): AwsCredentialIdentity {
  let data: unknown;
  try {
    data = JSON.parse(stdout);
  } catch {
    throw new CredentialProcessError(profile, { reason: 'invalidJson' });
  }
  if (typeof data !== 'object' || data === null) throw new CredentialProcessError(profile, { reason: 'invalidJson' });
  const { Version, AccessKeyId, SecretAccessKey, SessionToken, Expiration, AccountId } = data as Record<string, unknown>;
  if (Version !== 1) throw new CredentialProcessError(profile, { reason: 'noVersion' });
  if (typeof AccessKeyId !== 'string' || typeof SecretAccessKey !== 'string' || AccessKeyId === '' || SecretAccessKey === '') throw new CredentialProcessError(profile, { reason: 'noKeys' });
  const expiration = typeof Expiration === 'string' ? new Date(Expiration) : undefined;
  if (expiration !== undefined && Number.isNaN(expiration.getTime())) throw new CredentialProcessError(profile, { reason: 'invalidJson' });
  if (expiration !== undefined && expiration.getTime() <= Date.now()) throw new CredentialProcessError(profile, { reason: 'expired' });
  return {
    accessKeyId: AccessKeyId,
    secretAccessKey: SecretAccessKey,
    ...(typeof SessionToken === 'string' ? { sessionToken: SessionToken } : {}),
    ...(expiration ? { expiration } : {}),
    ...(typeof AccountId === 'string' && AccountId !== '' ? { accountId: AccountId } : {}),
  };
}

/** Runs the command and resolves with its credentials; rejects with a {@link CredentialProcessError} or an `AbortError`. */
export function runCredentialProcess(run: CredentialProcessRun): Promise<AwsCredentialIdentity> {
  const { profile, signal } = run;
  const timeoutMs = run.timeoutMs ?? DEFAULT_CREDENTIAL_PROCESS_TIMEOUT_MS;
  if (signal?.aborted === true) return Promise.reject(abortError(signal));
  return new Promise((resolve, reject) => {
    const child = spawn(run.command, { shell: true, detached: process.platform !== 'win32', stdio: ['ignore', 'pipe', 'ignore'], windowsHide: true });
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const finish = (outcome: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      outcome();
    };
    const onAbort = (): void => {
      killTree(child.pid);
      finish(() => {
        reject(abortError(signal));
      });
    };
    const timer = setTimeout(() => {
      killTree(child.pid);
      finish(() => {
        reject(new CredentialProcessError(profile, { timeoutMs }));
      });
    }, timeoutMs);
    signal?.addEventListener('abort', onAbort, { once: true });
    child.stdout.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_OUTPUT_BYTES) {
        killTree(child.pid);
        finish(() => {
          reject(new CredentialProcessError(profile, { reason: 'invalidJson' }));
        });
        return;
      }
      chunks.push(chunk);
    });
    child.on('error', () => {
      finish(() => {
        reject(new CredentialProcessError(profile, {}));
      });
    });
    child.on('close', (code, killedBy) => {
      finish(() => {
        if (code !== 0) {
          reject(new CredentialProcessError(profile, code === null ? { signal: killedBy ?? 'a signal' } : { exitCode: code }));
          return;
        }
        try {
          resolve(parseCredentials(profile, Buffer.concat(chunks).toString('utf8')));
        } catch (err) {
          reject(err instanceof Error ? err : new Error(String(err)));
        }
      });
    });
  });
}

/**
 * The `credential_process` command of a profile that gets its credentials directly from one (the
 * SDK's precedence: an assumed role, static keys and web identity come first), else undefined.
 */
export async function credentialProcessOf(profile: string, files: { readonly configFilepath?: string; readonly filepath?: string } = {}): Promise<string | undefined> {
  const { configFile, credentialsFile } = await loadSharedConfigFiles({ ...files, ignoreCache: true });
  const s: Readonly<Record<string, string | undefined>> = { ...configFile[profile], ...credentialsFile[profile] };
  if (s.role_arn && (s.source_profile || s.credential_source)) return undefined;
  if (s.aws_access_key_id && s.aws_secret_access_key) return undefined;
  if (s.role_arn && s.web_identity_token_file) return undefined;
  const command = s.credential_process?.trim();
  return command === undefined || command === '' ? undefined : command;
}
