// Quick-input steps shared by the palette commands: validated text input (the message is shown while
// typing and recorded for tests), time range, moment and regions.
import * as vscode from 'vscode';
import { resolveRegions } from '../host/apiSource';
import { UserCancelled } from '../host/registerCommand';
import { settings } from '../host/settings';
import { STANDARD_REGIONS } from '../views/regions';
import type { CommandDeps } from './commandDeps';
import { parseAroundMinutes, parseLookupRange, parseMoment, TIME_PRESETS } from './lookupQuery';

const MAX_ATTEMPTS = 5;

/**
 * Asks for text until it passes `validate`. The real input box shows the message and refuses the
 * value; scripted answers (tests) are checked the same way and the message is recorded.
 */
export async function askValidated(deps: CommandDeps, options: vscode.InputBoxOptions, validate: (value: string) => string | undefined): Promise<string> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const value = await deps.prompter.input({ ignoreFocusOut: true, ...options, validateInput: validate });
    if (value === undefined) throw new UserCancelled();
    const message = validate(value);
    if (message === undefined) return value.trim();
    deps.probe.validationMessages.push(message);
    void vscode.window.showWarningMessage(message);
  }
  throw new UserCancelled();
}

/** Picks one item or throws {@link UserCancelled}. */
export async function pickRequired<T extends vscode.QuickPickItem>(deps: CommandDeps, items: readonly T[], options: vscode.QuickPickOptions): Promise<T> {
  const picked = await deps.prompter.pickOne(items, { ignoreFocusOut: true, ...options });
  if (picked === undefined) throw new UserCancelled();
  return picked;
}

const CUSTOM_RANGE = 'Custom range…';

/** The time range step: presets or a typed range (ISO or local), validated. */
export async function askTimeRange(deps: CommandDeps, title: string, defaultRange = '24h'): Promise<{ start: number; end: number; relativeMs?: number; label: string }> {
  const items = [
    ...TIME_PRESETS.map((p) => ({ label: p.label, description: p.range === defaultRange ? 'default' : p.range, range: p.range })),
    { label: CUSTOM_RANGE, description: 'ISO (2026-01-15T09:00Z) or local time, e.g. 2026-01-15 09:00 .. 2026-01-15 18:00', range: undefined as string | undefined },
  ];
  const preferred = items.find((i) => i.range === defaultRange);
  const ordered = preferred ? [preferred, ...items.filter((i) => i !== preferred)] : items;
  const picked = await pickRequired(deps, ordered, { title: `${title}: time range`, placeHolder: 'Event history keeps the last 90 days' });
  const now = deps.now();
  if (picked.range !== undefined) {
    const parsed = parseLookupRange(picked.range, now);
    if (!parsed.ok) throw new Error(parsed.message);
    return { start: parsed.start, end: parsed.end, relativeMs: parsed.end - parsed.start, label: picked.label.toLowerCase() };
  }
  const text = await askValidated(
    deps,
    { title: `${title}: custom range`, prompt: 'start .. end (ISO with Z or an offset, or local time); a single start means until now', placeHolder: '2026-01-15 01:30 .. 2026-01-15 02:30' },
    (value) => {
      const parsed = parseLookupRange(value, deps.now());
      return parsed.ok ? undefined : parsed.message;
    },
  );
  const parsed = parseLookupRange(text, deps.now());
  if (!parsed.ok) throw new Error(parsed.message);
  return { start: parsed.start, end: parsed.end, label: text };
}

/** The moment and ± minutes of "around a time". */
export async function askMoment(deps: CommandDeps, title: string): Promise<{ moment: number; minutes: number }> {
  const text = await askValidated(
    deps,
    { title: `${title}: when`, prompt: 'A moment: 2026-01-15T02:00Z, local 2026-01-15 02:00, or 3h (ago)', placeHolder: '2026-01-15T02:00Z' },
    (value) => {
      const parsed = parseMoment(value, deps.now());
      return parsed.ok ? undefined : parsed.message;
    },
  );
  const moment = parseMoment(text, deps.now());
  if (!moment.ok) throw new Error(moment.message);
  const minutesText = await askValidated(deps, { title: `${title}: ± minutes`, prompt: 'How many minutes before and after', value: '15' }, (value) => {
    const parsed = parseAroundMinutes(value);
    return parsed.ok ? undefined : parsed.message;
  });
  const minutes = parseAroundMinutes(minutesText);
  if (!minutes.ok) throw new Error(minutes.message);
  return { moment: moment.time, minutes: minutes.minutes };
}

/** The "where" step: the configured regions, several chosen ones, or every standard region. */
export async function askRegions(deps: CommandDeps, title: string): Promise<string[]> {
  const current = await resolveRegions(settings.profile());
  const picked = await pickRequired(
    deps,
    [
      { label: 'Current regions', description: current.join(', '), value: 'current' as const },
      { label: 'Choose regions…', description: 'several regions, searched in parallel', value: 'choose' as const },
      { label: 'All regions', description: `${STANDARD_REGIONS.length} standard regions; regions not enabled report an error beside the others`, value: 'all' as const },
    ],
    { title: `${title}: where` },
  );
  if (picked.value === 'current') return current;
  if (picked.value === 'all') return STANDARD_REGIONS.map((r) => r.id);
  const chosen = await deps.prompter.pickMany(
    STANDARD_REGIONS.map((r) => ({ label: r.id, description: r.name, picked: current.includes(r.id) })),
    { title: `${title}: regions`, canPickMany: true, ignoreFocusOut: true },
  );
  if (chosen === undefined || chosen.length === 0) throw new UserCancelled();
  return chosen.map((c) => c.label);
}
