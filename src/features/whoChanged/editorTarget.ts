// What the cursor or selection in an editor points at: an ARN, an ARN with interpolations or a
// malformed one (each with its message), a bare AWS id (sg-, rtb-, i-, …), or the Terraform resource
// block the cursor is anywhere inside (or whose import block it is on), resolved with every
// identifier the block, the module's other files, its import block and the state give.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { findArnAt, type ArnAtPosition } from '../../core/arnAtPosition';
import { hasTerraformTargetAt, terraformTargetAt } from '../../core/terraformTarget';
import { readSiblingModule } from '../../terraform/moduleFiles';
import { type TerraformAccess, terraformStateAccess } from '../../host/restrictedMode';
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

/** True when the selection has something to look up: an ARN, a bare id, or an `aws_*` block or import block around it. */
export function hasEditorTarget(doc: vscode.TextDocument, selection: vscode.Selection): boolean {
  if (arnAt(doc, selection) !== undefined) return true;
  const { line, character } = selection.active;
  return hasTerraformTargetAt(doc.getText(), line, character, isTerraformDocument(doc));
}

/** Resolves the editor position to a lookup target, reading the module's other files and its state when needed. */
export async function targetFromEditor(editor: vscode.TextEditor, log: (message: string) => void, access: TerraformAccess = terraformStateAccess(log)): Promise<EditorTarget> {
  const doc = editor.document;
  const found = arnAt(doc, editor.selection);
  if (found?.kind === 'arn') return { kind: 'target', target: { kind: 'arn', arn: found.arn.raw } };
  if (found?.kind === 'interpolated') return { kind: 'message', message: found.message };
  if (found?.kind === 'invalid') return { kind: 'message', message: `Malformed ARN ${found.text}: ${found.reason}` };
  const { line, character } = editor.selection.active;
  const text = doc.getText();
  const terraform = isTerraformDocument(doc);
  if (!hasTerraformTargetAt(text, line, character, terraform)) return { kind: 'none' };
  const onDisk = doc.uri.scheme === 'file';
  const dir = path.dirname(doc.uri.fsPath);
  const module = terraform && onDisk ? await readSiblingModule(dir, doc.uri.fsPath) : undefined;
  const folder = vscode.workspace.getWorkspaceFolder(doc.uri)?.uri.fsPath;
  const state = terraform && onDisk ? await findTerraformState(dir, { stopAt: folder, ...access, log }) : undefined;
  const target = terraformTargetAt(text, line, character, { terraform, ...(module ? { module } : {}), ...(state ? { state: state.state } : {}) });
  if (target.kind === 'id') return { kind: 'target', target: { kind: 'candidates', subject: target.id, candidates: [target.id], ...(target.region !== undefined ? { region: target.region } : {}) } };
  if (target.kind !== 'block') return { kind: 'none' };
  const { block, resolution } = target;
  if (state) log(`Terraform state for ${block.address}: ${state.origin}`);
  const first = resolution.arns.at(0);
  if (first !== undefined) return { kind: 'target', target: { kind: 'arn', arn: first.raw } };
  if (resolution.candidates.length > 0) {
    return { kind: 'target', target: { kind: 'candidates', subject: block.address, candidates: resolution.candidates, notes: resolution.messages, ...(resolution.region !== undefined ? { region: resolution.region } : {}) } };
  }
  return { kind: 'message', message: resolution.messages.join(' ') || `Nothing identifies ${block.address} for CloudTrail.` };
}
