// "CloudTrail: Export Evidence…": the open trail logs' events (or the ids given), the log and digest
// files they come from, the public keys, the validation report and a SHA-256 manifest, written as a
// folder or a .zip that a third party can re-verify with AWS's documented procedure. Uses the last
// validation of the open trail logs, or validates them first.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { planEvidence } from '../../archive/evidence/planEvidence';
import { writeEvidenceFolder } from '../../archive/evidence/writeEvidence';
import { zipFolder } from '../../archive/evidence/zipFolder';
import { archiveWindow } from '../../archive/archiveWindow';
import { safeLog, safeMessage } from '../../core/safeText';
import { UserCancelled } from '../../host/cancellation';
import type { ComponentLogger } from '../../host/logger';
import { withCancellableNotification } from '../../host/progress';
import type { ActiveArchive } from './archiveSession';
import type { ArchiveValidation } from './validateTrailLogs';

/** Optional arguments (tests, or a caller holding a result set). */
export interface ExportEvidenceArgs {
  /** Only these events (a result set); default every event of the open trail logs. */
  readonly eventIds?: readonly string[];
  /** A new or empty folder, or a path ending in `.zip`; otherwise the user picks. */
  readonly out?: string;
  /** Passed to the validation when the open trail logs were not validated yet. */
  readonly keysFile?: string;
}

export interface ExportEvidenceDeps {
  readonly log: ComponentLogger;
  active(): ActiveArchive | undefined;
  /** The last validation of `active`, if any. */
  validation(active: ActiveArchive): ArchiveValidation | undefined;
  /** Validates the open trail logs (the Validate command with `useActive`). */
  validate(keysFile: string | undefined): Promise<unknown>;
}

/** What was written (returned to callers and tests). */
export interface ExportedEvidence {
  readonly out: string;
  readonly events: number;
  readonly verifiedEvents: number;
  readonly logFiles: number;
  readonly digests: number;
}

function parseArgs(arg: unknown): ExportEvidenceArgs {
  if (typeof arg !== 'object' || arg === null) return {};
  const { eventIds, out, keysFile } = arg as Record<string, unknown>;
  return {
    ...(Array.isArray(eventIds) ? { eventIds: eventIds.filter((i): i is string => typeof i === 'string') } : {}),
    ...(typeof out === 'string' ? { out } : {}),
    ...(typeof keysFile === 'string' ? { keysFile } : {}),
  };
}

async function pickOut(): Promise<string> {
  const uri = await vscode.window.showSaveDialog({ title: 'Export Evidence', saveLabel: 'Export', filters: { 'Zip archive': ['zip'], 'Folder (no extension)': ['*'] } });
  if (!uri) throw new UserCancelled();
  return uri.fsPath;
}

/** Runs the command; resolves with what was written, or undefined when nothing could be. */
export async function exportEvidence(deps: ExportEvidenceDeps, arg?: unknown): Promise<ExportedEvidence | undefined> {
  const args = parseArgs(arg);
  const active = deps.active();
  if (!active) {
    void vscode.window.showInformationMessage('CloudTrail: open trail logs first (Open Trail Logs…); evidence comes from their files and digests.');
    return undefined;
  }
  if (!deps.validation(active)) await deps.validate(args.keysFile);
  const validation = deps.validation(active);
  if (!validation) return undefined;
  const out = args.out ?? (await pickOut());
  const zip = out.toLowerCase().endsWith('.zip');
  const written = await withCancellableNotification('CloudTrail: Exporting evidence', async (signal, report) => {
    report('selecting events…');
    const window = archiveWindow(active.source.files, Date.now());
    const result = await active.source.query({ regions: [], filters: [], start: window.start, end: window.end, includeReadOnly: true, maxEvents: Number.MAX_SAFE_INTEGER }, { signal });
    const wanted = args.eventIds ? new Set(args.eventIds) : undefined;
    const events = wanted ? result.events.filter((e) => wanted.has(e.id)) : result.events;
    const plan = planEvidence({ events, report: validation.report, keys: validation.context.keys, context: validation.context, title: wanted ? `${events.length} chosen events of ${active.label}` : `every event of ${active.label}` });
    signal.throwIfAborted();
    report(`writing ${plan.entries.length + 1} files…`);
    const folder = zip ? await mkdtemp(join(tmpdir(), 'ct-evidence-')) : out;
    try {
      await writeEvidenceFolder(plan, folder);
      signal.throwIfAborted();
      if (zip) {
        report('zipping…');
        await zipFolder(folder, out);
      }
    } finally {
      if (zip) await rm(folder, { recursive: true, force: true });
    }
    return plan.counts;
  });
  deps.log.info(safeLog`evidence bundle written to ${out}: ${written.events} events (${written.verifiedEvents} verified), ${written.logFiles} log files, ${written.digests} digests`);
  const unverified = written.events - written.verifiedEvents;
  const message = safeMessage`CloudTrail: evidence for ${written.events} events written to ${out}${unverified > 0 ? ` — ${unverified} of them are NOT verified (the bundle marks which)` : ' — every event is verified'}.`;
  if (unverified > 0) void vscode.window.showWarningMessage(message);
  else void vscode.window.showInformationMessage(message);
  return { out, events: written.events, verifiedEvents: written.verifiedEvents, logFiles: written.logFiles, digests: written.digests };
}
