// The extension's settings read from a configuration, with Restricted Mode applied: in an untrusted
// workspace the settings that choose credentials or where requests go take only the user's (global)
// or the default value, never a workspace or folder value. No `vscode` import: settings.ts hands in
// VS Code's configuration, unit tests a configuration of their own.
import type { CallLimits } from '../aws/callLimits';
import { isGroupBy } from '../core/grouping';
import { SettingKeys, type GroupByKey, type SettingKey } from './settingsTypes';

/** What the reader needs of a `vscode.WorkspaceConfiguration`. */
export interface ConfigurationLike {
  get(key: string): unknown;
  inspect(key: string):
    | { readonly defaultValue?: unknown; readonly globalValue?: unknown; readonly workspaceValue?: unknown; readonly workspaceFolderValue?: unknown; readonly workspaceLanguageValue?: unknown; readonly workspaceFolderLanguageValue?: unknown }
    | undefined;
}

/**
 * Settings that choose which credentials sign requests, where requests go, or whether a program
 * runs. Also `capabilities.untrustedWorkspaces.restrictedConfigurations` in package.json.
 */
export const RESTRICTED_SETTINGS: readonly SettingKey[] = [
  SettingKeys.profile,
  SettingKeys.regions,
  SettingKeys.endpoint,
  SettingKeys.s3Endpoint,
  SettingKeys.terraformReadRemoteState,
  SettingKeys.athenaRegion,
  SettingKeys.athenaWorkGroup,
  SettingKeys.athenaDatabase,
  SettingKeys.athenaTable,
  SettingKeys.athenaOutputLocation,
  SettingKeys.athenaEndpoint,
];

/** Machine-scoped settings: only the user's (global) value counts, trusted or not. */
const MACHINE_SETTINGS: ReadonlySet<SettingKey> = new Set([SettingKeys.endpoint, SettingKeys.s3Endpoint, SettingKeys.terraformReadRemoteState, SettingKeys.athenaEndpoint]);

/** Where the reader gets its values. */
export interface SettingsSource {
  readonly config: () => ConfigurationLike;
  /** `vscode.workspace.isTrusted`. */
  readonly trusted: () => boolean;
}

function userOrDefault(config: ConfigurationLike, key: SettingKey): unknown {
  const inspected = config.inspect(key);
  return inspected?.globalValue ?? inspected?.defaultValue;
}

function raw(source: SettingsSource, key: SettingKey): unknown {
  const config = source.config();
  if (MACHINE_SETTINGS.has(key) || (RESTRICTED_SETTINGS.includes(key) && !source.trusted())) return userOrDefault(config, key);
  return config.get(key);
}

function positive(value: unknown, fallback: number, max = Number.MAX_SAFE_INTEGER): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? Math.min(value, max) : fallback;
}

/**
 * The restricted settings that have a workspace or folder value which Restricted Mode ignores
 * (empty when trusted): what the one-time notice names.
 */
export function ignoredWorkspaceSettings(source: SettingsSource): SettingKey[] {
  if (source.trusted()) return [];
  const config = source.config();
  return RESTRICTED_SETTINGS.filter((key) => {
    const i = config.inspect(key);
    return [i?.workspaceValue, i?.workspaceFolderValue, i?.workspaceLanguageValue, i?.workspaceFolderLanguageValue].some((v) => v !== undefined);
  });
}

/** The Athena settings (features/athena), trimmed; empty strings are unset. */
export interface AthenaSettings {
  readonly region: string;
  readonly workGroup: string;
  readonly database: string;
  readonly table: string;
  readonly outputLocation: string;
  readonly endpoint?: string;
  readonly confirmScanAboveBytes: number;
}

