// What the cursor or selection in an editor points at: an ARN, an ARN with interpolations or a
// malformed one (each with its message), or a Terraform resource block to resolve through state.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { findArnAt, type ArnAtPosition } from '../core/arnAtPosition';
import { findResourceBlockAt, resolveTerraformBlock, type TerraformBlock } from '../core/terraform';
import { isTerraformDocument } from './supportedDocuments';
import { findTerraformState } from './terraformStateFile';
import type { ResourceTarget } from './resourceLookup';

/** The editor's answer: something to look up, or a message to show instead. */
export type EditorTarget = { readonly kind: 'target'; readonly target: ResourceTarget } | { readonly kind: 'message'; readonly message: string } | { readonly kind: 'none' };

/** The ARN-like token at the cursor, or under the start of a one-line selection. */
export function arnAt(doc: vscode.TextDocument, selection: vscode.Selection): ArnAtPosition | undefined {
  if (!selection.isEmpty && selection.isSingleLine) {
    const inSelection = findArnAt(doc.lineAt(selection.start.line).text, Math.min(selection.start.character + 1, selection.end.character));
    if (inSelection) return inSelection;
  }
  return findArnAt(doc.lineAt(selection.active.line).text, selection.active.character);
}

/** The Terraform `resource`/`data` block whose header the cursor is on (any line of it when `anywhere`). */
export function terraformBlockAt(doc: vscode.TextDocument, line: number, anywhere: boolean): TerraformBlock | undefined {
  if (!isTerraformDocument(doc)) return undefined;
  // Selection changes only need the header line: skip scanning the file for any other line.
  if (!anywhere && !/^\s*(resource|data)\s+"aws_/.test(doc.lineAt(line).text)) return undefined;
  const block = findResourceBlockAt(doc.getText(), line);
  if (!block?.type.startsWith('aws_')) return undefined;
  return anywhere || block.range.startLine === line ? block : undefined;
}

/** Resolves the editor position to a lookup target, reading Terraform state when needed. */
export async function targetFromEditor(editor: vscode.TextEditor, log: (message: string) => void): Promise<EditorTarget> {
  const found = arnAt(editor.document, editor.selection);
  if (found?.kind === 'arn') return { kind: 'target', target: { kind: 'arn', arn: found.arn.raw } };
  if (found?.kind === 'interpolated') return { kind: 'message', message: found.message };
  if (found?.kind === 'invalid') return { kind: 'message', message: `Malformed ARN ${found.text}: ${found.reason}` };
  const block = terraformBlockAt(editor.document, editor.selection.active.line, true);
  if (block === undefined) return { kind: 'none' };
  const doc = editor.document;
  const folder = vscode.workspace.getWorkspaceFolder(doc.uri)?.uri.fsPath;
  const state = doc.uri.scheme === 'file' ? await findTerraformState(path.dirname(doc.uri.fsPath), folder, log) : undefined;
  const resolution = resolveTerraformBlock(block, state?.state);
  if (state) log(`Terraform state for ${block.address}: ${state.origin}`);
  const first = resolution.arns.at(0);
  if (first !== undefined) return { kind: 'target', target: { kind: 'arn', arn: first.raw } };
  if (resolution.candidates.length > 0) return { kind: 'target', target: { kind: 'candidates', subject: block.address, candidates: resolution.candidates, notes: resolution.messages } };
  return { kind: 'message', message: resolution.messages.join(' ') || `Nothing identifies ${block.address} for CloudTrail.` };
}
