// Restricted Mode in the host: the one-time notice (what the untrusted folder cannot do, and the way
// to trust it) and what the Terraform state search may do in this window.
import * as vscode from 'vscode';
import { withCancellableNotification } from './progress';
import { settings } from './settings';

const MANAGE_TRUST = 'Manage Workspace Trust';
const NOTICE =
  'CloudTrail Investigator is in Restricted Mode: this folder is not trusted, so its settings for the AWS profile, regions, endpoint and Terraform remote state are ignored (your user settings apply) and no program such as terraform runs.';

let noticeShown = false;

/**
 * Shows the Restricted Mode notice once per window (fixed text, one action that opens the
 * Workspace Trust editor). Does nothing in a trusted workspace.
 */
export function showRestrictedModeNotice(log: (message: string) => void, why: string): void {
  if (vscode.workspace.isTrusted) return;
  log(`Restricted Mode: ${why}`);
  if (noticeShown) return;
  noticeShown = true;
  void vscode.window.showInformationMessage(NOTICE, MANAGE_TRUST).then((choice) => {
    if (choice === MANAGE_TRUST) void vscode.commands.executeCommand('workbench.trust.manage');
  });
}

/**
 * At activation in an untrusted folder: the notice, once. Shown whether or not the folder sets a
 * restricted setting (VS Code may already hide such workspace values from `inspect`); the log names
 * the ignored ones it can see.
 */
export function noticeRestrictedModeAtActivation(log: (message: string) => void): void {
  const ignored = settings.ignoredWorkspaceSettings();
  showRestrictedModeNotice(log, ignored.length > 0 ? `workspace values of ${ignored.join(', ')} are ignored` : 'workspace values of profile, regions, endpoint and terraform.readRemoteState are ignored; no program runs');
}

/** What the host lets a Terraform state search do in this window. */
export interface TerraformAccess {
  /** `vscode.workspace.isTrusted`: untrusted means no program runs. */
  readonly trusted: boolean;
  /** The user's opt-in to run terraform for a remote backend (`terraform.readRemoteState`). */
  readonly readRemoteState: boolean;
  /** Every workspace folder: a terraform binary inside any of them is never run. */
  readonly workspaceFolders: readonly string[];
  /** Called when Restricted Mode kept terraform from running (the host says so once). */
  readonly onRestricted?: () => void;
  /** Runs the terraform step with visible, cancellable progress; default: directly. */
  readonly withProgress?: <T>(work: (signal: AbortSignal | undefined) => Promise<T>) => Promise<T>;
}

/** What the Terraform state search may do now: trust, the opt-in, the folders, a cancellable notification. */
export function terraformStateAccess(log: (message: string) => void): TerraformAccess {
  return {
    trusted: vscode.workspace.isTrusted,
    readRemoteState: settings.terraformReadRemoteState(),
    workspaceFolders: (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.fsPath),
    onRestricted: () => {
      showRestrictedModeNotice(log, 'terraform was not run to read a remote state');
    },
    withProgress: (work) => withCancellableNotification('CloudTrail: Reading remote Terraform state (terraform state pull)', (signal) => work(signal)),
  };
}
