/**
 * Which task errors are worth retrying. Step Functions matches errors by name: a task throws a
 * {@link TransientError} for a failure that may go away (throttling, a 5xx, a dropped connection, SES
 * refusing for now), and the definition retries that name with back-off. Anything else goes straight to
 * the Catch and MarkFailed.
 */

import { isDependencyUnavailable } from '../adapters/dependency-errors';
import { TransientError } from '../use-cases/errors';

/** Whether an error from an AWS SDK call or the network may go away on a retry. */
export const isTransient = (error: unknown): boolean =>
  error instanceof TransientError || isDependencyUnavailable(error);

/**
 * The error a task reports to Step Functions: transient failures become a {@link TransientError} (the
 * original stays its `cause`), the rest keep their own name for the Catch.
 */
export const toTaskError = (error: unknown): Error => {
  if (error instanceof TransientError) return error;
  if (isTransient(error)) {
    return new TransientError(
      `Transient ${(error as Error).name ?? 'error'}; the step may succeed on a retry`,
      {
        cause: error,
      },
    );
  }
  return error instanceof Error ? error : new Error(String(error));
};
