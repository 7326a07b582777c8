/** Input schemas shared by several routes (zod/mini keeps Lambda bundles small). */
import { z } from 'zod/mini';

/** An email as typed at sign-in; not format-checked beyond length, so the answer never differs by format. */
export const emailInput = z.string().check(z.minLength(1), z.maxLength(254));
export const passwordInput = z.string().check(z.minLength(1), z.maxLength(1024));
/** Opaque identifiers this API issued (base64url). */
export const opaqueId = z.string().check(z.minLength(1), z.maxLength(128), z.regex(/^[A-Za-z0-9_-]+$/));
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
