/** True for a failed `ConditionExpression`, the way optimistic writes say "someone else got there first". */
export const isConditionFailure = (error: unknown): boolean =>
  error instanceof Error &&
  (error.name === 'ConditionalCheckFailedException' ||
    (error.name === 'TransactionCanceledException' && error.message.includes('ConditionalCheckFailed')));

/** Epoch seconds for DynamoDB's TTL attribute. */
export const ttlOf = (isoInstant: string, extraSeconds = 0): number =>
  Math.ceil(new Date(isoInstant).getTime() / 1000) + extraSeconds;
