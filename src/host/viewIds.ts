/** The tree views the extension contributes (package.json `contributes.views`). */
export const ViewIds = {
  events: 'cloudtrailInvestigator.events',
  results: 'cloudtrailInvestigator.results',
  drift: 'cloudtrailInvestigator.drift',
} as const;

export type ViewId = (typeof ViewIds)[keyof typeof ViewIds];
