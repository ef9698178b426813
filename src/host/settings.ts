import * as vscode from 'vscode';
import { SettingKeys, type GroupByKey, type SettingKey } from './settingsTypes';

export { SettingKeys, type GroupByKey, type SettingKey } from './settingsTypes';

const SECTION = 'cloudtrailInvestigator';

const GROUP_BY_VALUES: readonly GroupByKey[] = ['service', 'principal', 'resource', 'region'];

function config(): vscode.WorkspaceConfiguration {
  return vscode.workspace.getConfiguration(SECTION);
}

/** Typed access to the extension's settings. The only module that reads `cloudtrailInvestigator.*`. */
export const settings = {
  /** The AWS profile; empty means the SDK's default credential chain. */
  profile(): string {
    return config().get<string>(SettingKeys.profile, '').trim();
  },
  /** Regions to search; empty means the profile's own region. */
  regions(): string[] {
    const value = config().get<unknown>(SettingKeys.regions, []);
    return Array.isArray(value) ? value.filter((r): r is string => typeof r === 'string' && r.trim() !== '').map((r) => r.trim()) : [];
  },
  groupBy(): GroupByKey {
    const value = config().get<string>(SettingKeys.groupBy, 'service');
    return (GROUP_BY_VALUES as readonly string[]).includes(value) ? (value as GroupByKey) : 'service';
  },
  lookbackHours(): number {
    const value = config().get<number>(SettingKeys.lookbackHours, 24);
    return Number.isFinite(value) && value > 0 ? Math.min(value, 24 * 90) : 24;
  },
  includeReadOnly(): boolean {
    return config().get<boolean>(SettingKeys.includeReadOnly, false);
  },
  maxEvents(): number {
    const value = config().get<number>(SettingKeys.maxEvents, 1000);
    return Number.isFinite(value) && value >= 50 ? Math.floor(value) : 1000;
  },
  autoRefreshMinutes(): number {
    const value = config().get<number>(SettingKeys.autoRefreshMinutes, 0);
    return Number.isFinite(value) && value > 0 ? value : 0;
  },
  /**
   * Endpoint override for LookupEvents (tests, the demo, VPC endpoints). Machine-scoped in the manifest
   * so a workspace cannot set it, and ignored entirely in untrusted workspaces: it could redirect signed requests.
   */
  endpoint(): string | undefined {
    if (!vscode.workspace.isTrusted) return undefined;
    const inspected = config().inspect<string>(SettingKeys.endpoint);
    const value = (inspected?.globalValue ?? inspected?.defaultValue ?? '').trim();
    return value === '' ? undefined : value;
  },
  async update(key: SettingKey, value: unknown): Promise<void> {
    await config().update(key, value, vscode.ConfigurationTarget.Global);
  },
  /** Calls `listener` when any of `keys` changes. */
  onDidChange(keys: readonly SettingKey[], listener: () => void): vscode.Disposable {
    return vscode.workspace.onDidChangeConfiguration((e) => {
      if (keys.some((k) => e.affectsConfiguration(`${SECTION}.${k}`))) listener();
    });
  },
};
