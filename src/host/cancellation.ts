// The one way to say "the user cancelled": dismissing a prompt or pressing Cancel throws
// UserCancelled; an aborted signal (AbortError from the SDK or a source) means the same. The command
// wrapper shows nothing for either.

/** Thrown when the user dismisses a prompt or dialog; the command wrapper shows nothing for it. */
export class UserCancelled extends Error {
  constructor() {
    super('Cancelled by the user');
    this.name = 'UserCancelledError';
  }
}

/** True for {@link UserCancelled} and for an abort raised by a cancelled signal. */
export function isCancellation(err: unknown): boolean {
  return err instanceof UserCancelled || (err instanceof Error && (err.name === 'UserCancelledError' || err.name === 'AbortError'));
}
