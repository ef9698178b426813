// The status-bar toggle for cloud blame (GitLens's lesson: ambient annotations must be easy to
// silence): shown while a Terraform file is active, it says whether blame is on and turns it off
// or on with one click (the `blame.enabled` user setting).
import * as vscode from 'vscode';
import { CommandIds } from '../../host/commandIds';
import { settings } from '../../host/settings';
import { isTerraformFile } from './blameContext';

/** The item; `update()` after the active editor or the settings change. */
export class BlameStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('cloudtrailInvestigator.blame', vscode.StatusBarAlignment.Right, 90);

  constructor() {
    this.item.name = 'CloudTrail Cloud Blame';
    this.item.command = CommandIds.blameToggle;
    this.update();
  }

  update(): void {
    const on = settings.blameEnabled();
    this.item.text = on ? '$(eye) Cloud blame' : '$(eye-closed) Cloud blame';
    this.item.tooltip = on ? 'Cloud blame is on: click to hide who changed each resource' : 'Cloud blame is off: click to show who changed each resource';
    const doc = vscode.window.activeTextEditor?.document;
    if (doc !== undefined && isTerraformFile(doc)) this.item.show();
    else this.item.hide();
  }

  /** The item's text, for tests. */
  get text(): string {
    return this.item.text;
  }

  dispose(): void {
    this.item.dispose();
  }
}

/** Flips the setting (user scope) and returns the new value. */
export async function toggleBlame(): Promise<boolean> {
  const next = !settings.blameEnabled();
  await settings.update('blame.enabled', next);
  return next;
}