/** Typed getters over `source`; `settings.ts` exports the one over VS Code's configuration. */
export function createSettingsReader(source: SettingsSource) {
  return {
    /** The AWS profile; empty means the SDK's default credential chain. Restricted: user value only when untrusted. */
    profile(): string {
      const value = raw(source, SettingKeys.profile);
      return typeof value === 'string' ? value.trim() : '';
    },
    /** Regions to search; empty means the profile's own region. Restricted: user value only when untrusted. */
    regions(): string[] {
      const value = raw(source, SettingKeys.regions);
      return Array.isArray(value) ? value.filter((r): r is string => typeof r === 'string' && r.trim() !== '').map((r) => r.trim()) : [];
    },
    groupBy(): GroupByKey {
      const value = raw(source, SettingKeys.groupBy);
      return isGroupBy(value) ? value : 'service';
    },
    lookbackHours(): number {
      return positive(raw(source, SettingKeys.lookbackHours), 24, 24 * 90);
    },
    includeReadOnly(): boolean {
      return raw(source, SettingKeys.includeReadOnly) === true;
    },
    maxEvents(): number {
      const value = raw(source, SettingKeys.maxEvents);
      return typeof value === 'number' && Number.isFinite(value) && value >= 50 ? Math.floor(value) : 1000;
    },
    autoRefreshMinutes(): number {
      return positive(raw(source, SettingKeys.autoRefreshMinutes), 0);
    },
    /**
     * Endpoint override for LookupEvents (tests, the demo, VPC endpoints). Machine-scoped (only the
     * user's value counts) and ignored entirely in untrusted workspaces: it could redirect signed requests.
     */
    endpoint(): string | undefined {
      if (!source.trusted()) return undefined;
      const value = raw(source, SettingKeys.endpoint);
      const text = typeof value === 'string' ? value.trim() : '';
      return text === '' ? undefined : text;
    },
    /** Endpoint override for S3 (Open Trail Bucket…): machine-scoped and ignored in untrusted workspaces, like {@link endpoint}. */
    s3Endpoint(): string | undefined {
      if (!source.trusted()) return undefined;
      const value = raw(source, SettingKeys.s3Endpoint);
      const text = typeof value === 'string' ? value.trim() : '';
      return text === '' ? undefined : text;
    },
    /** Size cap of downloaded trail objects in bytes (`trailCache.maxSizeMB`, 2048, at least 16). */
    trailCacheBytes(): number {
      const value = raw(source, SettingKeys.trailCacheMaxSizeMB);
      return (typeof value === 'number' && Number.isFinite(value) && value >= 16 ? Math.floor(value) : 2048) * 1024 * 1024;
    },
    /** Whether LookupEvents results are kept in the trail store and reused (`trailCache.lookups`). */
    trailCacheLookups(): boolean {
      return raw(source, SettingKeys.trailCacheLookups) === true;
    },
    /** Whether a remote Terraform backend may be read by running terraform: the user's opt-in, and never when untrusted. */
    terraformReadRemoteState(): boolean {
      return source.trusted() && raw(source, SettingKeys.terraformReadRemoteState) === true;
    },
    /** Timeouts and attempts of every AWS call (`requestTimeoutSeconds` 10, `connectTimeoutSeconds` 5, `maxAttempts` 3). */
    callLimits(): CallLimits {
      return {
        requestTimeoutMs: positive(raw(source, SettingKeys.requestTimeoutSeconds), 10, 600) * 1000,
        connectTimeoutMs: positive(raw(source, SettingKeys.connectTimeoutSeconds), 5, 600) * 1000,
        maxAttempts: Math.max(1, Math.floor(positive(raw(source, SettingKeys.maxAttempts), 3, 10))),
      };
    },
    /** How long a profile's credential_process may run before it is stopped (`credentialProcessTimeoutSeconds`, 60). */
    credentialProcessTimeoutMs(): number {
      return positive(raw(source, SettingKeys.credentialProcessTimeoutSeconds), 60, 3600) * 1000;
    },
    /** Cap on the inflated size of one gzip trail file (`archive.maxInflatedMegabytes`, 1024). */
    maxInflatedBytes(): number {
      return Math.floor(positive(raw(source, SettingKeys.archiveMaxInflatedMegabytes), 1024, 64 * 1024) * 1024 * 1024);
    },
    /**
     * Where Athena queries go (features/athena): region, workgroup, database, table, result location
     * (restricted), the endpoint override (machine-scoped, ignored when untrusted, like `endpoint`),
     * and the estimated scan above which a query asks first (`athena.confirmScanAboveMB`, 1024).
     */
    athena(): AthenaSettings {
      const text = (key: SettingKey): string => {
        const value = raw(source, key);
        return typeof value === 'string' ? value.trim() : '';
      };
      const endpoint = source.trusted() ? text(SettingKeys.athenaEndpoint) : '';
      const mb = raw(source, SettingKeys.athenaConfirmScanAboveMB);
      return {
        region: text(SettingKeys.athenaRegion),
        workGroup: text(SettingKeys.athenaWorkGroup) || 'primary',
        database: text(SettingKeys.athenaDatabase),
        table: text(SettingKeys.athenaTable),
        outputLocation: text(SettingKeys.athenaOutputLocation),
        ...(endpoint !== '' ? { endpoint } : {}),
        confirmScanAboveBytes: (typeof mb === 'number' && Number.isFinite(mb) && mb >= 0 ? mb : 1024) * 1024 * 1024,
      };
    },
    /** Restricted settings whose workspace value is ignored right now. */
    ignoredWorkspaceSettings(): SettingKey[] {
      return ignoredWorkspaceSettings(source);
    },
  };
}

/** The getters of {@link createSettingsReader}. */
export type SettingsReader = ReturnType<typeof createSettingsReader>;
