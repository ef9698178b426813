import * as vscode from 'vscode';

/** Context keys (`when` clauses) the extension sets; one place so package.json and code agree. */
export const ContextKeys = {
  hasResults: 'cloudtrailInvestigator.hasResults',
  loading: 'cloudtrailInvestigator.loading',
  noProfiles: 'cloudtrailInvestigator.noProfiles',
  arnAtCursor: 'cloudtrailInvestigator.arnAtCursor',
  /** True once the editor integration runs; before that, Terraform files show the menu item by extension. */
  editorReady: 'cloudtrailInvestigator.editorReady',
  hasResultSets: 'cloudtrailInvestigator.hasResultSets',
  errorsOnly: 'cloudtrailInvestigator.errorsOnly',
  filterActive: 'cloudtrailInvestigator.filterActive',
  /** The trees show only changes made outside IaC / only digest-verified archive events (checks in the view menu). */
  outsideIacOnly: 'cloudtrailInvestigator.outsideIacOnly',
  verifiedOnly: 'cloudtrailInvestigator.verifiedOnly',
  /** Trail log files on disk (not the LookupEvents API) are the active source. */
  archiveActive: 'cloudtrailInvestigator.archiveActive',
  /** A drift-suspects scan runs (features/blame). */
  driftScanning: 'cloudtrailInvestigator.driftScanning',
  /** Athena (features/athena) is the active source; a query of it runs. */
  athenaActive: 'cloudtrailInvestigator.athenaActive',
  athenaRunning: 'cloudtrailInvestigator.athenaRunning',
} as const;

export type ContextKey = (typeof ContextKeys)[keyof typeof ContextKeys];

export async function setContext(key: ContextKey, value: unknown): Promise<void> {
  await vscode.commands.executeCommand('setContext', key, value);
}
