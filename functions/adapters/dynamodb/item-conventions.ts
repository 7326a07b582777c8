/**
 * The conventions every item of the single table follows, whatever it stores: how its own data is read
 * back, when TTL removes it, and how a conditional write reports that its condition failed.
 */
import type { TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';

/** One item of a `TransactWriteItems` call. */
export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/**
 * An item's own data, as the record type the store keeps in it: without the table's keys, its `type` tag
 * and its TTL, which only storage needs.
 */
export const withoutKeys = <T>(item: Record<string, unknown>): T => {
  const { pk: _pk, sk: _sk, type: _type, ttl: _ttl, ...data } = item;
  return data as T;
};

/** Epoch seconds for DynamoDB's TTL attribute. */
export const ttlOf = (isoInstant: string, extraSeconds = 0): number =>
  Math.ceil(new Date(isoInstant).getTime() / 1000) + extraSeconds;

/**
 * The condition of an optimistic (compare-and-set) write of a versioned item: the item still has the
 * `version` read, or, when none was read, still has none. The writer stores `version + 1`.
 */
export const sameVersion = (version: number | undefined) => ({
  ConditionExpression: version === undefined ? 'attribute_not_exists(#version)' : '#version = :version',
  ExpressionAttributeNames: { '#version': 'version' },
  ...(version === undefined ? {} : { ExpressionAttributeValues: { ':version': version } }),
});

/**
 * True for a failed `ConditionExpression`, the way optimistic writes say "someone else got there first":
 * a `ConditionalCheckFailedException`, or a transaction cancelled because one of its conditions failed.
 */
export const isConditionFailure = (error: unknown): boolean =>
  error instanceof Error &&
  (error.name === 'ConditionalCheckFailedException' ||
    (error.name === 'TransactionCanceledException' && error.message.includes('ConditionalCheckFailed')));

/**
 * Awaits a conditional write (single-item or transaction): its output, or `null` when its condition
 * failed ({@link isConditionFailure}). Any other error is rethrown.
 * @example const output = await unlessConditionFails(client.send(new UpdateCommand({ … ReturnValues })));
 */
export const unlessConditionFails = async <T>(write: Promise<T>): Promise<T | null> => {
  try {
    return await write;
  } catch (error) {
    if (isConditionFailure(error)) return null;
    throw error;
  }
};

/**
 * Awaits a conditional write (single-item or transaction): true when it was made, false when its
 * condition failed ({@link isConditionFailure}). Any other error is rethrown.
 * @example if (!(await succeedsUnlessConditionFails(client.send(new PutCommand({ … }))))) return false;
 */
export const succeedsUnlessConditionFails = async (write: Promise<unknown>): Promise<boolean> => {
  try {
    await write;
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
};
