import { Secret, TOTP } from 'otpauth';

/** RFC 6238 as authenticator apps use it: SHA-1, 6 digits, 30-second steps. */
const PERIOD_SECONDS = 30;
const ISSUER = 'Renewal Hub';

const totpFor = (secret: string, label = '') =>
  new TOTP({
    issuer: ISSUER,
    label,
    secret: Secret.fromBase32(secret),
    algorithm: 'SHA1',
    digits: 6,
    period: PERIOD_SECONDS,
  });

/** A new random 160-bit secret, base32 (RFC 4226 recommends 160 bits). */
export const generateTotpSecret = (): string => new Secret({ size: 20 }).base32;

/** The `otpauth://` URI an authenticator app scans as a QR code. */
export const totpUri = (secret: string, accountName: string): string =>
  totpFor(secret, accountName).toString();

/**
 * Checks a code with one step of tolerance either side (clock drift). Returns the time step the code
 * belongs to, so the caller can refuse a step already used, or null when the code is wrong.
 */
export const matchTotpStep = (secret: string, code: string, now: Date): number | null => {
  const delta = totpFor(secret).validate({ token: code, timestamp: now.getTime(), window: 1 });
  if (delta === null) return null;
  return Math.floor(now.getTime() / 1000 / PERIOD_SECONDS) + delta;
};

/** The code for an instant: for tests and the local demo only. */
export const totpCodeAt = (secret: string, at: Date): string =>
  totpFor(secret).generate({ timestamp: at.getTime() });
