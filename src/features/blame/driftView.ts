// The Drift Suspects view: the resources whose newest change was not made by Terraform, newest
// first ("aws_security_group.web — changed 3 h ago by alice · console — outside Terraform"). A scan
// shows progress in the view and a cancellable notification, keeps what it found when cancelled or
// when a region fails, and can be exported as CSV. Every label is plain text (core/safeText).
import { writeFile } from 'node:fs/promises';
import * as vscode from 'vscode';
import { formatRelativeTime } from '../../core/relativeTime';
import { plainText, safePlain, safeProgress, type SafeText } from '../../core/safeText';
import { CommandIds } from '../../host/commandIds';
import { ContextKeys, setContext } from '../../host/contextKeys';
import { abortSignalFrom } from '../../host/progress';
import { ViewIds } from '../../host/viewIds';
import type { BlameCache } from './blameCache';
import type { BlameContext } from './blameContext';
import type { DriftSuspect } from './blameText';
import { driftCsv, scanDrift, type DriftResult } from './driftScan';
import { stateFileTargets, workspaceTargets, type DriftTargets } from './driftTargets';

/** The tree's data: the suspects of the last scan (partial while it runs). */
export class DriftTree implements vscode.TreeDataProvider<DriftSuspect>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<DriftSuspect | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  suspects: readonly DriftSuspect[] = [];

  constructor(private readonly now: () => number) {}

  show(suspects: readonly DriftSuspect[]): void {
    this.suspects = suspects;
    this.changed.fire(undefined);
  }

  getChildren(element?: DriftSuspect): DriftSuspect[] {
    return element === undefined ? [...this.suspects] : [];
  }

  getTreeItem(s: DriftSuspect): vscode.TreeItem {
    const item = new vscode.TreeItem(plainText(s.address), vscode.TreeItemCollapsibleState.None);
    item.description = plainText(s.blame.label);
    const e = s.blame.event;
    item.tooltip = safePlain`${s.address}${s.file !== undefined ? ` (${s.file}:${String(s.line + 1)})` : ''}\n${e.name} ${formatRelativeTime(e.time, this.now())} in ${e.region}\nby ${s.blame.human.label} · ${s.blame.channel.label}${e.sourceIp !== undefined ? ` from ${e.sourceIp}` : ''}`;
    item.iconPath = new vscode.ThemeIcon(s.blame.outsideIac ? 'warning' : 'info');
    item.command = { title: 'Open Event', command: CommandIds.showEventDetails, arguments: [e] };
    item.contextValue = 'driftSuspect';
    return item;
  }

  dispose(): void {
    this.changed.dispose();
  }
}

/** The view, its scan and export. */
export class DriftView implements vscode.Disposable {
  readonly tree: DriftTree;
  private readonly view: vscode.TreeView<DriftSuspect>;
  private running: AbortController | undefined;
  last: DriftResult | undefined;

  constructor(
    private readonly context: BlameContext,
    private readonly cache: BlameCache,
    private readonly log: (message: string) => void,
  ) {
    this.tree = new DriftTree(() => context.now());
    this.view = vscode.window.createTreeView(ViewIds.drift, { treeDataProvider: this.tree });
  }

  /** Scans the workspace (or the state file `arg`, from the explorer); returns what was found. */
  async scan(arg?: unknown): Promise<DriftResult> {
    this.running?.abort();
    const controller = new AbortController();
    this.running = controller;
    await setContext(ContextKeys.driftScanning, true);
    try {
      return await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'CloudTrail: finding drift suspects', cancellable: true }, async (progress, token) => {
        const bridge = abortSignalFrom(token);
        const signal = AbortSignal.any([bridge.signal, controller.signal]);
        try {
          const found: DriftTargets = arg instanceof vscode.Uri ? await stateFileTargets(arg.fsPath) : await workspaceTargets(this.log, signal);
          for (const u of found.unresolved) this.log(`not scanned: ${u.message}`);
          this.tree.show([]);
          this.view.message = safePlain`Scanning ${found.targets.length} resources from ${found.origin}…`;
          const scope = await this.context.scope();
          const result = await vscode.window.withProgress({ location: { viewId: ViewIds.drift } }, () =>
            scanDrift(found.targets, this.cache, scope, {
              signal,
              now: () => this.context.now(),
              onProgress: (p, suspects) => {
                this.tree.show(suspects);
                this.view.message = safePlain`Scanned ${p.done} of ${p.total} resources · ${p.suspects} changed outside Terraform…`;
                progress.report({ message: safeProgress`${p.done} of ${p.total} resources · ${p.suspects} suspects`, increment: 100 / Math.max(1, p.total) });
              },
            }),
          );
          for (const f of result.failed) this.log(`lookup failed for ${f.address}: ${f.message}`);
          this.tree.show(result.suspects);
          this.view.message = summary(result, found);
          this.last = result;
          return result;
        } finally {
          bridge.dispose();
        }
      });
    } finally {
      if (this.running === controller) {
        this.running = undefined;
        await setContext(ContextKeys.driftScanning, false);
      }
    }
  }

  cancel(): void {
    this.running?.abort();
  }

  /** Writes the suspects as CSV to `target` (tests, other commands) or a file the user picks. */
  async exportCsv(target?: unknown): Promise<vscode.Uri | undefined> {
    const suspects = this.tree.suspects;
    let uri = target instanceof vscode.Uri ? target : typeof target === 'string' ? vscode.Uri.file(target) : undefined;
    if (uri === undefined) {
      const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
      uri = await vscode.window.showSaveDialog({ title: `Export ${suspects.length} drift suspects as CSV`, ...(folder ? { defaultUri: vscode.Uri.joinPath(folder, 'drift-suspects.csv') } : {}), filters: { CSV: ['csv'] } });
      if (uri === undefined) return undefined;
    }
    await writeFile(uri.fsPath, driftCsv(suspects), 'utf8');
    return uri;
  }

  dispose(): void {
    this.running?.abort();
    this.view.dispose();
    this.tree.dispose();
  }
}

function summary(result: DriftResult, found: DriftTargets): SafeText<'plain'> {
  const parts = [`${result.suspects.length} of ${result.scanned} resources changed outside Terraform (${found.origin})`];
  if (result.cancelled) parts.push(`cancelled after ${result.scanned} of ${result.total}: partial`);
  if (result.failed.length > 0) parts.push(`${result.failed.length} lookups failed (see logs)`);
  if (found.unresolved.length > 0) parts.push(`${found.unresolved.length} blocks without an identifier`);
  return plainText(parts.join(' · '));
}
