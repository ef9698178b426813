/** Grouping dimensions offered by the tree; mirrors `GroupBy` in core/grouping. */
export type GroupByKey = 'service' | 'principal' | 'resource' | 'region';

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
} as const;

export type SettingKey = (typeof SettingKeys)[keyof typeof SettingKeys];
