// The Athena status-bar item: while a query runs, its state, time and bytes scanned, and a click
// cancels it; while connected and idle, the table and the last query's cost, and a click opens the
// Athena menu. Hidden otherwise.
import * as vscode from 'vscode';
import { plainText } from '../../core/safeText';
import { CommandIds } from '../../host/commandIds';
import { idleText, runningText, type LastRun, type RunView } from './athenaText';

export class AthenaStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('cloudtrailInvestigator.athena', vscode.StatusBarAlignment.Left, 9);
  private shown = false;

  constructor() {
    this.item.name = 'CloudTrail Athena';
  }

  running(run: RunView, others: number): void {
    this.item.text = runningText(run, others);
    const estimate = run.cost?.label ?? 'no estimate';
    this.item.tooltip = plainText(`Athena query ${run.state ?? 'starting'} · ${estimate}\nClick to cancel it (StopQueryExecution); what arrived is kept.`, { multiline: true });
    this.item.command = CommandIds.athenaCancel;
    this.item.show();
    this.shown = true;
  }

  idle(database: string, table: string, last: LastRun | undefined): void {
    this.item.text = idleText(database, table);
    const lastLine = last ? `Last query ${last.state}${last.cancelled ? ' (cancelled)' : ''}: ${last.cost ?? 'no statistics'}` : 'No query yet.';
    this.item.tooltip = plainText(`Athena ${database}.${table}\n${lastLine}\nClick for Athena actions.`, { multiline: true });
    this.item.command = CommandIds.athenaMenu;
    this.item.show();
    this.shown = true;
  }

  hide(): void {
    this.item.hide();
    this.shown = false;
  }

  /** What the item shows (TestApi). */
  snapshot(): { text: string; tooltip: string; command?: string } | undefined {
    if (!this.shown) return undefined;
    const command = typeof this.item.command === 'string' ? this.item.command : this.item.command?.command;
    return { text: this.item.text, tooltip: typeof this.item.tooltip === 'string' ? this.item.tooltip : '', ...(command !== undefined ? { command } : {}) };
  }

  dispose(): void {
    this.item.dispose();
  }
}
