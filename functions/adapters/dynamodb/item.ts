/**
 * An item's own data, as the record type the store keeps in it: without the table's keys, its `type` tag
 * and its TTL, which only storage needs.
 */
export const withoutKeys = <T>(item: Record<string, unknown>): T => {
  const { pk: _pk, sk: _sk, type: _type, ttl: _ttl, ...data } = item;
  return data as T;
};
