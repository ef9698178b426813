/**
 * The extension's error type. An {@link ExtensionError} carries a stable code for branching and a
 * message a person can act on; the original error stays in `cause` for the log. (Cancellation is
 * not an error: see `host/cancellation.ts`.)
 */

/** An error with a stable code and an actionable message. */
export class ExtensionError extends Error {
  /** Stable machine-readable code, e.g. `ExpiredCredentials`, `InvalidTimeRange`, `AthenaQueryFailed`. */
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
