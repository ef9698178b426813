import * as vscode from 'vscode';
import type { TrailEventSource } from '../core/query';
import { createApiEventSource } from '../aws/apiEventSource';
import { listProfiles } from '../aws/profiles';
import type { EventSourceProvider } from './services';
import { settings } from './settings';

/** Region used when neither the settings, the profile nor the environment name one. */
const FALLBACK_REGION = 'us-east-1';

/** The regions to search: the setting, else the profile's region, else AWS_REGION, else us-east-1. */
export async function resolveRegions(profile: string): Promise<string[]> {
  const configured = settings.regions();
  if (configured.length > 0) return configured;
  const name = profile === '' ? (process.env.AWS_PROFILE ?? 'default') : profile;
  const profiles = await listProfiles().catch(() => []);
  const fromProfile = profiles.find((p) => p.name === name)?.region;
  return [fromProfile ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? FALLBACK_REGION];
}

/** Asks for the current MFA code when an assume-role profile requires one. */
async function askMfaCode(serial: string): Promise<string> {
  const code = await vscode.window.showInputBox({
    title: 'CloudTrail: MFA code',
    prompt: `Enter the current code of MFA device ${serial}`,
    ignoreFocusOut: true,
    validateInput: (v) => (/^\d{6}$/.test(v.trim()) ? undefined : 'The code is 6 digits.'),
  });
  if (code === undefined) throw new Error(`An MFA code for ${serial} is required to use this profile.`);
  return code.trim();
}

/**
 * The default event source: the LookupEvents API for the profile, regions and endpoint in settings.
 * Built lazily on first use (activation does no credential or network work) and reused until one of
 * those settings changes, so credentials and clients are resolved once.
 */
export function createApiSourceProvider(): EventSourceProvider {
  let cached: { key: string; source: TrailEventSource } | undefined;
  return async (): Promise<TrailEventSource> => {
    const profile = settings.profile();
    const regions = await resolveRegions(profile);
    const endpoint = settings.endpoint();
    const key = JSON.stringify([profile, regions, endpoint ?? '']);
    if (cached?.key !== key) {
      cached = {
        key,
        source: createApiEventSource({
          ...(profile !== '' ? { profile } : {}),
          regions,
          ...(endpoint !== undefined ? { endpoint } : {}),
          mfaCodeProvider: askMfaCode,
        }),
      };
    }
    return cached.source;
  };
}
