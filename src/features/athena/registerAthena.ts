// Athena over the trail bucket in the workbench: Connect to Athena…, Create Athena Table for a Trail
// Bucket…, Run Athena SQL, Cancel Athena Query, Disconnect, and the status-bar item with its menu.
// Every handler goes through host/registerCommand; the views follow the source through services.
import * as vscode from 'vscode';
import { notificationText, safeQuickPick } from '../../core/safeText';
import { isCancellation } from '../../host/cancellation';
import { CommandIds } from '../../host/commandIds';
import { registerCommand } from '../../host/registerCommand';
import type { Services } from '../../host/services';
import type { AthenaTestApi } from '../../host/testApi';
import { AthenaSession } from './athenaSession';
import { AthenaStatusBar } from './athenaStatusBar';
import { connectAthena } from './connectAthena';
import { createAthenaTable } from './createTable';
import { runAthenaSql } from './runAthenaSql';

/**
 * Athena's messages quote the SQL, table and column names (from documents, metadata and settings):
 * a failure reaches the notification as one inert line, never a link or a command.
 */
function inert(handler: (...args: never[]) => unknown): (...args: never[]) => Promise<unknown> {
  return async (...args) => {
    try {
      return await handler(...args);
    } catch (err) {
      if (isCancellation(err) || !(err instanceof Error)) throw err;
      const safe = new Error(notificationText(err.message), { cause: err });
      safe.name = err.name;
      throw safe;
    }
  };
}

/** Registers the Athena commands and returns the TestApi part. */
export function registerAthena(services: Services): AthenaTestApi {
  const log = services.log('Athena');
  const bar = new AthenaStatusBar();
  const session = new AthenaSession(services, bar, log);
  const { prompter } = services;
  const menu = async (): Promise<void> => {
    const items = [
      { label: safeQuickPick`$(play) Run Athena SQL`, description: safeQuickPick`the active SQL document`, id: CommandIds.athenaRunSql },
      { label: safeQuickPick`$(database) Connect to Another Table…`, description: '', id: CommandIds.athenaConnect },
      { label: safeQuickPick`$(new-file) Create Athena Table for a Trail Bucket…`, description: '', id: CommandIds.athenaCreateTable },
      { label: safeQuickPick`$(cloud) Back to AWS Event History`, description: safeQuickPick`disconnect Athena`, id: CommandIds.athenaDisconnect },
    ];
    const picked = await prompter.pickOne(items, { title: safeQuickPick`CloudTrail: Athena` });
    if (picked) await vscode.commands.executeCommand(picked.id);
  };
  const wrap = { log, showLogs: () => { services.logger.show(); }, title: 'CloudTrail Athena' };
  const table: readonly [string, (...args: never[]) => unknown][] = [
    [CommandIds.athenaConnect, () => connectAthena({ prompter, session })],
    [CommandIds.athenaCreateTable, async () => (await createAthenaTable({ prompter, session, now: () => services.now() })).ran],
    [CommandIds.athenaRunSql, () => runAthenaSql({ session })],
    [CommandIds.athenaCancel, () => { session.cancel(); }],
    [CommandIds.athenaDisconnect, () => session.disconnect()],
    [CommandIds.athenaMenu, menu],
  ];
  for (const [id, handler] of table) services.context.subscriptions.push(registerCommand(id, inert(handler), wrap));
  services.context.subscriptions.push(session, bar);

  return {
    active: () => {
      const source = session.active;
      return source ? { label: source.label, workGroup: source.workGroup, database: source.table.database, table: source.table.table } : undefined;
    },
    statusBar: () => bar.snapshot(),
    lastRun: () => session.lastRun,
    running: () => session.running,
  };
}
