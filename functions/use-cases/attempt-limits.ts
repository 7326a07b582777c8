import { AuthPolicy } from '../config';
import type { ThrottleRule } from '../domain/throttle';
import { Problem, ProblemCode } from '../http/problem';

/** The back-off rule for consecutive failures, from the sign-in policy. */
export const failureThrottle: ThrottleRule = {
  afterFailures: AuthPolicy.throttleAfterFailures,
  baseSeconds: AuthPolicy.throttleBaseSeconds,
  maxSeconds: AuthPolicy.throttleMaxSeconds,
};

/** 429 TOO_MANY_ATTEMPTS with `Retry-After` (also in the body, for clients that cannot read headers). */
export const tooManyAttempts = (retryAfter: number): Problem =>
  new Problem(429, ProblemCode.TOO_MANY_ATTEMPTS, {
    headers: { 'retry-after': String(retryAfter) },
    extensions: { retryAfter },
  });
