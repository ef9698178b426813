// The "Who changed this?" run: from an ARN (or Terraform identifiers) to the resource's events in the
// right region, merged newest first, write events by default; the one-line answer leads the results.
import * as vscode from 'vscode';
import { listProfiles, defaultProfileName } from '../../aws/profiles';
import { lookupResource, lookupResourceNames } from '../../core/resourceLookup';
import { parseArn, type Arn } from '../../core/arn';
import type { QueryResult } from '../../core/query';
import { UserCancelled } from '../../host/cancellation';
import { settings } from '../../host/settings';
import { CommandIds } from '../../host/commandIds';
import type { WhoChangedDeps } from './whoChangedDeps';
import { currentQueryScope } from '../../host/currentQueryScope';
import { describeRegions, type QueryScope } from '../../core/queryScope';
import { withLookupProgress } from '../../host/lookupProgress';
import type { NewResultSet } from '../../host/resultSets';
import { lastChangedLine, nothingFoundMessage } from '../../core/answerLine';
import { accountOfRoleArn, arnIndexingNote } from '../../core/arnNotes';
import { notificationText, quickPickText, safeQuickPick } from '../../core/safeText';

/** What to look up: an ARN, or identifiers found for a Terraform resource without one. */
export type ResourceTarget =
  | { readonly kind: 'arn'; readonly arn: string }
  | { readonly kind: 'candidates'; readonly subject: string; readonly candidates: readonly string[]; readonly notes?: readonly string[]; readonly region?: string };

/** Range and read-only switch; default the source's window (API: the last 90 days), write events only. */
export interface ResourceLookupOptions {
  readonly start?: number;
  readonly end?: number;
  readonly includeReadOnly?: boolean;
}

const PICK_PROFILE = 'Pick Another Profile';

function notify(message: string, level: 'info' | 'warning' | 'error' = 'info'): void {
  const text = notificationText(message);
  if (level === 'error') void vscode.window.showErrorMessage(text);
  else if (level === 'warning') void vscode.window.showWarningMessage(text);
  else void vscode.window.showInformationMessage(text);
}

/** The active profile's account when the profile names it (a role ARN); undefined when unknown. */
async function profileAccount(): Promise<{ profile: string; account: string | undefined }> {
  const profile = settings.profile() || defaultProfileName();
  const profiles = await listProfiles().catch(() => []);
  return { profile, account: accountOfRoleArn(profiles.find((p) => p.name === profile)?.roleArn) };
}

/** Warns when the ARN is in another account than the profile's, offering to pick another profile. */
async function checkAccount(deps: WhoChangedDeps, arn: Arn): Promise<void> {
  if (!/^\d{12}$/.test(arn.account)) return;
  const { profile, account } = await profileAccount();
  if (account === undefined || account === arn.account) return;
  const message = `${arn.raw} is in account ${arn.account}, but profile "${profile}" reads account ${account}: Event history only shows the profile's own account.`;
  const choice = await deps.prompter.pickOne(
    [
      { label: PICK_PROFILE, description: 'then search' },
      { label: 'Search Anyway', description: safeQuickPick`with profile ${profile}` },
    ],
    { title: quickPickText(message), ignoreFocusOut: true },
  );
  if (choice === undefined) throw new UserCancelled();
  if (choice.label === PICK_PROFILE) await vscode.commands.executeCommand(CommandIds.selectProfile);
}

function accountUnreachable(result: QueryResult): boolean {
  return result.events.length === 0 && result.regionErrors.length > 0 && result.regionErrors.some((e) => /denied|not authorized|credentials|token|expired|sso/i.test(e.message));
}

/** The requested range, or the source's default window (API: the last 90 days; trail logs: their span). */
function windowOf(scope: QueryScope, options: ResourceLookupOptions): { start: number; end: number } {
  return { start: options.start ?? scope.defaultWindow.start, end: options.end ?? scope.defaultWindow.end };
}

/** Looks up a resource's events, shows them with the one-line answer, and returns the answer. */
export async function lookUpResource(deps: WhoChangedDeps, target: ResourceTarget, options: ResourceLookupOptions = {}): Promise<string> {
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
    if (note) notify(note.message);
    // Trail logs hold whatever accounts their files hold: the profile's account limits only the API.
    if ((await deps.services.getEventSource()).kind === 'api') await checkAccount(deps, arn);
    // After the account check: picking another profile there changes the source.
    const source = await deps.services.getEventSource();
    const scope = await currentQueryScope(deps.services);
    ({ start, end } = windowOf(scope, options));
    const fallbackRegion = scope.regions[0] ?? 'us-east-1';
    subject = arn.resourceId ?? arn.raw;
    title = `Who changed ${subject}`;
    // Trail logs: every region (a resource's events may be recorded outside its own region).
    const where = scope.kind === 'archive' ? { regions: scope.regions } : {};
    const found = await withLookupProgress(title, (o) => lookupResource(source, arn.raw, { start, end, includeReadOnly, maxEvents, fallbackRegion, ...where }, o));
    result = found;
    candidates = found.candidates;
    regions = found.query.regions;
  } else {
    if (target.candidates.length === 0) throw new Error(target.notes?.join(' ') ?? `Nothing to look up for ${target.subject}.`);
    subject = target.subject;
    title = `Who changed ${subject}`;
    candidates = target.candidates;
    const scope = await currentQueryScope(deps.services);
    ({ start, end } = windowOf(scope, options));
    // The block's own region (its provider's, us-east-1 for global services) for the API; trail logs: every region.
    regions = target.region !== undefined && scope.kind === 'api' ? [target.region] : scope.regions;
    const source = await deps.services.getEventSource();
    // The same merge as an ARN's candidates, with Load more.
    result = await withLookupProgress(title, (o) => lookupResourceNames(source, candidates, { regions, start, end, includeReadOnly, maxEvents }, o));
  }
  if (accountUnreachable(result)) {
    const failures = result.regionErrors.map((e) => `${e.region}: ${e.message}`).join(' ');
    const message = `Could not read CloudTrail for ${subject} with the current profile. ${failures}`;
    notify(message, 'error');
    void vscode.window.showErrorMessage('Pick another profile?', PICK_PROFILE).then((c) => (c === PICK_PROFILE ? vscode.commands.executeCommand(CommandIds.selectProfile) : undefined));
    return message;
  }
  const answer = lastChangedLine(result.events, now) ?? nothingFoundMessage(subject, { candidates, regions: [describeRegions(regions)], start, end, includeReadOnly });
  if (target.kind === 'arn') await deps.history.remember({ kind: 'resource', title, arn: target.arn, savedAt: now });
  const set: NewResultSet = { title, query: result.query, result };
  await vscode.commands.executeCommand(CommandIds.showResults, set, answer);
  notify(answer);
  return answer;
}
