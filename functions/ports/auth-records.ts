import type { Challenge } from '../domain/challenge';
import type { Session } from '../domain/session';
import type { SendWindowRule } from '../domain/sms-limits';
import type { ThrottleState } from '../domain/throttle';

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

export interface SessionStore {
  create(session: Session): Promise<void>;
  get(sessionId: string): Promise<Session | null>;
  revoke(sessionId: string): Promise<void>;
}

/** Consecutive failures for one subject (an email, known or not), attempts in flight included. */
export type FailureCount = ThrottleState;

export interface ThrottleStore {
  get(subject: string): Promise<FailureCount>;
  /**
   * Replaces the subject's counter with `change(current)` atomically: a write conditioned on the version
   * read, re-read and retried when another request wrote first. `change` returns null to leave it.
   * @returns the state `change` last saw and what it returned, or null when too many concurrent writes
   * kept winning (the caller fails closed).
   */
  update(
    subject: string,
    change: (current: FailureCount) => FailureCount | null,
  ): Promise<{ before: FailureCount; after: FailureCount | null } | null>;
  reset(subject: string): Promise<void>;
}

/** One rolling-window limit on SMS sends, for one subject (a user, or a phone number's HMAC). */
export interface SmsQuota {
  subject: string;
  rule: SendWindowRule;
}

export interface SmsQuotaStore {
  /**
   * Counts one send against every quota at once if all have room (one transaction, conditioned on the
   * versions read, retried when another send wrote first); otherwise counts nothing.
   * @returns whether the send may go, or the seconds until every quota has room again.
   */
  reserve(quotas: readonly SmsQuota[], now: Date): Promise<{ reserved: true } | { retryAfter: number }>;
}
