import type { Locale } from './locale';

/** How a user proves the second factor. */
export type MfaSetting =
  | { method: 'NONE' }
  | { method: 'SMS'; phoneNumber: string }
  | { method: 'TOTP'; secret: string };

/** A second factor being set up, not yet confirmed. */
export type PendingEnrolment =
  | { method: 'SMS'; phoneNumber: string; codeHash: string; sentAt: string; expiresAt: string }
  | { method: 'TOTP'; secret: string; expiresAt: string };

export interface User {
  userId: string;
  email: string;
  passwordHash: string;
  locale: Locale;
  mfa: MfaSetting;
  /** Highest TOTP time step accepted so far; a step is accepted at most once (RFC 6238 §5.2). */
  lastTotpStep?: number;
  pendingEnrolment?: PendingEnrolment;
  /** Hash of the code last sent to confirm a 2FA change (turning it off), with its expiry. */
  stepUpCode?: { codeHash: string; sentAt: string; expiresAt: string };
}
