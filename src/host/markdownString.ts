// The one place a core/safeMarkdown document becomes a vscode.MarkdownString: its escaped value and
// exactly the trust it carries (the commands of its links, nothing else); HTML and icons stay off.
import * as vscode from 'vscode';
import type { SafeMarkdown } from '../core/safeMarkdown';

/** A MarkdownString with `md`'s value and trust settings. */
export function toMarkdownString(md: SafeMarkdown): vscode.MarkdownString {
  const out = new vscode.MarkdownString(md.value, false);
  out.supportHtml = false;
  out.isTrusted = md.isTrusted;
  return out;
}
