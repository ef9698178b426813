/**
 * Validation results in the shape provenance uses: one plain {@link FileIntegrity} record per local
 * log file, keyed by its path (the `file` of each event's origin). Serialisable as is, so a store
 * can persist it beside the events.
 */
import type { FileIntegrity, IntegrityIndex } from '../../core/provenance';
import type { DigestValidationReport } from './integrityTypes';

/** The integrity of every local log file a report covers. */
export function integrityIndex(report: DigestValidationReport): IntegrityIndex {
  const index: Record<string, FileIntegrity> = {};
  for (const f of report.files) {
    index[f.path] = {
      status: f.status,
      reason: f.reason,
      message: f.message,
      ...(f.digestKey !== undefined ? { digestKey: f.digestKey } : {}),
      ...(f.digestEndTime !== undefined ? { digestEndTime: f.digestEndTime } : {}),
    };
  }
  return index;
}
