/**
 * The token of a reminder email's one-click unsubscribe link (RFC 8058): it names the user and when it
 * stops working, signed with HMAC-SHA256, so the link turns reminders off without a sign-in and cannot
 * be forged for another user. It carries no email address.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** How long a link keeps working: longer than anyone keeps an unread reminder. */
export const UNSUBSCRIBE_LINK_DAYS = 90;

const DAY_MS = 24 * 3600 * 1000;

const signatureOf = (key: Uint8Array, payload: string): string =>
  createHmac('sha256', key).update(`unsubscribe\n${payload}`).digest('base64url');

/** A token for `userId`, valid for {@link UNSUBSCRIBE_LINK_DAYS} from `now`. */
export const unsubscribeToken = (key: Uint8Array, userId: string, now: Date): string => {
  const payload = Buffer.from(
    JSON.stringify({ u: userId, e: Math.floor((now.getTime() + UNSUBSCRIBE_LINK_DAYS * DAY_MS) / 1000) }),
  ).toString('base64url');
  return `${payload}.${signatureOf(key, payload)}`;
};

/** The user a token was issued for, or null if it is malformed, forged or expired. */
export const userOfUnsubscribeToken = (key: Uint8Array, token: string, now: Date): string | null => {
  const [payload, signature, ...rest] = token.split('.');
  if (!payload || !signature || rest.length > 0) return null;
  const expected = Buffer.from(signatureOf(key, payload));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    const claims: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    if (typeof claims !== 'object' || claims === null) return null;
    const { u, e } = claims as Record<string, unknown>;
    if (typeof u !== 'string' || typeof e !== 'number' || now.getTime() / 1000 >= e) return null;
    return u;
  } catch {
    return null;
  }
};
