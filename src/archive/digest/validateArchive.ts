/**
 * Validates an open archive's files and records the outcome on the source, so every event it
 * returns from then on carries its file's integrity (provenance) and views can show verified
 * events only.
 */
import type { ArchiveEventSource } from '../archiveEventSource';
import { integrityIndex } from './integrityIndex';
import type { DigestValidationReport } from './integrityTypes';
import type { TrailPublicKey } from './publicKeys';
import type { DigestSignatureProvider } from './signatures';
import { validateDigests } from './validateDigests';

/** Options for {@link validateArchiveSource}. */
export interface ValidateArchiveOptions {
  readonly keys: readonly TrailPublicKey[];
  readonly signatureProvider?: DigestSignatureProvider;
  readonly signatures?: ReadonlyMap<string, string>;
  readonly signal?: AbortSignal;
}

/** Validates every log file and digest of `source` and stores the per-file results on it. */
export async function validateArchiveSource(source: ArchiveEventSource, options: ValidateArchiveOptions): Promise<DigestValidationReport> {
  const logFiles = source.files
    .filter((f) => f.info.kind === 'log' || f.info.kind === 'insight')
    .map((f) => ({ path: f.path, ...(f.key !== undefined ? { key: f.key } : {}) }));
  const report = await validateDigests({
    digestPaths: source.digests,
    logFiles,
    roots: source.roots,
    keys: options.keys,
    ...(options.signatureProvider ? { signatureProvider: options.signatureProvider } : {}),
    ...(options.signatures ? { signatures: options.signatures } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  source.setIntegrity(integrityIndex(report));
  return report;
}
