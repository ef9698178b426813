import * as vscode from 'vscode';
import { createSettingsReader } from './settingsReader';
import { SettingKeys, type SettingKey } from './settingsTypes';

export { SettingKeys, type GroupByKey, type SettingKey } from './settingsTypes';
export type { AthenaSettings } from './settingsReader';

const SECTION = 'cloudtrailInvestigator';

function config(): vscode.WorkspaceConfiguration {
  return vscode.workspace.getConfiguration(SECTION);
}

/**
 * Typed access to the extension's settings. The only module that reads `cloudtrailInvestigator.*`.
 * In an untrusted workspace the restricted settings (profile, regions, endpoint, Terraform
 * remote-state reading) ignore workspace and folder values (see settingsReader.ts).
 */
export const settings = {
  ...createSettingsReader({ config, trusted: () => vscode.workspace.isTrusted }),
  /** Cloud blame CodeLens and hover on Terraform resources (features/blame); default on. */
  blameEnabled(): boolean {
    return config().get<boolean>(SettingKeys.blameEnabled, true);
  },
  /** Language ids that get cloud blame (only `.tf` files are read as Terraform). */
  blameLanguages(): string[] {
    const value = config().get<unknown>(SettingKeys.blameLanguages, ['terraform', 'hcl', 'plaintext']);
    return Array.isArray(value) ? value.filter((l): l is string => typeof l === 'string' && l.trim() !== '').map((l) => l.trim()) : [];
  },
  async update(key: SettingKey, value: unknown): Promise<void> {
    await config().update(key, value, vscode.ConfigurationTarget.Global);
  },
  /** Calls `listener` when any of `keys` changes, and when the workspace becomes trusted (restricted values change then). */
  onDidChange(keys: readonly SettingKey[], listener: () => void): vscode.Disposable {
    const changed = vscode.workspace.onDidChangeConfiguration((e) => {
      if (keys.some((k) => e.affectsConfiguration(`${SECTION}.${k}`))) listener();
    });
    const trusted = vscode.workspace.onDidGrantWorkspaceTrust(() => {
      listener();
    });
    return vscode.Disposable.from(changed, trusted);
  },
};
