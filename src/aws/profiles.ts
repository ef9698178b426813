/**
 * The user's named profiles, read from the shared config and credentials files with the SDK's own
 * loader (so `AWS_CONFIG_FILE` / `AWS_SHARED_CREDENTIALS_FILE` and every INI quirk behave exactly as
 * the credential providers see them). Only metadata leaves this module: never a key or a token.
 */
import { loadSharedConfigFiles, getProfileName } from '@smithy/shared-ini-file-loader';

/**
 * How a profile obtains credentials, in the order the SDK's `fromIni` resolves them:
 * `assumeRole` (role_arn with source_profile or credential_source), `staticKeys`, `webIdentity`,
 * `credentialProcess`, `ssoSession` (sso_session reference), `ssoLegacy` (sso_start_url in the
 * profile), or `none` when the profile only holds settings such as a region.
 */
export type ProfileKind = 'assumeRole' | 'staticKeys' | 'webIdentity' | 'credentialProcess' | 'ssoSession' | 'ssoLegacy' | 'none';

/** One named profile, without any secret. */
export interface AwsProfile {
  readonly name: string;
  readonly kind: ProfileKind;
  /** The profile's default region (`region` key), when set. */
  readonly region?: string;
  /** For `assumeRole`/`webIdentity`: the role to assume. */
  readonly roleArn?: string;
  /** For `assumeRole`: the profile whose credentials assume the role. */
  readonly sourceProfile?: string;
  /** For `assumeRole`: `Environment`, `Ec2InstanceMetadata` or `EcsContainer`. */
  readonly credentialSource?: string;
  /** Set when assuming the role needs an MFA code. */
  readonly mfaSerial?: string;
  /** For `ssoSession`: the `[sso-session …]` section name. */
  readonly ssoSession?: string;
  /** For SSO profiles: the portal start URL (from the profile or its sso-session). */
  readonly ssoStartUrl?: string;
  /** Which files define the profile. */
  readonly sources: readonly ('config' | 'credentials')[];
}

/** Where to read the files; by default the SDK's rules (environment variables, then `~/.aws`). */
export interface ProfileFilesInit {
  readonly configFilepath?: string;
  readonly filepath?: string;
}

type Section = Readonly<Record<string, string | undefined>>;

/** Sections of the config file that are not profiles (`[sso-session x]`, `[services x]`). */
const NON_PROFILE_PREFIXES = ['sso-session.', 'services.'];

/**
 * Lists every profile defined in either file, sorted by name with `default` first. The files are
 * re-read on each call so a profile added in a terminal appears without a restart.
 */
export async function listProfiles(init: ProfileFilesInit = {}): Promise<AwsProfile[]> {
  const { configFile, credentialsFile } = await loadSharedConfigFiles({ ...init, ignoreCache: true });
  const ssoSessions = new Map<string, Section>();
  const configProfiles = new Map<string, Section>();
  for (const [key, section] of Object.entries(configFile)) {
    if (key.startsWith('sso-session.')) ssoSessions.set(key.slice('sso-session.'.length), section);
    else if (!NON_PROFILE_PREFIXES.some((p) => key.startsWith(p))) configProfiles.set(key, section);
  }
  const names = new Set([...configProfiles.keys(), ...Object.keys(credentialsFile)]);
  const profiles: AwsProfile[] = [];
  for (const name of names) {
    const fromConfig = configProfiles.get(name);
    const fromCredentials = Object.hasOwn(credentialsFile, name) ? credentialsFile[name] : undefined;
    // The SDK merges both files key by key with the credentials file winning; mirror that.
    const merged: Section = { ...fromConfig, ...fromCredentials };
    const sources: ('config' | 'credentials')[] = [];
    if (fromConfig) sources.push('config');
    if (fromCredentials) sources.push('credentials');
    profiles.push(describeProfile(name, merged, sources, ssoSessions));
  }
  return profiles.sort((a, b) => (a.name === 'default' ? -1 : b.name === 'default' ? 1 : a.name.localeCompare(b.name)));
}

/** The profile the SDK uses when none is chosen: `AWS_PROFILE`, else `default`. */
export function defaultProfileName(): string {
  return getProfileName({});
}

function describeProfile(name: string, s: Section, sources: ('config' | 'credentials')[], ssoSessions: ReadonlyMap<string, Section>): AwsProfile {
  const ssoSession = s.sso_session;
  const base = {
    name,
    sources,
    ...(s.region ? { region: s.region } : {}),
    ...(s.role_arn ? { roleArn: s.role_arn } : {}),
    ...(s.mfa_serial ? { mfaSerial: s.mfa_serial } : {}),
  };
  if (s.role_arn && (s.source_profile || s.credential_source)) {
    return {
      ...base,
      kind: 'assumeRole',
      ...(s.source_profile ? { sourceProfile: s.source_profile } : {}),
      ...(s.credential_source ? { credentialSource: s.credential_source } : {}),
    };
  }
  if (s.aws_access_key_id && s.aws_secret_access_key) return { ...base, kind: 'staticKeys' };
  if (s.role_arn && s.web_identity_token_file) return { ...base, kind: 'webIdentity' };
  if (s.credential_process) return { ...base, kind: 'credentialProcess' };
  if (ssoSession) {
    const startUrl = ssoSessions.get(ssoSession)?.sso_start_url;
    return { ...base, kind: 'ssoSession', ssoSession, ...(startUrl ? { ssoStartUrl: startUrl } : {}) };
  }
  if (s.sso_start_url) return { ...base, kind: 'ssoLegacy', ssoStartUrl: s.sso_start_url };
  return { ...base, kind: 'none' };
}
