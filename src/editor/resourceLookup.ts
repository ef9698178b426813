// The "Who changed this?" run: from an ARN (or Terraform identifiers) to the resource's events in the
// right region, merged newest first, write events by default; the one-line answer leads the results.
import * as vscode from 'vscode';
import { listProfiles, defaultProfileName } from '../aws/profiles';
import { lookupResource } from '../aws/resourceLookup';
import { parseArn, type Arn } from '../core/arn';
import type { TrailEvent } from '../core/model';
import type { EventQuery, QueryResult, QueryStats } from '../core/query';
import { UserCancelled } from '../host/registerCommand';
import { settings } from '../host/settings';
import { CommandIds } from '../commands/commandIds';
import type { CommandDeps } from '../commands/commandDeps';
import { currentQueryScope } from '../commands/currentQueryScope';
import { describeRegions, type QueryScope } from '../commands/queryScope';
import { showResultSet, withLookupProgress } from '../commands/runQuery';
import { lastChangedLine, nothingFoundMessage } from './answerLine';
import { accountOfRoleArn, arnIndexingNote } from './arnNotes';

/** What to look up: an ARN, or identifiers found for a Terraform resource without one. */
export type ResourceTarget =
  | { readonly kind: 'arn'; readonly arn: string }
  | { readonly kind: 'candidates'; readonly subject: string; readonly candidates: readonly string[]; readonly notes?: readonly string[] };

/** Range and read-only switch; default the source's window (API: the last 90 days), write events only. */
export interface ResourceLookupOptions {
  readonly start?: number;
  readonly end?: number;
  readonly includeReadOnly?: boolean;
}

const PICK_PROFILE = 'Pick Another Profile';

function notify(deps: CommandDeps, message: string, level: 'info' | 'warning' | 'error' = 'info'): void {
  deps.probe.notices.push(message);
  if (level === 'error') void vscode.window.showErrorMessage(message);
  else if (level === 'warning') void vscode.window.showWarningMessage(message);
  else void vscode.window.showInformationMessage(message);
}

/** The active profile's account when the profile names it (a role ARN); undefined when unknown. */
async function profileAccount(): Promise<{ profile: string; account: string | undefined }> {
  const profile = settings.profile() || defaultProfileName();
  const profiles = await listProfiles().catch(() => []);
  return { profile, account: accountOfRoleArn(profiles.find((p) => p.name === profile)?.roleArn) };
}

/** Warns when the ARN is in another account than the profile's, offering to pick another profile. */
async function checkAccount(deps: CommandDeps, arn: Arn): Promise<void> {
  if (!/^\d{12}$/.test(arn.account)) return;
  const { profile, account } = await profileAccount();
  if (account === undefined || account === arn.account) return;
  const message = `${arn.raw} is in account ${arn.account}, but profile "${profile}" reads account ${account}: Event history only shows the profile's own account.`;
  deps.probe.notices.push(message);
  const choice = await deps.prompter.pickOne(
    [
      { label: PICK_PROFILE, description: 'then search' },
      { label: 'Search Anyway', description: `with profile ${profile}` },
    ],
    { title: message, ignoreFocusOut: true },
  );
  if (choice === undefined) throw new UserCancelled();
  if (choice.label === PICK_PROFILE) await vscode.commands.executeCommand(CommandIds.selectProfile);
}

function accountUnreachable(result: QueryResult): boolean {
  return result.events.length === 0 && result.regionErrors.length > 0 && result.regionErrors.some((e) => /denied|not authorized|credentials|token|expired|sso/i.test(e.message));
}

function mergeResults(results: readonly QueryResult[], query: EventQuery): QueryResult {
  const seen = new Set<string>();
  const events: TrailEvent[] = [];
  for (const r of results) for (const e of r.events) if (!seen.has(e.id)) { seen.add(e.id); events.push(e); }
  events.sort((a, b) => b.time - a.time || a.id.localeCompare(b.id));
  const sum = (pick: (s: QueryStats) => number): number => results.reduce((n, r) => n + pick(r.stats), 0);
  return {
    query,
    events,
    errors: results.flatMap((r) => r.errors),
    plan: results[0]?.plan ?? { local: [] },
    stats: { events: events.length, pages: sum((s) => s.pages), requests: sum((s) => s.requests), throttlesRetried: sum((s) => s.throttlesRetried), badRecords: sum((s) => s.badRecords), elapsedMs: Math.max(0, ...results.map((r) => r.stats.elapsedMs)) },
    cancelled: results.some((r) => r.cancelled),
    regionErrors: results.flatMap((r) => r.regionErrors).filter((e, i, all) => all.findIndex((x) => x.region === e.region && x.message === e.message) === i),
  };
}

