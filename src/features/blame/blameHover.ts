// The cloud blame hover on a Terraform resource block's header line: the last five changes with
// their channel and who made them, each linking to its event panel (core/safeMarkdown links,
// trusted for the event panel command only). Uses the CodeLens's cached lookup when it ran.
import * as vscode from 'vscode';
import { toMarkdownString } from '../../host/markdownString';
import { abortSignalFrom } from '../../host/progress';
import type { BlameCache } from './blameCache';
import type { BlameContext } from './blameContext';
import { hoverMarkdown } from './blameText';

/** The provider. */
export class BlameHoverProvider implements vscode.HoverProvider {
  constructor(
    private readonly context: BlameContext,
    private readonly cache: BlameCache,
  ) {}

  async provideHover(doc: vscode.TextDocument, position: vscode.Position, token: vscode.CancellationToken): Promise<vscode.Hover | undefined> {
    if (!this.context.appliesTo(doc) || !/^\s*resource\s+"aws_/.test(doc.lineAt(position.line).text)) return undefined;
    const { targets } = await this.context.targetsOf(doc);
    const target = targets.find((t) => t.line === position.line);
    if (target === undefined) return undefined;
    const scope = await this.context.scope();
    const bridge = abortSignalFrom(token);
    try {
      const history = this.cache.peek(target, scope) ?? (await this.cache.historyOf(target, scope, bridge.signal));
      if (token.isCancellationRequested) return undefined;
      return new vscode.Hover(toMarkdownString(hoverMarkdown(target.address, history, this.context.now())), doc.lineAt(position.line).range);
    } finally {
      bridge.dispose();
    }
  }
}
