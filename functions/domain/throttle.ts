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
