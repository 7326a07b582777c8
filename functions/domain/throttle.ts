/** The throttling rule for repeated sign-in failures, as pure functions of the failure count. */
export interface ThrottleRule {
  /** Failures allowed before the subject is blocked. */
  afterFailures: number;
  baseSeconds: number;
  maxSeconds: number;
}

/**
 * How long a subject is blocked after its `failures`-th consecutive failure: nothing before the
 * threshold, then base × 2^(failures − threshold), capped, so an attacker can slow an account down but
 * never lock it out for longer than the cap.
 */
export const blockSeconds = (failures: number, rule: ThrottleRule): number => {
  if (failures < rule.afterFailures) return 0;
  const exponent = Math.min(failures - rule.afterFailures, 30);
  return Math.min(rule.baseSeconds * 2 ** exponent, rule.maxSeconds);
};

/** The instant a block ends, or undefined when the count does not block. */
export const blockedUntil = (failures: number, now: Date, rule: ThrottleRule): string | undefined => {
  const seconds = blockSeconds(failures, rule);
  return seconds > 0 ? new Date(now.getTime() + seconds * 1000).toISOString() : undefined;
};

/** Whole seconds left until `until` (at least 1), for `Retry-After`; 0 when it has passed. */
export const secondsUntil = (until: string | undefined, now: Date): number => {
  if (!until) return 0;
  const left = new Date(until).getTime() - now.getTime();
  return left > 0 ? Math.ceil(left / 1000) : 0;
};

/** A subject's consecutive-failure counter: failures evaluated plus attempts still being evaluated. */
export interface ThrottleState {
  failures: number;
  /** Until when every attempt is refused, ISO 8601; absent when not throttled. */
  blockedUntil?: string;
}

/**
 * Takes one attempt slot before the attempt is evaluated, so concurrent attempts cannot all pass the
 * check: the slot counts as a failure until released, and the block it would impose is written at once
 * (pessimistically), so at most `afterFailures` attempts are ever being evaluated or failed.
 * @returns the state to write, or the seconds to wait when the subject is blocked.
 */
export const reserveAttempt = (
  current: ThrottleState,
  now: Date,
  rule: ThrottleRule,
): { next: ThrottleState } | { retryAfter: number } => {
  const retryAfter = secondsUntil(current.blockedUntil, now);
  if (retryAfter > 0) return { retryAfter };
  const failures = current.failures + 1;
  return { next: { failures, blockedUntil: blockedUntil(failures, now, rule) } };
};

/**
 * Gives back a slot whose attempt turned out not to be a failure (a right password that still needs a
 * second factor). The block goes when the count drops below the threshold, or when it is the one this
 * slot wrote (the block before it had passed, or the slot could not have been taken); a block written
 * by a later slot stays, as that attempt is still in flight.
 * @returns the state to write, or null when there is nothing to give back (the counter was reset).
 */
export const releaseAttempt = (
  current: ThrottleState,
  slot: ThrottleState,
  rule: ThrottleRule,
): ThrottleState | null => {
  if (current.failures <= 0) return null;
  const failures = current.failures - 1;
  const ownBlock = slot.blockedUntil !== undefined && current.blockedUntil === slot.blockedUntil;
  const keepBlock = failures >= rule.afterFailures && !ownBlock;
  return { failures, blockedUntil: keepBlock ? current.blockedUntil : undefined };
};
