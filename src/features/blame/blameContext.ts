// What the cloud blame surfaces share: whether a document gets blame (setting, language id, `.tf`),
// its targets (cached per document version), the source and window to look in, and the clock.
import * as vscode from 'vscode';
import { currentQueryScope } from '../../host/currentQueryScope';
import type { ComponentLogger } from '../../host/logger';
import type { Services } from '../../host/services';
import { settings } from '../../host/settings';
import type { BlameScope } from './blameCache';
import type { FileTargets } from './blameTargets';
import { documentTargets, type FirstTargets } from './documentTargets';

/** True for a document cloud blame reads as Terraform: a `.tf` file, or the Terraform language. */
export function isTerraformFile(doc: Pick<vscode.TextDocument, 'languageId' | 'fileName' | 'uri'>): boolean {
  return doc.uri.scheme === 'file' && (doc.fileName.toLowerCase().endsWith('.tf') || doc.languageId === 'terraform');
}

/** The shared context of the CodeLens, hover, status bar and drift view. */
export class BlameContext {
  private readonly targets = new Map<string, { version: number; targets: Promise<FileTargets> }>();

  constructor(
    private readonly services: Services,
    private readonly log: ComponentLogger,
  ) {}

  now(): number {
    return this.services.now();
  }

  /** True when blame is on for the document's language (settings) and the document is Terraform. */
  appliesTo(doc: vscode.TextDocument): boolean {
    return settings.blameEnabled() && settings.blameLanguages().includes(doc.languageId) && isTerraformFile(doc);
  }

  /**
   * The document's targets, computed once per version; `first` gets the blocks within its ranges
   * (the visible ones) before the rest of the file is resolved (only when this call computes them).
   */
  targetsOf(doc: vscode.TextDocument, first?: FirstTargets): Promise<FileTargets> {
    const key = doc.uri.toString();
    const known = this.targets.get(key);
    if (known?.version === doc.version) return known.targets;
    const folder = vscode.workspace.getWorkspaceFolder(doc.uri)?.uri.fsPath;
    const targets = documentTargets(doc.getText(), doc.uri.fsPath, folder, (m) => {
      this.log.debug(m);
    }, first);
    this.targets.set(key, { version: doc.version, targets });
    return targets;
  }

  /** Forgets a closed document's targets. */
  forget(doc: vscode.TextDocument): void {
    this.targets.delete(doc.uri.toString());
  }

  /** The active source (the API, or open trail logs), its regions and default window. */
  async scope(): Promise<BlameScope> {
    const source = await this.services.getEventSource();
    const scope = await currentQueryScope(this.services);
    return { source, regions: scope.regions, start: scope.defaultWindow.start, end: scope.defaultWindow.end };
  }
}
