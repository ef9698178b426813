import * as vscode from 'vscode';
import type { TrailEventSource } from '../core/query';
import { createApiEventSource } from '../aws/apiEventSource';
import { createCachedApiSource } from '../archive/store/cachedLookupSource';
import type { TrailStore } from '../archive/store/trailStore';
import { listProfiles } from '../aws/profiles';
import { apiSourceOptions } from './apiSourceOptions';
import type { EventSourceProvider } from './services';
import { safeInputMessage } from '../core/safeText';
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
    prompt: safeInputMessage`Enter the current code of MFA device ${serial}`,
    ignoreFocusOut: true,
    validateInput: (v) => (/^\d{6}$/.test(v.trim()) ? undefined : 'The code is 6 digits.'),
  });
  if (code === undefined) throw new Error(`An MFA code for ${serial} is required to use this profile.`);
  return code.trim();
}

/**
 * The default event source: the LookupEvents API for the profile, regions, endpoint and call limits
 * in settings. Built lazily on first use (activation does no credential or network work) and reused
 * until one of those settings changes, so credentials and clients are resolved once.
 */
export function createApiSourceProvider(options: { readonly lookupStore?: () => TrailStore } = {}): EventSourceProvider {
  let cached: { key: string; store: TrailStore | undefined; source: TrailEventSource } | undefined;
  return async (): Promise<TrailEventSource> => {
    const regions = await resolveRegions(settings.profile());
    const { options: apiOptions, key } = apiSourceOptions(settings, regions, askMfaCode);
    // With trailCache.lookups on, results go into the trail store (a cleared store is a new one).
    const store = settings.trailCacheLookups() ? options.lookupStore?.() : undefined;
    if (cached?.key !== key || cached.store !== store) {
      const source = store
        ? createCachedApiSource({ store, regions, cacheKey: key, createSource: (hooks) => createApiEventSource({ ...apiOptions, ...hooks }) })
        : createApiEventSource(apiOptions);
      cached = { key, store, source };
    }
    return cached.source;
  };
}
