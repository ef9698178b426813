// A hover on an ARN offering "Who changed this resource?" as a command link. The Markdown is trusted
// for that one command only; interpolated and malformed ARNs explain what is wrong instead.
import * as vscode from 'vscode';
import { findArnAt } from '../core/arnAtPosition';
import { escapeMarkdown } from '../core/presentation';
import { CommandIds } from '../commands/commandIds';

/** The hover content for an ARN-like token at `character` of `line`, or undefined. */
export function arnHoverMarkdown(line: string, character: number): { markdown: vscode.MarkdownString; start: number; end: number } | undefined {
  const found = findArnAt(line, character);
  if (found === undefined) return undefined;
  const md = new vscode.MarkdownString(undefined, true);
  if (found.kind === 'arn') {
    const args = encodeURIComponent(JSON.stringify([found.arn.raw]));
    md.isTrusted = { enabledCommands: [CommandIds.whoChanged] };
    md.appendMarkdown(`[$(history) Who changed this resource?](command:${CommandIds.whoChanged}?${args} "Look up the latest write events in CloudTrail")`);
    md.appendMarkdown(` · ${escapeMarkdown(found.arn.service)} ${escapeMarkdown(found.arn.resourceType ?? 'resource')} in ${escapeMarkdown(found.arn.region || 'no region')}`);
  } else if (found.kind === 'interpolated') {
    md.appendText(found.message);
  } else {
    md.appendText(`Not a valid ARN: ${found.reason}`);
  }
  return { markdown: md, start: found.start, end: found.end };
}

/** The hover provider. */
export class ArnHoverProvider implements vscode.HoverProvider {
  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const line = document.lineAt(position.line).text;
    const hover = arnHoverMarkdown(line, position.character);
    if (!hover) return undefined;
    return new vscode.Hover(hover.markdown, new vscode.Range(position.line, hover.start, position.line, hover.end));
  }
}
