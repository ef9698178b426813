// The value step of Look Up Events as data: what the quick pick lists for the text typed so far, and
// what Enter means. Typed text is accepted as typed ("Delete*", a user never seen in loaded events)
// unless a suggestion was explicitly chosen with the arrow keys: the first item is always the typed
// text, so Enter without navigation takes it. Pure (no 'vscode').
import { quickPickText } from '../../core/safeText';

/** Shown first while nothing is typed: opens an input box (with validation messages). */
export const TYPE_VALUE_LABEL = '$(edit) Type a value…';

/** One row of the value quick pick. */
export interface ValueItem {
  readonly label: string;
  readonly description?: string;
  /** The value a suggestion stands for. */
  readonly value?: string;
  /** The row that stands for the typed text. */
  readonly typed?: boolean;
  /** Keeps the typed row visible whatever the quick pick's own matching says. */
  readonly alwaysShow?: boolean;
}

/** The rows for `typed`: the typed text first (or "Type a value…" while empty), then the suggestions. */
export function valueItems(typed: string, suggestions: readonly ValueItem[], hint: string): ValueItem[] {
  const text = typed.trim();
  const first: ValueItem =
    text === ''
      ? { label: TYPE_VALUE_LABEL, description: hint, alwaysShow: true }
      : { label: `$(edit) ${quickPickText(text)}`, description: 'use as typed (Enter)', typed: true, alwaysShow: true };
  return [first, ...suggestions];
}

/** What Enter did: a value, "ask in an input box", or nothing (dismissed). */
export type ValueChoice = { readonly kind: 'value'; readonly value: string } | { readonly kind: 'input'; readonly initial?: string } | { readonly kind: 'cancel' };

/**
 * The meaning of Enter with `selected` active and `typed` in the box: the typed text for the typed
 * row (or when nothing is active), a suggestion's value when it was chosen, the input box for
 * "Type a value…".
 */
export function acceptedValue(selected: ValueItem | undefined, typed: string): ValueChoice {
  const text = typed.trim();
  if (selected?.typed === true || (selected === undefined && text !== '')) return { kind: 'value', value: text };
  if (selected?.value !== undefined) return { kind: 'value', value: selected.value };
  if (selected !== undefined) return { kind: 'input' };
  return { kind: 'cancel' };
}
