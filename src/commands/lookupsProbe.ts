// A small recorder the commands write to and the TestApi reads: the validation messages shown,
// the last result set and answer line, and a hook to cancel a running lookup like the Cancel button.

/** What integration tests can observe and steer in the palette lookups. */
export interface LookupsProbe {
  /** Validation messages shown by the quick inputs, oldest first. */
  readonly validationMessages: string[];
  /** Information and warning messages shown after lookups, oldest first. */
  readonly notices: string[];
  /** Id of the last result set added (Results view). */
  lastResultSetId: string | undefined;
  /** The one-line answer of the last "Who changed this?". */
  lastAnswer: string | undefined;
  /** When set, a running lookup is cancelled once this many events have arrived. */
  cancelAfterEvents: number | undefined;
}

export function createLookupsProbe(): LookupsProbe {
  return { validationMessages: [], notices: [], lastResultSetId: undefined, lastAnswer: undefined, cancelAfterEvents: undefined };
}
