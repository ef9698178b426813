// "CloudTrail: Validate Trail Log Integrity…": the digest chain of the open trail logs (or a picked
// folder) checked against CloudTrail's public keys, from a keys file or ListPublicKeys. The result is
// a read-only report plus a summary notification: nothing is trusted silently.
import * as vscode from 'vscode';
import { publicKeysFromList, readPublicKeysFile, type TrailPublicKey } from '../../archive/digest/publicKeys';
import { validateDigests } from '../../archive/digest/validateDigests';
import { scanArchive } from '../../archive/scanArchive';
import { parseTrailPath } from '../../archive/trailPath';
import { listTrailPublicKeys } from '../../aws/publicKeys';
import { resolveRegions } from '../../host/apiSource';
import type { ComponentLogger } from '../../host/logger';
import { withCancellableNotification } from '../../host/progress';
import { UserCancelled } from '../../host/cancellation';
import { settings } from '../../host/settings';
import type { ActiveArchive } from './archiveSession';
import type { DigestValidationReport } from '../../archive/digest/integrityTypes';
import { type IntegrityReportContext, integrityHeadline, integrityReportText } from '../../archive/digest/reportContent';
import { validateArchiveSource } from '../../archive/digest/validateArchive';
import type { LocalLogFile } from '../../archive/digest/logCoverage';
import { notificationText, safeLog, safeMessage, safeQuickPick } from '../../core/safeText';
import type { ReportDocuments } from './reportDocuments';

/** Optional arguments (tests, or a caller that already knows what to check). */
export interface ValidateTrailLogsArgs {
  readonly paths?: readonly string[];
  /** `aws cloudtrail list-public-keys` output; without it the user picks a file or ListPublicKeys. */
  readonly keysFile?: string;
  /** Validate the open trail logs without asking which files. */
  readonly useActive?: boolean;
}

/** A validation of the open trail logs, as "Export Evidence…" reuses it. */
export interface ArchiveValidation {
  readonly report: DigestValidationReport;
  readonly context: IntegrityReportContext;
}

export interface ValidateTrailLogsDeps {
  readonly log: ComponentLogger;
  readonly reports: ReportDocuments;
  active(): ActiveArchive | undefined;
  /** Called after the open trail logs were validated: their events now carry integrity marks. */
  validated?(active: ActiveArchive, validation: ArchiveValidation): void | Promise<void>;
}

const DAY_MS = 86_400_000;

function parseArgs(arg: unknown): ValidateTrailLogsArgs {
  if (arg instanceof vscode.Uri) return { paths: [arg.fsPath] };
  if (typeof arg !== 'object' || arg === null) return {};
  const { paths, keysFile, useActive } = arg as { paths?: unknown; keysFile?: unknown; useActive?: unknown };
  return {
    ...(useActive === true ? { useActive: true } : {}),
    ...(Array.isArray(paths) ? { paths: paths.filter((p): p is string => typeof p === 'string') } : {}),
    ...(typeof keysFile === 'string' ? { keysFile } : {}),
  };
}

async function pickFolder(): Promise<string[]> {
  const uris = await vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: false, canSelectMany: true, openLabel: 'Validate' });
  if (!uris || uris.length === 0) throw new UserCancelled();
  return uris.map((u) => u.fsPath);
}

/** The files to check: the open archive's, or a folder's. */
interface ChosenFiles {
  readonly where: string;
  readonly digests: readonly string[];
  readonly logs: readonly LocalLogFile[];
  readonly roots: readonly string[];
  /** Set when the open trail logs are validated (their events get the results). */
  readonly active?: ActiveArchive;
}

const isLog = (f: { info: { kind: string } }): boolean => f.info.kind === 'log' || f.info.kind === 'insight';
const logFile = (f: { path: string; key?: string }): LocalLogFile => ({ path: f.path, ...(f.key !== undefined ? { key: f.key } : {}) });

function activeFiles(active: ActiveArchive): ChosenFiles {
  return { where: active.paths.join(', '), digests: active.source.digests, logs: active.source.files.filter(isLog).map(logFile), roots: active.source.roots, active };
}

async function chooseFiles(deps: ValidateTrailLogsDeps, args: ValidateTrailLogsArgs): Promise<ChosenFiles> {
  const active = deps.active();
  let paths = args.paths;
  if (args.useActive === true && active) {
    return activeFiles(active);
  }
  if (paths === undefined && active) {
    const choice = await vscode.window.showQuickPick(
      [
        { label: safeQuickPick`$(archive) ${active.label}`, description: 'the open trail logs', useActive: true },
        { label: '$(folder) Another folder…', description: 'with CloudTrail-Digest/ and CloudTrail/ files', useActive: false },
      ],
      { title: 'Validate Trail Log Integrity: which files?' },
    );
    if (!choice) throw new UserCancelled();
    if (choice.useActive) {
      return activeFiles(active);
    }
  }
  paths ??= await pickFolder();
  const scan = await scanArchive(paths);
  for (const problem of scan.problems) deps.log.warn(`validate: ${problem.path}: ${problem.message}`);
  return { where: paths.join(', '), digests: scan.digests, logs: scan.files.filter(isLog).map(logFile), roots: paths };
}

