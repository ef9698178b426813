// The investigation commands: ask for what the investigation needs (moment, range, principal, access
// key, resource), build its query from the data in core/investigations, run it and show the results.
import * as vscode from 'vscode';
import { tryParseArn } from '../../core/arn';
import { buildInvestigation, getInvestigation, INVESTIGATIONS, type InvestigationId, type InvestigationParams } from '../../core/investigations';
import { settings } from '../../host/settings';
import { CommandIds } from '../../host/commandIds';
import type { CommandDeps } from './lookupDeps';
import { currentQueryScope } from '../../host/currentQueryScope';
import { validateAttributeValue } from '../../core/lookupQuery';
import { askValidated, pickRequired } from '../../host/prompts';
import { askMoment, askTimeRange } from './lookupPrompts';
import { describeScan } from '../../core/scanDescription';
import { runQuery, type RunOutcome } from './runQuery';
import { seenValues } from '../../core/valueSuggestions';
import { notificationText, quickPickText, safeQuickPick } from '../../core/safeText';

/** Answers given programmatically (tests, other commands); anything missing is asked for. */
export type InvestigationArgs = InvestigationParams & { readonly regions?: readonly string[] };

async function askPrincipal(deps: CommandDeps, title: string): Promise<string> {
  const seen = seenValues(deps.services.loadedEvents.all(), 'Username', 100);
  if (seen.length > 0) {
    const picked = await pickRequired(deps, [{ label: '$(edit) Type a name…', value: undefined as string | undefined }, ...seen.map((s) => ({ label: quickPickText(s.value), description: quickPickText(s.detail), value: s.value }))], {
      title: safeQuickPick`${title}: who`,
      placeHolder: 'User name or role session name',
    });
    if (picked.value !== undefined) return picked.value;
  }
  return askValidated(deps, { title: safeQuickPick`${title}: who`, prompt: 'User name or role session name (LookupEvents Username)' }, (v) => validateAttributeValue('Username', v));
}

/** Runs one investigation. */
export async function investigate(deps: CommandDeps, id: InvestigationId, args: InvestigationArgs = {}): Promise<RunOutcome | undefined> {
  const investigation = getInvestigation(id);
  const title = investigation.title;
  const params: { -readonly [K in keyof InvestigationParams]: InvestigationParams[K] } = { ...args };
  const scope = await currentQueryScope(deps.services);
  if (investigation.inputs.includes('resource') && params.resource === undefined) {
    params.resource = await askValidated(deps, { title: safeQuickPick`${title}: resource`, prompt: 'An ARN, or a name or id as CloudTrail records it (sg-0123…, orders-prod-db)' }, (v) =>
      validateAttributeValue('ResourceName', v),
    );
  }
  if (investigation.inputs.includes('principal') && params.principal === undefined) params.principal = await askPrincipal(deps, title);
  if (investigation.inputs.includes('accessKey') && params.accessKey === undefined) {
    params.accessKey = await askValidated(deps, { title: safeQuickPick`${title}: access key id`, prompt: 'AKIA… or ASIA…' }, (v) => validateAttributeValue('AccessKeyId', v));
  }
  if (investigation.inputs.includes('moment') && params.moment === undefined) {
    const answer = await askMoment(deps, title, scope);
    params.moment = answer.moment;
    params.aroundMinutes = answer.minutes;
  }
  if (investigation.inputs.includes('range') && (params.start === undefined || params.end === undefined)) {
    const range = await askTimeRange(deps, title, scope, investigation.defaultRange);
    params.start = range.start;
    params.end = range.end;
  }
  // Trail logs search every region their files hold (scope.regions is empty), global scopes included.
  const regions = args.regions && args.regions.length > 0 ? [...args.regions] : [...scope.regions];
  // "Who did this to a resource?" with an ARN shares the resolver of "Who changed this?".
  const arn = params.resource !== undefined ? tryParseArn(params.resource) : undefined;
  if (id === 'resource' && arn !== undefined && params.start !== undefined && params.end !== undefined) {
    await vscode.commands.executeCommand(CommandIds.whoChanged, { arn: arn.raw, start: params.start, end: params.end });
    return undefined;
  }
  const built = buildInvestigation(investigation, params, { now: deps.now(), regions, maxEvents: settings.maxEvents() });
  if (!built.ok) throw new Error(built.message);
  const relative = Math.abs(built.query.end - deps.now()) < 60_000 && !investigation.inputs.includes('moment') ? { relativeMs: built.query.end - built.query.start } : {};
  const outcome = await runQuery(deps, {
    title: built.title,
    query: built.query,
    queries: built.queries,
    ...(built.match ? { match: built.match } : {}),
    history: { kind: 'query', title: built.title, query: built.query, ...(built.match ? { match: built.match } : {}), ...relative, savedAt: deps.now() },
  });
  if (outcome.result.events.length === 0 && !outcome.result.cancelled) {
    // Say what was scanned (server attribute, regions, window, local match), not a bare "0 events".
    const message = `${built.title}: nothing found — ${describeScan(built.queries, outcome.result.stats, built.match)}.`;
    void vscode.window.showInformationMessage(notificationText(message));
  }
  return outcome;
}

/** "CloudTrail: Investigate…": pick a question, then run it. */
export async function pickInvestigation(deps: CommandDeps): Promise<RunOutcome | undefined> {
  const picked = await pickRequired(
    deps,
    INVESTIGATIONS.map((i) => ({ label: quickPickText(i.title), detail: quickPickText(i.detail), id: i.id })),
    { title: 'CloudTrail: Investigate', placeHolder: 'Which question?', matchOnDetail: true },
  );
  return investigate(deps, picked.id);
}
