/**
 * Which task errors are worth retrying. Step Functions matches errors by name: a task throws a
 * {@link TransientError} for a failure that may go away (throttling, a 5xx, a dropped connection, SES
 * refusing for now), and the definition retries that name with back-off. Anything else goes straight to
 * the Catch and MarkFailed.
 */

/** The error name the definition's Retry rules match. */
export const TRANSIENT_ERROR = 'TransientError';

/** A failure that may succeed if the step runs again. */
export class TransientError extends Error {
  public override readonly name = TRANSIENT_ERROR;

  public constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** AWS error names that mean "too much, too fast" or "not now": retry later. */
const RETRYABLE_AWS_ERRORS = new Set([
  'ThrottlingException',
  'Throttling',
  'TooManyRequestsException',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'LimitExceededException',
  'InternalServerError',
  'InternalFailure',
  'ServiceUnavailable',
  'ServiceUnavailableException',
  'TransactionConflictException',
  'TimeoutError',
  'RequestTimeout',
  'RequestTimeoutException',
]);

/** Node's network error codes for a connection that failed or dropped. */
const NETWORK_ERROR_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN']);

interface AwsErrorShape {
  name?: string;
  message?: string;
  code?: string;
  $retryable?: unknown;
  $metadata?: { httpStatusCode?: number };
}

/** Whether an error from an AWS SDK call or the network may go away on a retry. */
export const isTransient = (error: unknown): boolean => {
  if (error instanceof TransientError) return true;
  if (typeof error !== 'object' || error === null) return false;
  const shape = error as AwsErrorShape;
  return (
    Boolean(shape.$retryable) ||
    (shape.$metadata?.httpStatusCode ?? 0) >= 500 ||
    RETRYABLE_AWS_ERRORS.has(shape.name ?? '') ||
    NETWORK_ERROR_CODES.has(shape.code ?? '') ||
    // Cancelled by a conflicting transaction or throttling; a failed condition would fail again.
    (shape.name === 'TransactionCanceledException' && !shape.message?.includes('ConditionalCheckFailed'))
  );
};

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
