/**
 * Whether a CloudTrail event records a failed call — defined once, from every signal the record
 * can carry. CloudTrail documents that "some AWS services provide the errorCode and errorMessage as
 * top-level fields … other AWS services provide error information as part of responseElements"
 * (record contents reference): a failed console sign-in has `errorMessage: "Failed authentication"`
 * and `responseElements.ConsoleLogin: "Failure"` but no `errorCode`; an Identity Center credential
 * check says `serviceEventDetails.CredentialVerification: "Failure"`; Cognito's hosted UI reports
 * its HTTP status in `additionalEventData.responseParameters.status`.
 *
 * `core/event.ts` stores the result on {@link TrailEvent.failure} at normalisation; every consumer
 * (tree icon, errors-only filters, investigations, timeline, exports, labels) asks {@link isFailed}
 * or {@link failureOf} instead of testing `errorCode`.
 */
import type { EventFailure, TrailEvent } from './model';
import { type JsonObject, isObject, objectField, stringField } from './recordFields';

export type { EventFailure, FailureSignal } from './model';

/** Longest {@link EventFailure.summary}; longer messages are cut with `…`. */
export const MAX_FAILURE_SUMMARY = 120;

/** Outcome words that mean "this did not work" (compared case-insensitively). */
const FAILURE_WORDS: ReadonlySet<string> = new Set(['failure', 'failed', 'fail', 'error', 'denied']);

function isFailureWord(value: unknown): value is string {
  return typeof value === 'string' && FAILURE_WORDS.has(value.trim().toLowerCase());
}

function cut(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > MAX_FAILURE_SUMMARY ? `${oneLine.slice(0, MAX_FAILURE_SUMMARY - 1)}…` : oneLine;
}

/**
 * The outcome key when the container says `{ <eventName>: "Failure" }`: sign-in events report their
 * outcome under their own name (`ConsoleLogin`, `CheckMfa`, `SwitchRole`, `ExitRole`, `RenewRole`,
 * `PasswordUpdated`; Identity Center's `CredentialVerification`, `CredentialChallenge`…).
 */
function outcomeKeyFailure(container: JsonObject | undefined, eventName: string | undefined): string | undefined {
  if (container === undefined || eventName === undefined) return undefined;
  return isFailureWord(container[eventName]) ? eventName : undefined;
}

/** Organizations' `serviceEventDetails.createAccountStatus.state: "FAILED"` and similar `*Status` objects. */
function statusObjectFailure(details: JsonObject | undefined): string | undefined {
  if (details === undefined) return undefined;
  for (const [key, value] of Object.entries(details)) {
    if (!key.endsWith('Status') || !isObject(value)) continue;
    const state = stringField(value, 'state');
    if (state !== undefined && isFailureWord(state)) {
      const reason = stringField(value, 'failureReason');
      return `${key}: ${state}${reason === undefined ? '' : ` (${reason})`}`;
    }
  }
  return undefined;
}

/** An HTTP status of 400 or more in `additionalEventData.responseParameters.status` (Cognito hosted UI). */
function httpStatusFailure(additional: JsonObject | undefined): number | undefined {
  const status = objectField(additional, 'responseParameters')?.status;
  const code = typeof status === 'number' ? status : typeof status === 'string' && /^\d{3}$/.test(status.trim()) ? Number(status) : undefined;
  return code !== undefined && code >= 400 && code < 600 ? code : undefined;
}

/**
 * The failure a raw record reports, or undefined when it reports none (success, or a record that
 * does not say). Signals, in order: `errorCode`; an outcome of `Failure` in `responseElements` or
 * `serviceEventDetails` under the event's own name (or a `*Status.state` of `FAILED`); `errorMessage` alone; an HTTP status ≥ 400 in `additionalEventData`. Empty and
 * whitespace-only strings are absent. Never throws. `eventName` stands in for a record without one.
 */
export function deriveFailure(record: unknown, eventName?: string): EventFailure | undefined {
  if (!isObject(record)) return undefined;
  const name = stringField(record, 'eventName') ?? eventName;
  const errorCode = stringField(record, 'errorCode');
  const errorMessage = stringField(record, 'errorMessage');
  const message = errorMessage === undefined ? {} : { message: cut(errorMessage) };
  if (errorCode !== undefined) return { signal: 'errorCode', code: cut(errorCode), summary: cut(errorCode), ...message };

  const response = objectField(record, 'responseElements');
  const responseKey = outcomeKeyFailure(response, name);
  if (responseKey !== undefined) {
    return { signal: 'responseElements', summary: errorMessage === undefined ? cut(`${responseKey}: ${String(response?.[responseKey])}`) : cut(errorMessage), ...message };
  }
  const details = objectField(record, 'serviceEventDetails');
  const detailKey = outcomeKeyFailure(details, name);
  const detail = detailKey === undefined ? statusObjectFailure(details) : `${detailKey}: ${String(details?.[detailKey])}`;
  if (detail !== undefined) return { signal: 'serviceEventDetails', summary: cut(errorMessage ?? detail), ...message };

  if (errorMessage !== undefined) return { signal: 'errorMessage', summary: cut(errorMessage), ...message };
  const status = httpStatusFailure(objectField(record, 'additionalEventData'));
  if (status !== undefined) return { signal: 'additionalEventData', code: `HTTP ${status}`, summary: `HTTP ${status}` };
  return undefined;
}

/**
 * The failure of an event: the one computed at normalisation, else (for events built elsewhere, such
 * as console CSV rows that carry only an error code, or restored from older state) one made from
 * `errorCode`/`errorMessage`, else from the raw record.
 */
export function failureOf(event: TrailEvent): EventFailure | undefined {
  if (event.failure !== undefined) return event.failure;
  if (event.errorCode !== undefined) {
    return { signal: 'errorCode', code: event.errorCode, summary: cut(event.errorCode), ...(event.errorMessage === undefined ? {} : { message: cut(event.errorMessage) }) };
  }
  if (event.errorMessage !== undefined) return { signal: 'errorMessage', summary: cut(event.errorMessage), message: cut(event.errorMessage) };
  return event.partial === true ? undefined : deriveFailure(event.raw, event.name);
}

/** True when the event records a failed call (see {@link deriveFailure}). */
export function isFailed(event: TrailEvent): boolean {
  return failureOf(event) !== undefined;
}
