import type { GroupBy } from '../core/grouping';

/** Grouping dimensions offered by the tree (the `groupBy` setting): core's grouping keys. */
export type GroupByKey = GroupBy;

/** Every setting the code reads; `test/unit/manifest.test.ts` checks each is declared in package.json. */
export const SettingKeys = {
  profile: 'profile',
  regions: 'regions',
  groupBy: 'groupBy',
  lookbackHours: 'lookbackHours',
  includeReadOnly: 'includeReadOnly',
  maxEvents: 'maxEvents',
  autoRefreshMinutes: 'autoRefreshMinutes',
  endpoint: 'endpoint',
  terraformReadRemoteState: 'terraform.readRemoteState',
  requestTimeoutSeconds: 'requestTimeoutSeconds',
  connectTimeoutSeconds: 'connectTimeoutSeconds',
  maxAttempts: 'maxAttempts',
  credentialProcessTimeoutSeconds: 'credentialProcessTimeoutSeconds',
  archiveMaxInflatedMegabytes: 'archive.maxInflatedMegabytes',
  s3Endpoint: 's3Endpoint',
  trailCacheMaxSizeMB: 'trailCache.maxSizeMB',
  trailCacheLookups: 'trailCache.lookups',
  blameEnabled: 'blame.enabled',
  blameLanguages: 'blame.languages',
  // Athena (features/athena)
  athenaRegion: 'athena.region',
  athenaWorkGroup: 'athena.workGroup',
  athenaDatabase: 'athena.database',
  athenaTable: 'athena.table',
  athenaOutputLocation: 'athena.outputLocation',
  athenaEndpoint: 'athena.endpoint',
  athenaConfirmScanAboveMB: 'athena.confirmScanAboveMB',
} as const;

export type SettingKey = (typeof SettingKeys)[keyof typeof SettingKeys];
