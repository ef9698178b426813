// Keeps `cloudtrailInvestigator.arnAtCursor` true while the cursor or selection is on an ARN, a bare
// AWS id, or anywhere inside a Terraform aws_* resource or import block in a supported document, so
// the editor context menu shows "Who Changed This Resource?" only then.
import * as vscode from 'vscode';
import { ContextKeys, setContext } from '../../host/contextKeys';
import { hasEditorTarget } from './editorTarget';
import { isSupportedDocument } from './supportedDocuments';

/** True when the command has something to work on at the editor's selection. */
export function hasTargetAt(editor: vscode.TextEditor | undefined): boolean {
  if (!editor || !isSupportedDocument(editor.document)) return false;
  return hasEditorTarget(editor.document, editor.selection);
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
