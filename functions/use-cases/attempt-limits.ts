import { AuthPolicy } from '../domain/auth-policy';
import { releaseAttempt, reserveAttempt, type ThrottleRule, type ThrottleState } from '../domain/throttle';
import type { ThrottleStore } from '../ports/auth-records';
import { type ApplicationError, ErrorCode, rateLimited } from './errors';

/** The back-off rule for consecutive failures, from the sign-in policy. */
export const failureThrottle: ThrottleRule = {
  afterFailures: AuthPolicy.throttleAfterFailures,
  baseSeconds: AuthPolicy.throttleBaseSeconds,
  maxSeconds: AuthPolicy.throttleMaxSeconds,
};

/** 429 TOO_MANY_ATTEMPTS with `Retry-After`. */
export const tooManyAttempts = (retryAfter: number): ApplicationError =>
  rateLimited(ErrorCode.TOO_MANY_ATTEMPTS, retryAfter);

/** An attempt slot taken before evaluating the attempt; it counts as a failure unless released or reset. */
export interface AttemptSlot {
  subject: string;
  /** The counter as this slot wrote it. */
  taken: ThrottleState;
}

/**
 * Reserves an attempt for `subject` before it is evaluated (PRODUCT.md §1: limits hold under
 * concurrency). A failed attempt then needs no further write.
 * @throws ApplicationError 429 TOO_MANY_ATTEMPTS while the subject is blocked, or when the counter could not be
 * updated for contention (fail closed).
 */
export const takeAttempt = async (
  throttle: ThrottleStore,
  subject: string,
  now: Date,
): Promise<AttemptSlot> => {
  let retryAfter = 1;
  const written = await throttle.update(subject, (current) => {
    const decision = reserveAttempt(current, now, failureThrottle);
    if ('retryAfter' in decision) {
      retryAfter = decision.retryAfter;
      return null;
    }
    return decision.next;
  });
  if (!written?.after) throw tooManyAttempts(retryAfter);
  return { subject, taken: written.after };
};

/**
 * Gives a slot back: the attempt was not a failure, but not a completed sign-in either (a right password
 * before the second factor). Not a reset, or knowing the password would buy unlimited code guesses.
 * Under extreme contention the slot simply stays counted (fail closed).
 */
export const giveBackAttempt = async (throttle: ThrottleStore, slot: AttemptSlot): Promise<void> => {
  await throttle.update(slot.subject, (current) => releaseAttempt(current, slot.taken, failureThrottle));
};
