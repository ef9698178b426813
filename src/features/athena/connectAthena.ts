// "CloudTrail: Connect to Athena…": pick the workgroup (ListWorkGroups), type the database, the
// CloudTrail table and, when the workgroup has none, the result location; the table's partitions are
// read from its metadata (GetTableMetadata), the choices saved as user settings, and Athena becomes
// the views' source. Nothing is saved when a step fails or is dismissed.
import * as vscode from 'vscode';
import { safeInputMessage, safeMessage, safeQuickPick } from '../../core/safeText';
import { UserCancelled } from '../../host/cancellation';
import type { Prompter } from '../../host/prompter';
import { withCancellableNotification } from '../../host/progress';
import { settings, SettingKeys } from '../../host/settings';
import { athenaModule, clientOptions, createSource, currentTarget } from './athenaConnection';
import type { AthenaSession } from './athenaSession';
import { parseList } from './athenaText';

const NAME = /^[A-Za-z_][A-Za-z0-9_]{0,254}$/;
const ACCOUNT = /^\d{12}$/;

export interface ConnectDeps {
  readonly prompter: Prompter;
  readonly session: AthenaSession;
}

function nameCheck(what: string): (value: string) => string | undefined {
  return (value) => (NAME.test(value.trim()) ? undefined : safeInputMessage`${what}: use letters, digits and _ (starting with a letter or _).`);
}

async function ask(prompter: Prompter, options: vscode.InputBoxOptions): Promise<string> {
  const value = await prompter.input({ ignoreFocusOut: true, ...options });
  if (value === undefined) throw new UserCancelled();
  return value.trim();
}

/** Runs the command; resolves with the connected source's label. */
export async function connectAthena(deps: ConnectDeps): Promise<string> {
  const target = await currentTarget();
  const mod = athenaModule();
  const client = mod.createAthenaClient({ ...clientOptions(target), maxAttempts: 3 });
  try {
    const groups = await withCancellableNotification(safeMessage`CloudTrail: Reading Athena workgroups in ${target.region}`, () => mod.listWorkGroups(client));
    const items = groups.map((g) => ({
      label: safeQuickPick`${g.name}`,
      description: g.enabled ? (g.name === target.settings.workGroup ? safeQuickPick`current` : '') : safeQuickPick`disabled`,
      ...(g.description !== undefined ? { detail: safeQuickPick`${g.description}` } : {}),
      name: g.name,
    }));
    if (items.length === 0) throw new Error(safeMessage`Athena lists no workgroups in ${target.region} for this profile.`);
    const group = await deps.prompter.pickOne(items, { title: safeQuickPick`Connect to Athena (1/4): workgroup in ${target.region}`, ignoreFocusOut: true });
    if (!group) throw new UserCancelled();
    const database = await ask(deps.prompter, { title: 'Connect to Athena (2/4): database of the CloudTrail table', value: target.settings.database || 'default', validateInput: nameCheck('Database') });
    const table = await ask(deps.prompter, { title: 'Connect to Athena (3/4): CloudTrail table', value: target.settings.table || 'cloudtrail_logs', validateInput: nameCheck('Table') });
    const output = await ask(deps.prompter, {
      title: 'Connect to Athena (4/4): result location (empty: the workgroup’s)',
      value: target.settings.outputLocation,
      placeHolder: 's3://bucket/athena-results/',
      validateInput: (v) => (v.trim() === '' || /^s3:\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](\/.*)?$/.test(v.trim()) ? undefined : 'Enter an s3://bucket/prefix/ location, or leave it empty.'),
    });
    let shape;
    try {
      shape = await mod.getTableShape(client, 'AwsDataCatalog', database, table);
    } catch (err) {
      throw new Error(safeMessage`Athena has no readable table ${database}.${table}: ${err instanceof Error ? err.message : String(err)}. Create one with "Create Athena Table for a Trail Bucket…".`);
    }
    let accounts: string[] = [];
    if (shape.accountProjection === 'injected') {
      const typed = await ask(deps.prompter, { title: 'Accounts to search (the table injects them): 12-digit ids, comma-separated', validateInput: (v) => (parseList(v).length > 0 && parseList(v).every((a) => ACCOUNT.test(a)) ? undefined : 'Enter one or more 12-digit account ids.') });
      accounts = parseList(typed);
    }
    const chosen = { ...target, settings: { ...target.settings, workGroup: group.name, database, table, outputLocation: output } };
    const source = createSource(chosen, shape, accounts);
    const limits = await source.workGroupLimits();
    if (!limits.enabled) throw new Error(safeMessage`The Athena workgroup ${limits.name} is disabled.`);
    if (limits.outputLocation === undefined && output === '') throw new Error(safeMessage`The workgroup ${limits.name} has no result location: connect again and enter an s3:// location.`);
    await settings.update(SettingKeys.athenaWorkGroup, group.name);
    await settings.update(SettingKeys.athenaDatabase, database);
    await settings.update(SettingKeys.athenaTable, table);
    await settings.update(SettingKeys.athenaOutputLocation, output);
    await deps.session.use(source);
    const pruning = shape.partitions.date === undefined ? ' It has no date partition: every query scans the whole table.' : '';
    void vscode.window.showInformationMessage(safeMessage`CloudTrail: connected to Athena ${database}.${table} (workgroup ${group.name}).${pruning}`);
    return source.label;
  } finally {
    client.destroy();
  }
}
