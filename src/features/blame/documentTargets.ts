// The blame targets of one Terraform file on disk: its blocks, resolved with the module's other
// `.tf` files and the module's local state (read without running Terraform, confined to the
// workspace folder). No vscode: the CodeLens and the drift view both call it.
import * as path from 'node:path';
import { findLocalState } from '../../terraform/localState';
import { readSiblingModule } from '../../terraform/moduleFiles';
import { visibleThenAll, type BlameTarget, type FileTargets, type LineRange } from './blameTargets';

/** The blocks to resolve before the rest (the editor's visible lines) and who wants them at once. */
export interface FirstTargets {
  readonly ranges: readonly LineRange[];
  /** Called with the targets within `ranges` as soon as they are resolved, before the rest of the file is parsed. */
  readonly onResolved: (targets: readonly BlameTarget[]) => void;
}

/** Targets of the file at `filePath` whose current text is `text`; `folder` is its workspace folder. */
export async function documentTargets(text: string, filePath: string, folder: string | undefined, log: (message: string) => void, first?: FirstTargets): Promise<FileTargets> {
  const dir = path.dirname(filePath);
  const module = await readSiblingModule(dir, filePath);
  const found = folder === undefined ? undefined : await findLocalState(dir, { stopAt: folder, log });
  const context = { module, ...(found?.kind === 'found' ? { state: found.state } : {}) };
  return visibleThenAll(text, first?.ranges ?? [], (targets) => { first?.onResolved(targets); }, context);
}
