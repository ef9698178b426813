/**
 * Athena failures in words a person can act on: the service's own message for refused requests
 * and failed queries (it names the table, column or limit), the shared classifier for credentials,
 * throttling and network trouble. Quoted text goes through the secret redactor.
 */
import { ExtensionError } from '../../core/errors';
import { classifyAwsError, redactSecrets, type AwsErrorContext } from '../awsErrors';

/** A query Athena refused or could not finish; `code` tells which. */
export class AthenaQueryError extends ExtensionError {
  constructor(
    code: 'AthenaQueryFailed' | 'AthenaScanLimit' | 'AthenaRequestRefused' | 'AthenaNotFound' | 'AthenaCompile',
    message: string,
    readonly queryExecutionId?: string,
    cause?: unknown,
  ) {
    super(code, message, cause);
    this.name = 'AthenaQueryError';
  }
}

const ATHENA_REFUSALS = new Set(['InvalidRequestException', 'MetadataException', 'ResourceNotFoundException']);

/** An AthenaQueryError (or the shared classifier's message) for an error thrown by an Athena call. */
export function athenaCallError(err: unknown, context: AwsErrorContext): ExtensionError {
  if (err instanceof ExtensionError) return err;
  const name = err instanceof Error ? err.name : '';
  if (ATHENA_REFUSALS.has(name) && err instanceof Error) {
    const code = name === 'InvalidRequestException' ? 'AthenaRequestRefused' : 'AthenaNotFound';
    return new AthenaQueryError(code, `Athena refused the request: ${redactSecrets(err.message)}`, undefined, err);
  }
  const classified = classifyAwsError(err, context);
  return new ExtensionError(`Athena:${classified.kind}`, classified.message, err);
}
