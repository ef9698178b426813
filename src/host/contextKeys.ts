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
  /** Trail log files on disk (not the LookupEvents API) are the active source. */
  archiveActive: 'cloudtrailInvestigator.archiveActive',
} as const;

export type ContextKey = (typeof ContextKeys)[keyof typeof ContextKeys];

export async function setContext(key: ContextKey, value: unknown): Promise<void> {
  await vscode.commands.executeCommand('setContext', key, value);
}
