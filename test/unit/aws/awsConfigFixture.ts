/** Paths of the fixture shared config/credentials files, and the fake secrets they hold. */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

export const FIXTURE_DIR = path.resolve(__dirname, '../../../../test/fixtures/aws-config');
export const FIXTURE_FILES = { configFilepath: path.join(FIXTURE_DIR, 'config'), filepath: path.join(FIXTURE_DIR, 'credentials') };

/** Every secret key and session token in the fixture credentials file. */
export function fixtureSecrets(): string[] {
  const text = readFileSync(FIXTURE_FILES.filepath, 'utf8');
  return [...text.matchAll(/^(?:aws_secret_access_key|aws_session_token)\s*=\s*(\S+)$/gm)].map((m) => m[1]);
}

const ENV_KEYS = ['HOME', 'USERPROFILE', 'AWS_PROFILE', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_EC2_METADATA_DISABLED', 'AWS_CONFIG_FILE', 'AWS_SHARED_CREDENTIALS_FILE'];

/**
 * For the enclosing suite: a fresh temporary home (no real ~/.aws or SSO cache can leak in), IMDS off,
 * the fixture shared files in the environment (the SSO provider re-reads them from there, as in real
 * use), no profile or keys from the environment; everything restored after. With `ssoCache`, the
 * fixture SSO token cache is copied into the home. Returns the home's path (valid inside the suite).
 */
export function useFixtureAwsHome(options: { readonly ssoCache?: string } = {}): () => string {
  const saved = new Map<string, string | undefined>();
  let home = '';
  before(() => {
    for (const k of ENV_KEYS) saved.set(k, process.env[k]);
    home = mkdtempSync(path.join(tmpdir(), 'ct-home-'));
    if (options.ssoCache !== undefined) {
      mkdirSync(path.join(home, '.aws', 'sso'), { recursive: true });
      cpSync(options.ssoCache, path.join(home, '.aws', 'sso', 'cache'), { recursive: true });
    }
    process.env.HOME = home;
    process.env.USERPROFILE = home;
    process.env.AWS_EC2_METADATA_DISABLED = 'true';
    process.env.AWS_CONFIG_FILE = FIXTURE_FILES.configFilepath;
    process.env.AWS_SHARED_CREDENTIALS_FILE = FIXTURE_FILES.filepath;
    for (const k of ['AWS_PROFILE', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN']) Reflect.deleteProperty(process.env, k);
  });
  after(() => {
    for (const [k, v] of saved) {
      if (v === undefined) Reflect.deleteProperty(process.env, k);
      else process.env[k] = v;
    }
    rmSync(home, { recursive: true, force: true });
  });
  return () => home;
}
