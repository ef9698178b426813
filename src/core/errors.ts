/**
 * The extension's error types. An {@link ExtensionError} carries a stable code for branching and
 * a message a person can act on; the original error stays in `cause` for the log.
 */

/** An error with a stable code and an actionable message. */
export class ExtensionError extends Error {
  /** Stable machine-readable code, e.g. `ExpiredCredentials`, `InvalidTimeRange`, `Cancelled`. */
  readonly code: string;

  /**
   * @param code stable code for branching (never shown alone)
   * @param message what went wrong and what to do, in words a person can act on
   * @param cause the underlying error, kept for the log
   */
  constructor(code: string, message: string, cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = 'ExtensionError';
    this.code = code;
  }
}

/** The user cancelled (closed a prompt, pressed Cancel): not a failure, never shown as an error. */
export class UserCancelledError extends ExtensionError {
  constructor(message = 'Cancelled') {
    super('Cancelled', message);
    this.name = 'UserCancelledError';
  }
}

/** True for a {@link UserCancelledError}, or an abort (`AbortError`) raised by a cancelled signal. */
export function isUserCancelled(err: unknown): boolean {
  return err instanceof UserCancelledError || (err instanceof Error && err.name === 'AbortError');
}

/** A one-line message for any thrown value (`Error.message`, or the value as text). */
export function errorMessageOf(err: unknown): string {
  if (err instanceof Error) return err.message === '' ? err.name : err.message;
  if (typeof err === 'string') return err;
  try {
    const text = JSON.stringify(err);
    return typeof text === 'string' ? text : String(err);
  } catch {
    return String(err);
  }
}
