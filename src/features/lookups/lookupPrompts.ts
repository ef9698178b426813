// The palette lookups' quick-input steps: time range, moment and regions.
import { askValidated, pickRequired } from '../../host/prompts';
import { plainText, quickPickText, safeQuickPick } from '../../core/safeText';
import { UserCancelled } from '../../host/cancellation';
import { STANDARD_REGIONS } from '../../core/regions';
import type { CommandDeps } from './lookupDeps';
import { parseAroundMinutes, parseLookupRange, parseMoment, TIME_PRESETS } from '../../core/lookupQuery';
import type { QueryScope } from '../../core/queryScope';

const CUSTOM_RANGE = 'Custom range…';
/** The archive's own window, offered first (and as the default) when trail logs are the source. */
export const TRAIL_LOGS_RANGE = 'Everything in the trail logs';

/**
 * The time range step: presets or a typed range (ISO or local), validated against the scope's age
 * limit (Event history's 90 days; none for trail logs, which also offer their whole window first).
 */
export async function askTimeRange(deps: CommandDeps, title: string, scope: QueryScope, defaultRange = '24h'): Promise<{ start: number; end: number; relativeMs?: number; label: string }> {
  const window = scope.kind === 'archive' ? scope.defaultWindow : undefined;
  const items = [
    ...(window ? [{ label: TRAIL_LOGS_RANGE, description: `default · ${window.label}`, range: undefined as string | undefined, window }] : []),
    ...TIME_PRESETS.map((p) => ({ label: p.label, description: p.range === defaultRange && !window ? 'default' : p.range, range: p.range, window: undefined })),
    { label: CUSTOM_RANGE, description: 'ISO (2026-01-15T09:00Z) or local time, e.g. 2026-01-15 09:00 .. 2026-01-15 18:00', range: undefined as string | undefined, window: undefined },
  ];
  const preferred = window ? undefined : items.find((i) => i.range === defaultRange);
  const ordered = preferred ? [preferred, ...items.filter((i) => i !== preferred)] : items;
  const placeHolder = window ? `Trail logs: ${window.label}` : `Event history keeps the last ${scope.maxAgeDays ?? 90} days`;
  const picked = await pickRequired(deps, ordered, { title: safeQuickPick`${title}: time range`, placeHolder: plainText(placeHolder) });
  if (picked.window) return { start: picked.window.start, end: picked.window.end, label: picked.window.label };
  const now = deps.now();
  if (picked.range !== undefined) {
    const parsed = parseLookupRange(picked.range, now, scope);
    if (!parsed.ok) throw new Error(parsed.message);
    return { start: parsed.start, end: parsed.end, relativeMs: parsed.end - parsed.start, label: picked.label.toLowerCase() };
  }
  const text = await askValidated(
    deps,
    { title: safeQuickPick`${title}: custom range`, prompt: 'start .. end (ISO with Z or an offset, or local time); a single start means until now', placeHolder: '2026-01-15 01:30 .. 2026-01-15 02:30' },
    (value) => {
      const parsed = parseLookupRange(value, deps.now(), scope);
      return parsed.ok ? undefined : parsed.message;
    },
  );
  const parsed = parseLookupRange(text, deps.now(), scope);
  if (!parsed.ok) throw new Error(parsed.message);
  return { start: parsed.start, end: parsed.end, label: text };
}

/** The moment and ± minutes of "around a time". */
export async function askMoment(deps: CommandDeps, title: string, scope: QueryScope): Promise<{ moment: number; minutes: number }> {
  const text = await askValidated(
    deps,
    { title: safeQuickPick`${title}: when`, prompt: 'A moment: 2026-01-15T02:00Z, local 2026-01-15 02:00, or 3h (ago)', placeHolder: '2026-01-15T02:00Z' },
    (value) => {
      const parsed = parseMoment(value, deps.now(), scope);
      return parsed.ok ? undefined : parsed.message;
    },
  );
  const moment = parseMoment(text, deps.now(), scope);
  if (!moment.ok) throw new Error(moment.message);
  const minutesText = await askValidated(deps, { title: safeQuickPick`${title}: ± minutes`, prompt: 'How many minutes before and after', value: '15' }, (value) => {
    const parsed = parseAroundMinutes(value);
    return parsed.ok ? undefined : parsed.message;
  });
  const minutes = parseAroundMinutes(minutesText);
  if (!minutes.ok) throw new Error(minutes.message);
  return { moment: moment.time, minutes: minutes.minutes };
}

/** The first choice of the "where" step when trail logs are the source (no region filter). */
export const TRAIL_LOGS_REGIONS = 'Every region in the trail logs';

/**
 * The "where" step: the scope's regions (configured ones; for trail logs every region their files
 * hold), several chosen ones, or every standard region (API only: the files already give "all").
 */
export async function askRegions(deps: CommandDeps, title: string, scope: QueryScope): Promise<string[]> {
  const current = [...scope.regions];
  const archive = scope.kind === 'archive';
  const picked = await pickRequired(
    deps,
    [
      archive ? { label: TRAIL_LOGS_REGIONS, description: 'no region filter', value: 'current' as const } : { label: 'Current regions', description: quickPickText(current.join(', ')), value: 'current' as const },
      { label: 'Choose regions…', description: archive ? 'only events recorded in these regions' : 'several regions, searched in parallel', value: 'choose' as const },
      ...(archive ? [] : [{ label: 'All regions', description: `${STANDARD_REGIONS.length} standard regions; regions not enabled report an error beside the others`, value: 'all' as const }]),
    ],
    { title: safeQuickPick`${title}: where` },
  );
  if (picked.value === 'current') return current;
  if (picked.value === 'all') return STANDARD_REGIONS.map((r) => r.id);
  const chosen = await deps.prompter.pickMany(
    STANDARD_REGIONS.map((r) => ({ label: quickPickText(r.id), description: quickPickText(r.name), picked: current.includes(r.id) })),
    { title: safeQuickPick`${title}: regions`, canPickMany: true, ignoreFocusOut: true },
  );
  if (chosen === undefined || chosen.length === 0) throw new UserCancelled();
  return chosen.map((c) => c.label);
}