/** The requested range, or the source's default window (API: the last 90 days; trail logs: their span). */
function windowOf(scope: QueryScope, options: ResourceLookupOptions): { start: number; end: number } {
  return { start: options.start ?? scope.defaultWindow.start, end: options.end ?? scope.defaultWindow.end };
}

/** Looks up a resource's events, shows them with the one-line answer, and returns the answer. */
export async function lookUpResource(deps: CommandDeps, target: ResourceTarget, options: ResourceLookupOptions = {}): Promise<string> {
  const now = deps.now();
  const includeReadOnly = options.includeReadOnly ?? false;
  const maxEvents = settings.maxEvents();
  let result: QueryResult;
  let subject: string;
  let candidates: readonly string[];
  let regions: readonly string[];
  let title: string;
  let start: number;
  let end: number;
  if (target.kind === 'arn') {
    const parsed = parseArn(target.arn);
    if (!parsed.ok) throw new Error(`Malformed ARN: ${parsed.reason}`);
    const arn = parsed.arn;
    const note = arnIndexingNote(arn);
    if (note?.stop === true) throw new Error(note.message);
    if (note) notify(deps, note.message);
    // Trail logs hold whatever accounts their files hold: the profile's account limits only the API.
    if ((await deps.services.getEventSource()).kind === 'api') await checkAccount(deps, arn);
    // After the account check: picking another profile there changes the source.
    const source = await deps.services.getEventSource();
    const scope = await currentQueryScope(deps);
    ({ start, end } = windowOf(scope, options));
    const fallbackRegion = scope.regions[0] ?? 'us-east-1';
    subject = arn.resourceId ?? arn.raw;
    title = `Who changed ${subject}`;
    // Trail logs: every region (a resource's events may be recorded outside its own region).
    const where = scope.kind === 'archive' ? { regions: scope.regions } : {};
    const found = await withLookupProgress(deps, title, (o) => lookupResource(source, arn.raw, { start, end, includeReadOnly, maxEvents, fallbackRegion, ...where }, o));
    result = found;
    candidates = found.candidates;
    regions = found.query.regions;
  } else {
    if (target.candidates.length === 0) throw new Error(target.notes?.join(' ') ?? `Nothing to look up for ${target.subject}.`);
    subject = target.subject;
    title = `Who changed ${subject}`;
    candidates = target.candidates;
    const scope = await currentQueryScope(deps);
    ({ start, end } = windowOf(scope, options));
    regions = scope.regions;
    const source = await deps.services.getEventSource();
    const base: Omit<EventQuery, 'filters'> = { regions, start, end, includeReadOnly, maxEvents };
    result = await withLookupProgress(deps, title, async (o) =>
      mergeResults(await Promise.all(candidates.map((value) => source.query({ ...base, filters: [{ key: 'ResourceName', value }] }, o))), { ...base, filters: [] }),
    );
  }
  if (accountUnreachable(result)) {
    const failures = result.regionErrors.map((e) => `${e.region}: ${e.message}`).join(' ');
    const message = `Could not read CloudTrail for ${subject} with the current profile. ${failures}`;
    deps.probe.lastAnswer = message;
    notify(deps, message, 'error');
    void vscode.window.showErrorMessage('Pick another profile?', PICK_PROFILE).then((c) => (c === PICK_PROFILE ? vscode.commands.executeCommand(CommandIds.selectProfile) : undefined));
    return message;
  }
  const answer = lastChangedLine(result.events, now) ?? nothingFoundMessage(subject, { candidates, regions: [describeRegions(regions)], start, end, includeReadOnly });
  deps.probe.lastAnswer = answer;
  if (target.kind === 'arn') await deps.history.remember({ kind: 'resource', title, arn: target.arn, savedAt: now });
  await showResultSet(deps, { title, query: result.query, result }, answer);
  notify(deps, answer);
  return answer;
}
