import { createHmac, timingSafeEqual } from 'node:crypto';
import { Problem, ProblemCode } from './problem';

/**
 * Opaque page cursors. A cursor carries a position and is signed (HMAC) together with the user and
 * the filters it was issued for, so a client can neither forge one nor replay it for someone else or
 * for another query: anything else is 400 VALIDATION_FAILED.
 */
const sign = (key: Uint8Array, scope: string, payload: string): Buffer =>
  createHmac('sha256', key).update(`${scope}\u0000${payload}`).digest().subarray(0, 16);

export const encodeCursor = (key: Uint8Array, scope: string, position: string): string => {
  const payload = Buffer.from(position, 'utf8').toString('base64url');
  return `${payload}.${sign(key, scope, payload).toString('base64url')}`;
};

export const decodeCursor = (key: Uint8Array, scope: string, cursor: string): string => {
  const [payload = '', mac = '', ...rest] = cursor.split('.');
  const expected = sign(key, scope, payload);
  const actual = Buffer.from(mac, 'base64url');
  if (rest.length > 0 || actual.length !== expected.length || !timingSafeEqual(actual, expected)) {
    throw new Problem(400, ProblemCode.VALIDATION_FAILED, {
      extensions: {
        errors: [{ path: 'query.cursor', message: 'Not a cursor this API issued for this query' }],
      },
    });
  }
  return Buffer.from(payload, 'base64url').toString('utf8');
};
