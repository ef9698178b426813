// "CloudTrail: Look Up Events…": attribute → value (suggested) → more filters (AND, read-only/write,
// errors only, wildcards) → time range → where; then the query runs and lands in the Results view.
import type { TrailEvent } from '../../core/model';
import type { AttributeFilter, LookupAttributeKey } from '../../core/query';
import { loadApiDocIndex } from '../../data/loadApiDocs';
import { settings } from '../../host/settings';
import type { CommandDeps } from './lookupDeps';
import { currentQueryScope } from '../../host/currentQueryScope';
import { ATTRIBUTE_DESCRIPTIONS, ATTRIBUTE_ORDER, lookupTitle, validateAttributeValue } from '../../core/lookupQuery';
import { askValidated, pickRequired } from '../../host/prompts';
import { askRegions, askTimeRange } from './lookupPrompts';
import { runQuery, type RunOutcome } from './runQuery';
import { suggestValues, type EventCatalog } from '../../core/valueSuggestions';
import { UserCancelled } from '../../host/cancellation';
import { pickOrTypeValue } from './valuePicker';
import { inputMessageText, quickPickText, safeQuickPick } from '../../core/safeText';

const TITLE = 'Look Up Events';
const MAX_SUGGESTIONS = 20_000;

/** Events already loaded anywhere (Events view and result sets): the source of "seen" suggestions. */
function seenEvents(deps: CommandDeps): TrailEvent[] {
  return deps.services.loadedEvents.all();
}

async function loadCatalog(deps: CommandDeps): Promise<EventCatalog | undefined> {
  try {
    return await loadApiDocIndex(deps.services.context.extensionPath);
  } catch (err) {
    deps.log.warn(`event-name catalog unavailable: ${err instanceof Error ? err.message : String(err)}`);
    return undefined;
  }
}

async function askAttribute(deps: CommandDeps, step: string): Promise<LookupAttributeKey> {
  const picked = await pickRequired(
    deps,
    ATTRIBUTE_ORDER.map((key) => ({ label: key, description: quickPickText(ATTRIBUTE_DESCRIPTIONS[key]), key })),
    { title: safeQuickPick`${TITLE}: ${step}`, placeHolder: 'Which lookup attribute?' },
  );
  return picked.key;
}

async function askValue(deps: CommandDeps, key: LookupAttributeKey): Promise<string> {
  if (key === 'ReadOnly') {
    const picked = await pickRequired(deps, [{ label: 'false', description: 'write events' }, { label: 'true', description: 'read-only events' }], { title: `${TITLE}: ReadOnly` });
    return picked.label;
  }
  const catalog = key === 'EventName' || key === 'EventSource' ? await loadCatalog(deps) : undefined;
  const suggestions = suggestValues(seenEvents(deps), key, catalog).slice(0, MAX_SUGGESTIONS);
  const prompt = { title: safeQuickPick`${TITLE}: ${key}`, prompt: inputMessageText(ATTRIBUTE_DESCRIPTIONS[key]) };
  const validate = (value: string): string | undefined => validateAttributeValue(key, value);
  if (suggestions.length > 0) {
    // Enter takes what was typed (Delete*, a user never seen) unless a suggestion was chosen with the arrows.
    const choice = await pickOrTypeValue(
      suggestions.map((s) => ({ label: quickPickText(s.value), description: quickPickText(s.detail), value: s.value })),
      { title: `${TITLE}: ${key}`, placeHolder: `${ATTRIBUTE_DESCRIPTIONS[key]} (type a value or pick one)`, hint: key === 'EventName' ? 'wildcards allowed, e.g. Delete*' : 'any value' },
    );
    if (choice.kind === 'cancel') throw new UserCancelled();
    // A typed value the attribute refuses opens the input box with it, showing why.
    if (choice.kind === 'value' && validate(choice.value) === undefined) return choice.value;
    if (choice.kind === 'value') return askValidated(deps, { ...prompt, value: choice.value }, validate);
  }
  return askValidated(deps, prompt, validate);
}

interface Options {
  includeReadOnly: boolean;
  errorsOnly: boolean;
}

/** The "more filters" loop: add ANDed filters and switches until the user continues. */
async function askMore(deps: CommandDeps, filters: AttributeFilter[], options: Options): Promise<void> {
  for (;;) {
    const current = lookupTitle(filters, '…', options).replace(/ · …$/, '');
    const picked = await pickRequired(
      deps,
      [
        { label: '$(arrow-right) Continue', description: quickPickText(current), action: 'continue' as const },
        { label: '$(add) Add a filter (AND)…', description: 'another attribute; wildcards run locally', action: 'add' as const },
        options.includeReadOnly
          ? { label: '$(edit) Only write events', description: 'leave out read-only calls', action: 'writeOnly' as const }
          : { label: '$(eye) Include read-only events', description: 'currently write events only', action: 'readOnly' as const },
        options.errorsOnly
          ? { label: '$(pass) All results', description: 'currently errors only', action: 'allResults' as const }
          : { label: '$(error) Only errors', description: 'calls that failed', action: 'errorsOnly' as const },
      ],
      { title: `${TITLE}: more filters?` },
    );
    switch (picked.action) {
      case 'continue':
        return;
      case 'add': {
        const key = await askAttribute(deps, 'and…');
        filters.push({ key, value: await askValue(deps, key) });
        break;
      }
      case 'writeOnly':
        options.includeReadOnly = false;
        break;
      case 'readOnly':
        options.includeReadOnly = true;
        break;
      case 'errorsOnly':
        options.errorsOnly = true;
        break;
      case 'allResults':
        options.errorsOnly = false;
        break;
    }
  }
}

/** The command. */
export async function lookupEvents(deps: CommandDeps): Promise<RunOutcome> {
  const key = await askAttribute(deps, 'attribute');
  const filters: AttributeFilter[] = [{ key, value: await askValue(deps, key) }];
  // A lookup by attribute is specific: read-only calls are usually part of the answer.
  const options: Options = { includeReadOnly: true, errorsOnly: false };
  await askMore(deps, filters, options);
  const scope = await currentQueryScope(deps.services);
  const range = await askTimeRange(deps, TITLE, scope, '24h');
  const regions = await askRegions(deps, TITLE, scope);
  const query = {
    regions,
    filters,
    start: range.start,
    end: range.end,
    includeReadOnly: options.includeReadOnly || filters.some((f) => f.key === 'ReadOnly' && f.value === 'true'),
    ...(options.errorsOnly ? { errorsOnly: true } : {}),
    maxEvents: settings.maxEvents(),
  };
  const title = lookupTitle(filters, range.label, options);
  return runQuery(deps, {
    title,
    query,
    history: { kind: 'query', title, query, ...(range.relativeMs !== undefined ? { relativeMs: range.relativeMs } : {}), savedAt: deps.now() },
  });
}
