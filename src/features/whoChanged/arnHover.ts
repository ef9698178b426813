// A hover on an ARN offering "Who changed this resource?" as a command link built by
// core/safeMarkdown's commandLink from the parsed ARN (trusted for that one command only);
// interpolated and malformed ARNs explain what is wrong instead, as escaped text.
import * as vscode from 'vscode';
import { findArnAt } from '../../core/arnAtPosition';
import { commandLink, joinMarkdown, markdownDocument, type SafeMarkdown } from '../../core/safeMarkdown';
import { markdownText, safeMarkdown } from '../../core/safeText';
import { CommandIds } from '../../host/commandIds';
import { toMarkdownString } from '../../host/markdownString';

/** The only command a hover link may run. */
const HOVER_COMMANDS: readonly string[] = [CommandIds.whoChanged];

/** The hover content for an ARN-like token at `character` of `line`, or undefined. */
export function arnHoverMarkdown(line: string, character: number): { markdown: SafeMarkdown; start: number; end: number } | undefined {
  const found = findArnAt(line, character);
  if (found === undefined) return undefined;
  let markdown: SafeMarkdown;
  if (found.kind === 'arn') {
    const { arn } = found;
    const link = commandLink({ label: 'Who changed this resource?', command: CommandIds.whoChanged, args: [arn.raw], title: 'Look up the latest write events in CloudTrail' }, HOVER_COMMANDS);
    const about = safeMarkdown`${arn.service} ${arn.resourceType ?? 'resource'} in ${arn.region || 'no region'}`;
    markdown = link.ok ? joinMarkdown([link.markdown, about], ' · ') : markdownDocument(markdownText(link.reason));
  } else if (found.kind === 'interpolated') {
    markdown = markdownDocument(markdownText(found.message));
  } else {
    markdown = markdownDocument(safeMarkdown`Not a valid ARN: ${found.reason}`);
  }
  return { markdown, start: found.start, end: found.end };
}

/** The hover provider. */
export class ArnHoverProvider implements vscode.HoverProvider {
  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const line = document.lineAt(position.line).text;
    const hover = arnHoverMarkdown(line, position.character);
    if (!hover) return undefined;
    return new vscode.Hover(toMarkdownString(hover.markdown), new vscode.Range(position.line, hover.start, position.line, hover.end));
  }
}
