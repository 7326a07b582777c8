import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';

/** A 6-digit code from the CSPRNG, leading zeros kept. */
export const generateSmsCode = (): string => randomInt(0, 1_000_000).toString().padStart(6, '0');

/**
 * The stored form of a one-time code: an HMAC under the server's pepper, bound to what the code is for
 * (a challenge id, an enrolment), so a leaked table reveals no codes and a code cannot serve elsewhere.
 */
export const hashCode = (pepper: Uint8Array, binding: string, code: string): string =>
  createHmac('sha256', pepper).update(`${binding}\u0000${code}`).digest('base64url');

/** Constant-time comparison of a submitted code with a stored hash. */
export const codeMatches = (
  pepper: Uint8Array,
  binding: string,
  code: string,
  storedHash: string,
): boolean => {
  const actual = Buffer.from(hashCode(pepper, binding, code));
  const expected = Buffer.from(storedHash);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
};

/** A keyed hash of any identifier (e.g. the email whose failures are counted), for use as a key. */
export const keyedHash = (pepper: Uint8Array, purpose: string, value: string): string =>
  createHmac('sha256', pepper).update(`${purpose}\u0000${value}`).digest('base64url');
