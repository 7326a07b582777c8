/** Input schemas shared by several routes (zod/mini keeps Lambda bundles small). */
import * as z from 'zod/mini';
import { Problem, ProblemCode } from './problem';

/** An email as typed at sign-in; not format-checked beyond length, so the answer never differs by format. */
export const emailInput = z.string().check(z.minLength(1), z.maxLength(254));
export const passwordInput = z.string().check(z.minLength(1), z.maxLength(1024));
/** Opaque identifiers this API issued (base64url). */
export const opaqueId = z.string().check(z.regex(/^[A-Za-z0-9_-]{1,128}$/, 'Expected an identifier'));
/** A 6-digit one-time code; spaces are tolerated because people type them. */
export const oneTimeCode = z.pipe(
  z.string().check(z.maxLength(16)),
  z.pipe(
    z.transform((value: string) => value.replace(/\s+/g, '')),
    z.string().check(z.regex(/^\d{6}$/, 'Expected a 6-digit code')),
  ),
);
/** E.164 phone number. */
export const phoneNumber = z
  .string()
  .check(z.regex(/^\+[1-9]\d{7,14}$/, 'Expected an E.164 number such as +48123456789'));

/** `limit` of a list: a whole number from 1 to 100, given as a query string. */
export const pageLimit = z.pipe(
  z.pipe(
    z.string().check(z.regex(/^\d{1,9}$/, 'Expected a whole number from 1 to 100')),
    z.transform((value: string) => Number(value)),
  ),
  z
    .number()
    .check(
      z.gte(1, 'Expected a whole number from 1 to 100'),
      z.lte(100, 'Expected a whole number from 1 to 100'),
    ),
);

const ID_PATTERN = /^[A-Za-z0-9_-]{1,128}$/;

/**
 * A path parameter that names a resource. One that cannot be an id cannot exist either, so it is
 * 404 NOT_FOUND, the same answer as any other id the caller cannot see.
 */
export const resourceId = (params: Record<string, string>, name: string): string => {
  const value = params[name] ?? '';
  if (!ID_PATTERN.test(value)) throw new Problem(404, ProblemCode.NOT_FOUND);
  return value;
};
