import type { Locale } from '../domain/locale';

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

/** Users, keyed by their normalized email. */
export interface UserStore {
  findByEmail(email: string): Promise<User | null>;
  /** Creates or replaces a user (import). */
  put(user: User): Promise<void>;
  /**
   * Records that TOTP `step` was used. Returns false when that step (or a later one) was already used,
   * so a code can never be accepted twice, even by concurrent requests.
   */
  useTotpStep(email: string, step: number): Promise<boolean>;
  setMfa(email: string, mfa: MfaSetting): Promise<void>;
  setPendingEnrolment(email: string, pending: PendingEnrolment | null): Promise<void>;
  setStepUpCode(email: string, stepUp: User['stepUpCode'] | null): Promise<void>;
}
