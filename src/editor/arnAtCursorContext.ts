// Keeps `cloudtrailInvestigator.arnAtCursor` true while the cursor or selection is on an ARN (or on a
// Terraform aws_* resource header) in a supported document, so the editor context menu shows
// "Who Changed This Resource?" only then.
import * as vscode from 'vscode';
import { ContextKeys, setContext } from '../host/contextKeys';
import { arnAt, terraformBlockAt } from './editorTarget';
import { isSupportedDocument } from './supportedDocuments';

/** True when the command has something to work on at the editor's selection. */
export function hasTargetAt(editor: vscode.TextEditor | undefined): boolean {
  if (!editor || !isSupportedDocument(editor.document)) return false;
  const found = arnAt(editor.document, editor.selection);
  if (found !== undefined) return true;
  return terraformBlockAt(editor.document, editor.selection.active.line, false) !== undefined;
}

/** Registers the listeners; returns their disposables. */
export function registerArnAtCursorContext(): vscode.Disposable[] {
  let last: boolean | undefined;
  const update = (editor: vscode.TextEditor | undefined): void => {
    let value = false;
    try {
      value = hasTargetAt(editor);
    } catch {
      value = false;
    }
    if (value === last) return;
    last = value;
    void setContext(ContextKeys.arnAtCursor, value);
  };
  update(vscode.window.activeTextEditor);
  void setContext(ContextKeys.editorReady, true);
  return [
    vscode.window.onDidChangeTextEditorSelection((e) => {
      update(e.textEditor);
    }),
    vscode.window.onDidChangeActiveTextEditor(update),
  ];
}
