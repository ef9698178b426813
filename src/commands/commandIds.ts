/**
 * Every command id the extension registers. package.json's `contributes.commands` must match
 * (checked by test/unit/manifest.test.ts); register commands only through these constants.
 */
export const CommandIds = {
  showLogs: 'cloudtrailInvestigator.showLogs',
} as const;

export type CommandId = (typeof CommandIds)[keyof typeof CommandIds];
