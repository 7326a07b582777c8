import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Opaque page cursors. A cursor carries a position and is signed (HMAC) together with the user and
 * the filters it was issued for, so a client can neither forge one nor replay it for someone else or
 * for another query.
 */
const sign = (key: Uint8Array, scope: string, payload: string): Buffer =>
  createHmac('sha256', key).update(`${scope}\u0000${payload}`).digest().subarray(0, 16);

/** A cursor for `position`, signed for `scope`. */
export const encodeCursor = (key: Uint8Array, scope: string, position: string): string => {
  const payload = Buffer.from(position, 'utf8').toString('base64url');
  return `${payload}.${sign(key, scope, payload).toString('base64url')}`;
};

/** The position a cursor carries, or null when it is not one issued with `key` for `scope`. */
export const decodeCursor = (key: Uint8Array, scope: string, cursor: string): string | null => {
  const [payload = '', mac = '', ...rest] = cursor.split('.');
  const expected = sign(key, scope, payload);
  const actual = Buffer.from(mac, 'base64url');
  if (rest.length > 0 || actual.length !== expected.length || !timingSafeEqual(actual, expected)) {
    return null;
  }
  return Buffer.from(payload, 'base64url').toString('utf8');
};
