import type { Locale } from '../domain/locale';

/** A sign-in waiting for its second factor. */
export interface Challenge {
  challengeId: string;
  email: string;
  userId: string;
  method: 'SMS' | 'TOTP';
  /** HMAC of the SMS code bound to this challenge; absent for TOTP. */
  codeHash?: string;
  /** When the challenge (and its current SMS code) stops working, ISO 8601. */
  expiresAt: string;
  wrongAttempts: number;
  resends: number;
  lastSentAt?: string;
}

export interface ChallengeStore {
  create(challenge: Challenge): Promise<void>;
  get(challengeId: string): Promise<Challenge | null>;
  /**
   * Counts one wrong code. Returns the new count, or null when the challenge is gone or already used
   * up, atomically, so concurrent guesses cannot exceed the limit.
   */
  recordWrongAttempt(challengeId: string, maxAttempts: number): Promise<number | null>;
  /** Deletes the challenge if it still exists; true when this call consumed it (single use). */
  consume(challengeId: string): Promise<boolean>;
  /** Swaps in a new code if the resend rules still hold at write time; false if they did not. */
  replaceCode(
    challengeId: string,
    update: { codeHash: string; expiresAt: string; sentAt: string },
    rules: { maxResends: number; notSentAfter: string },
  ): Promise<boolean>;
}

/** A signed-in session; the access token names it, and deleting it revokes the token at once. */
export interface Session {
  sessionId: string;
  userId: string;
  email: string;
  locale: Locale;
  createdAt: string;
  expiresAt: string;
}

export interface SessionStore {
  create(session: Session): Promise<void>;
  get(sessionId: string): Promise<Session | null>;
  revoke(sessionId: string): Promise<void>;
}

/** Consecutive failures for one subject (an email, known or not). */
export interface FailureCount {
  failures: number;
  /** Until when every attempt is refused, ISO 8601; absent when not throttled. */
  blockedUntil?: string;
}

export interface ThrottleStore {
  get(subject: string): Promise<FailureCount>;
  /** Adds a failure and stores the block the caller computed from the new count. */
  recordFailure(subject: string, block: (failures: number) => string | undefined): Promise<FailureCount>;
  reset(subject: string): Promise<void>;
}
