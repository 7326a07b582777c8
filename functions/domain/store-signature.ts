import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The store's webhook signature (PRODUCT.md §3): `Store-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256
 * (secret, "<t>.<raw body>")>`. Signing the timestamp with the body makes a captured delivery useless
 * after the tolerance.
 */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

const hmacHex = (secret: string, timestamp: string, rawBody: string): string =>
  createHmac('sha256', secret).update(`${timestamp}.${rawBody}`, 'utf8').digest('hex');

/** The header value for a body signed at `at`: what the store (and the local store) sends. */
export const signStorePayload = (secret: string, rawBody: string, at: Date): string => {
  const timestamp = String(Math.floor(at.getTime() / 1000));
  return `t=${timestamp},v1=${hmacHex(secret, timestamp, rawBody)}`;
};

/**
 * True when the header is well formed, within the tolerance of `now` (either way), and one of its
 * `v1` signatures matches, compared in constant time.
 */
export const verifyStoreSignature = (
  secret: string,
  header: string | undefined,
  rawBody: string,
  now: Date,
): boolean => {
  if (!header || header.length > 1024) return false;
  const parts = header.split(',').map((part) => part.trim().split('='));
  const timestamp = parts.find(([name]) => name === 't')?.[1];
  const signatures = parts.filter(([name, value]) => name === 'v1' && /^[0-9a-f]{64}$/.test(value ?? ''));
  if (!timestamp || !/^\d{1,12}$/.test(timestamp) || signatures.length === 0) return false;
  if (Math.abs(now.getTime() / 1000 - Number(timestamp)) > SIGNATURE_TOLERANCE_SECONDS) return false;
  const expected = Buffer.from(hmacHex(secret, timestamp, rawBody), 'hex');
  // Every candidate is compared, so timing does not tell which one (if any) matched.
  let matched = false;
  for (const [, value] of signatures) {
    matched = timingSafeEqual(Buffer.from(value ?? '', 'hex'), expected) || matched;
  }
  return matched;
};