/** Keys from ListPublicKeys for the digests' regions and time span, with the current profile. */
async function keysFromAws(digests: readonly string[], signal: AbortSignal): Promise<{ keys: TrailPublicKey[]; problems: string[]; from: string }> {
  const infos = digests.map(parseTrailPath);
  const times = infos.map((i) => i.deliveredAt).filter((t): t is number => t !== undefined);
  const profile = settings.profile();
  const endpoint = settings.endpoint();
  const digestRegions = [...new Set(infos.map((i) => i.region).filter((r): r is string => r !== undefined))];
  const regions = digestRegions.length > 0 ? digestRegions : await resolveRegions(profile);
  // Without a range ListPublicKeys returns only today's key; digests may be signed by older ones.
  const start = (times.length > 0 ? Math.min(...times) : Date.now()) - DAY_MS;
  const end = Math.min(Date.now(), (times.length > 0 ? Math.max(...times) : Date.now()) + DAY_MS);
  const byFingerprint = new Map<string, TrailPublicKey>();
  const problems: string[] = [];
  for (const region of regions) {
    const list = await listTrailPublicKeys({ region, start, end, signal, ...(profile !== '' ? { profile } : {}), ...(endpoint !== undefined ? { endpoint } : {}) });
    const converted = publicKeysFromList(list);
    problems.push(...converted.problems.map((p) => `${region}: ${p}`));
    for (const key of converted.keys) byFingerprint.set(key.fingerprint, key);
  }
  return { keys: [...byFingerprint.values()], problems, from: `ListPublicKeys (profile ${profile || 'default chain'}, ${regions.join(', ')})` };
}

async function chooseKeysFile(): Promise<string> {
  const uris = await vscode.window.showOpenDialog({ canSelectFiles: true, canSelectMany: false, openLabel: 'Use Public Keys', filters: { 'list-public-keys output': ['json'], 'All files': ['*'] } });
  const uri = uris?.[0];
  if (!uri) throw new UserCancelled();
  return uri.fsPath;
}

/** Runs the command; resolves with the report text (undefined when there was nothing to check). */
export async function validateTrailLogs(deps: ValidateTrailLogsDeps, arg?: unknown): Promise<string | undefined> {
  const args = parseArgs(arg);
  const files = await chooseFiles(deps, args);
  if (files.digests.length === 0) {
    void vscode.window.showWarningMessage(safeMessage`CloudTrail: No digest files (CloudTrail-Digest/…) in ${files.where}: integrity cannot be checked. Copy the trail's CloudTrail-Digest folder too.`);
    return undefined;
  }
  let keysFile = args.keysFile;
  if (keysFile === undefined) {
    const profile = settings.profile() || 'default chain';
    const choice = await vscode.window.showQuickPick(
      [
        { label: '$(cloud) From AWS', description: safeQuickPick`ListPublicKeys with profile ${profile}`, fromAws: true },
        { label: '$(file) From a keys file…', description: 'output of aws cloudtrail list-public-keys', fromAws: false },
      ],
      { title: 'Validate Trail Log Integrity: public keys' },
    );
    if (!choice) throw new UserCancelled();
    if (!choice.fromAws) keysFile = await chooseKeysFile();
  }
  const generatedAt = Date.now();
  const outcome = await withCancellableNotification('CloudTrail: Validating trail log integrity', async (signal, report) => {
    report('public keys…');
    const keys = keysFile !== undefined ? { ...(await readPublicKeysFile(keysFile)), from: `keys file ${keysFile}` } : await keysFromAws(files.digests, signal);
    report(`${files.digests.length} digests, ${files.logs.length} log files…`);
    // The open trail logs keep the results: their events then carry integrity marks.
    const result = files.active
      ? await validateArchiveSource(files.active.source, { keys: keys.keys, signal })
      : await validateDigests({ digestPaths: files.digests, logFiles: files.logs, roots: files.roots, keys: keys.keys, signal });
    return { keys, result, cancelled: signal.aborted };
  });
  if (outcome.cancelled) throw new UserCancelled();
  const { keys, result } = outcome;
  // integrityReportText prints integrityReportSections, the same lines as the CLI and evidence bundles.
  const context = { where: files.where, keysFrom: keys.from, keys: keys.keys, keyProblems: keys.problems, generatedAt };
  const text = integrityReportText(result, context);
  const headline = integrityHeadline(result);
  deps.log.info(safeLog`${headline}`);
  await deps.reports.show('trail-log-integrity.txt', text);
  if (files.active) await deps.validated?.(files.active, { report: result, context });
  if (result.verdict === 'verified') void vscode.window.showInformationMessage(notificationText(headline));
  else void vscode.window.showWarningMessage(notificationText(headline));
  return text;
}
