/**
 * An item's own data, as the record type the store keeps in it: without the table's keys, its `type` tag
 * and its TTL, which only storage needs.
 */
export const withoutKeys = <T>(item: Record<string, unknown>): T => {
  const { pk: _pk, sk: _sk, type: _type, ttl: _ttl, ...data } = item;
  return data as T;
};

/**
 * The condition of an optimistic (compare-and-set) write of a versioned item: the item still has the
 * `version` read, or, when none was read, still has none. The writer stores `version + 1`.
 */
export const sameVersion = (version: number | undefined) => ({
  ConditionExpression: version === undefined ? 'attribute_not_exists(#version)' : '#version = :version',
  ExpressionAttributeNames: { '#version': 'version' },
  ...(version === undefined ? {} : { ExpressionAttributeValues: { ':version': version } }),
});
