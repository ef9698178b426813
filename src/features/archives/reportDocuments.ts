// Read-only text documents for reports (trail log problems, integrity results): a virtual scheme
// rather than untitled documents, so closing one never asks to save and the text cannot be edited.
import * as vscode from 'vscode';

export const REPORT_SCHEME = 'cloudtrail-report';

/** Holds report texts by name and opens them as read-only documents. */
export class ReportDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly texts = new Map<string, string>();
  private runs = 0;

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? 'This report is no longer available.';
  }

  /**
   * Stores `text` under `name` (e.g. `trail-log-problems.txt`) and shows it. Each run gets its own
   * document (the query tells them apart): an open document would otherwise keep its old text.
   */
  async show(name: string, text: string): Promise<vscode.Uri> {
    const uri = vscode.Uri.from({ scheme: REPORT_SCHEME, path: `/${name}`, query: String(++this.runs) });
    this.texts.set(uri.toString(), text);
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc, { preview: false });
    return uri;
  }

  dispose(): void {
    this.texts.clear();
  }
}
