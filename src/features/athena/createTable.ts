// "CloudTrail: Create Athena Table for a Trail Bucket…": asks for the bucket, the organization, the
// accounts (or "injected"), regions, first day, database and table; opens the generated
// CREATE DATABASE and CREATE EXTERNAL TABLE (partition projection) in an untitled SQL document for
// review, and runs what the document then holds only after an explicit "Run". On success the table is
// saved in the settings and Athena becomes the views' source.
import * as vscode from 'vscode';
import { buildTrailTableDdl, type TrailTableDdlOptions } from '../../core/athena/createTableDdl';
import { dayOf } from '../../core/athena/trailTable';
import { safeInputMessage, safeMessage, safeQuickPick } from '../../core/safeText';
import { UserCancelled } from '../../host/cancellation';
import { withCancellableNotification } from '../../host/progress';
import type { Prompter } from '../../host/prompter';
import { settings, SettingKeys } from '../../host/settings';
import { createSource, currentTarget } from './athenaConnection';
import type { AthenaSession } from './athenaSession';
import { ddlFieldError, parseList, splitStatements } from './athenaText';

export interface CreateTableDeps {
  readonly prompter: Prompter;
  readonly session: AthenaSession;
  now(): number;
}

const DAY_MS = 86_400_000;

/** What the command did. */
export interface CreateTableOutcome {
  readonly document: vscode.Uri;
  readonly ran: boolean;
}

function checked(patch: (v: string) => Partial<TrailTableDdlOptions>): (value: string) => string | undefined {
  return (value) => {
    const error = ddlFieldError(patch(value.trim()));
    return error === undefined ? undefined : safeInputMessage`${error}`;
  };
}

async function ask(prompter: Prompter, step: string, options: vscode.InputBoxOptions): Promise<string> {
  const value = await prompter.input({ ignoreFocusOut: true, ...options, title: safeQuickPick`Create Athena Table (${step})${options.title ?? ''}` });
  if (value === undefined) throw new UserCancelled();
  return value.trim();
}

async function askOptions(deps: CreateTableDeps, regions: readonly string[]): Promise<TrailTableDdlOptions> {
  const { prompter } = deps;
  const athena = settings.athena();
  const bucket = await ask(prompter, '1/7', { title: ': trail bucket name', placeHolder: 'my-org-trail-bucket', validateInput: checked((v) => ({ bucket: v })) });
  const prefix = await ask(prompter, '2/7', { title: ': key prefix before AWSLogs/ (empty: none)', validateInput: checked((v) => ({ prefix: v })) });
  const org = await ask(prompter, '3/7', { title: ': organization id of an organization trail (empty: account trail)', placeHolder: 'o-abcd123456', validateInput: checked((v) => (v === '' ? {} : { organizationId: v })) });
  const accountsText = await ask(prompter, '4/7', {
    title: ': accounts, comma-separated (empty: every query names its accounts)',
    validateInput: checked((v) => (v === '' ? {} : { accounts: parseList(v) })),
  });
  const regionsText = await ask(prompter, '5/7', { title: ': regions, comma-separated', value: regions.join(', '), validateInput: checked((v) => ({ regions: parseList(v) })) });
  const firstDay = await ask(prompter, '6/7', { title: ': first day of the logs (yyyy/MM/dd)', value: dayOf(deps.now() - 90 * DAY_MS), validateInput: checked((v) => ({ firstDay: v })) });
  const database = await ask(prompter, '7/7', { title: ': database', value: athena.database || 'cloudtrail', validateInput: checked((v) => ({ database: v })) });
  const table = await ask(prompter, '7/7', { title: ': table', value: athena.table || 'cloudtrail_logs', validateInput: checked((v) => ({ table: v })) });
  return {
    bucket,
    ...(prefix !== '' ? { prefix } : {}),
    ...(org !== '' ? { organizationId: org } : {}),
    accounts: accountsText === '' ? 'injected' : parseList(accountsText),
    regions: parseList(regionsText),
    firstDay,
    database,
    table,
  };
}

/** Runs the command. */
export async function createAthenaTable(deps: CreateTableDeps): Promise<CreateTableOutcome> {
  const target = await currentTarget();
  const options = await askOptions(deps, settings.regions().length > 0 ? settings.regions() : [target.region]);
  const ddl = buildTrailTableDdl(options);
  const text = `CREATE DATABASE IF NOT EXISTS ${options.database};\n\n${ddl.sql};\n`;
  const document = await vscode.workspace.openTextDocument({ language: 'sql', content: text });
  await vscode.window.showTextDocument(document, { preview: false });
  const choice = await deps.prompter.pickOne(
    [
      { label: safeQuickPick`$(play) Run the statements in this document`, description: safeQuickPick`workgroup ${target.settings.workGroup} · ${target.region}`, run: true },
      { label: safeQuickPick`$(edit) Not now: review or edit first`, description: safeQuickPick`run later with "Run Athena SQL"`, run: false },
    ],
    { title: safeQuickPick`Review the CREATE TABLE for s3://${options.bucket}, then run it on Athena?`, ignoreFocusOut: true },
  );
  if (choice?.run !== true) return { document: document.uri, ran: false };
  // What runs is what the document holds now: the reviewed (possibly edited) statements.
  const statements = splitStatements(document.getText());
  const source = createSource(target, ddl.shape);
  await withCancellableNotification(safeMessage`CloudTrail: Creating ${options.database}.${options.table} on Athena`, async (signal, report) => {
    for (const [i, sql] of statements.entries()) {
      report(safeMessage`statement ${i + 1} of ${statements.length}`);
      const result = await deps.session.track(undefined, signal, (tracked) => source.runSql(sql, tracked));
      deps.session.finish(result.queryExecutionId, result.cancelled ? 'CANCELLED' : 'SUCCEEDED', result.cost, undefined, sql, result.cancelled);
      if (result.cancelled) throw new UserCancelled();
    }
  });
  await settings.update(SettingKeys.athenaDatabase, options.database);
  await settings.update(SettingKeys.athenaTable, options.table);
  await deps.session.use(source);
  void vscode.window.showInformationMessage(safeMessage`CloudTrail: created ${options.database}.${options.table}; Athena is now the source of the views.`);
  return { document: document.uri, ran: true };
}
