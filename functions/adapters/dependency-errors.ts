/**
 * Whether an error means "a dependency is down or throttling" (retry later) rather than a defect.
 * The classification is Smithy's, the one the AWS SDK's own retries use, so no list of error names is
 * kept here.
 */
import { isServerError, isThrottlingError, isTransientError } from '@smithy/service-error-classification';

type SdkError = Parameters<typeof isTransientError>[0];

/** A cancelled DynamoDB transaction is transient unless a condition failed (which would fail again). */
const isTransientCancellation = (error: { name?: string; message?: string }): boolean =>
  error.name === 'TransactionCanceledException' && !error.message?.includes('ConditionalCheckFailed');

const MAX_CAUSE_DEPTH = 10;

/**
 * Whether `error` (or one of its causes: wrappers such as Powertools' `GetParameterError` keep the
 * SDK's error as `cause`) is throttling, a timeout, a dropped or refused connection, or a 5xx.
 */
export const isDependencyUnavailable = (error: unknown, depth = 0): boolean => {
  // Not `instanceof Error`: errors from another realm (Node's own, under a test runner) are objects too.
  if (typeof error !== 'object' || error === null || depth > MAX_CAUSE_DEPTH) return false;
  const sdkError = error as SdkError;
  return (
    isThrottlingError(sdkError) ||
    isTransientError(sdkError) ||
    isServerError(sdkError) ||
    isTransientCancellation(error) ||
    isDependencyUnavailable((error as { cause?: unknown }).cause, depth + 1)
  );
};
