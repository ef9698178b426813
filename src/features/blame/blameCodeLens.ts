// The cloud blame CodeLens above each Terraform `resource "aws_*"` block: "changed 3 h ago by alice ·
// console — outside Terraform". provideCodeLenses finds the blocks; VS Code resolves the lenses it
// shows (the visible blocks, as the user scrolls), and each resolution is one cached lookup that
// shares the per-region request budget. The blocks on screen are resolved first and their lookups
// start before the rest of the file is resolved, so the first lens costs about one request's
// latency. Closing the document cancels its lookups.
import * as vscode from 'vscode';
import { CommandIds } from '../../host/commandIds';
import { abortSignalFrom } from '../../host/progress';
import type { BlameCache } from './blameCache';
import type { BlameTarget } from './blameTargets';
import { lensTitle, PENDING_TITLE } from './blameText';
import type { BlameContext } from './blameContext';

class BlameLens extends vscode.CodeLens {
  constructor(
    range: vscode.Range,
    readonly target: BlameTarget,
    readonly uri: string,
  ) {
    super(range);
  }
}

/** The provider; `refresh()` makes VS Code ask again (settings, source or cache changed). */
export class BlameCodeLensProvider implements vscode.CodeLensProvider<BlameLens>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private readonly open = new Map<string, AbortController>();
  private readonly closing: vscode.Disposable;

  constructor(
    private readonly context: BlameContext,
    private readonly cache: BlameCache,
  ) {
    this.closing = vscode.workspace.onDidCloseTextDocument((doc) => {
      const key = doc.uri.toString();
      this.open.get(key)?.abort();
      this.open.delete(key);
    });
  }

  refresh(): void {
    this.changed.fire();
  }

  async provideCodeLenses(doc: vscode.TextDocument): Promise<BlameLens[]> {
    if (!this.context.appliesTo(doc)) return [];
    const visible = vscode.window.visibleTextEditors.filter((e) => e.document.uri.toString() === doc.uri.toString()).flatMap((e) => e.visibleRanges);
    const ranges = visible.map((r) => ({ startLine: r.start.line, endLine: r.end.line }));
    const { targets } = await this.context.targetsOf(doc, { ranges, onResolved: (found) => { this.prefetch(found, doc.uri.toString()); } });
    return targets.map((t) => new BlameLens(new vscode.Range(t.line, 0, t.line, 0), t, doc.uri.toString()));
  }

  async resolveCodeLens(lens: BlameLens, token: vscode.CancellationToken): Promise<BlameLens> {
    const scope = await this.context.scope();
    const cached = this.cache.peek(lens.target, scope);
    const bridge = abortSignalFrom(token);
    const closed = this.documentSignal(lens.uri);
    const both = AbortSignal.any([bridge.signal, closed]);
    try {
      const history = cached ?? (await this.cache.historyOf(lens.target, scope, both));
      // VS Code cancels a resolution when the viewport moves, and never asks again for a lens that
      // has a command: leave it unresolved so it is resolved (joining the cached lookup) when shown again.
      if (token.isCancellationRequested) return lens;
      const newest = history.changes.at(0);
      lens.command = newest
        ? { title: lensTitle(history, this.context.now()), command: CommandIds.showEventDetails, arguments: [newest], tooltip: 'Open the newest change in an event panel' }
        : { title: history.cancelled ? PENDING_TITLE : lensTitle(history, this.context.now()), command: '' };
    } finally {
      bridge.dispose();
    }
    return lens;
  }

  /** Starts the lookups of the visible blocks (resolveCodeLens joins them); they stop when the document closes. */
  private prefetch(targets: readonly BlameTarget[], uri: string): void {
    const closed = this.documentSignal(uri);
    void this.context.scope().then(async (scope) => {
      await Promise.all(targets.filter((t) => this.cache.peek(t, scope) === undefined).map((t) => this.cache.historyOf(t, scope, closed)));
    }).catch(() => undefined); // resolveCodeLens looks up again and shows the error
  }

  dispose(): void {
    this.closing.dispose();
    for (const c of this.open.values()) c.abort();
    this.changed.dispose();
  }

  private documentSignal(uri: string): AbortSignal {
    let controller = this.open.get(uri);
    if (controller === undefined || controller.signal.aborted) {
      controller = new AbortController();
      this.open.set(uri, controller);
    }
    return controller.signal;
  }
}
