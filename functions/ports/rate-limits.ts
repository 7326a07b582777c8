import type { RateLimitRule } from '../domain/rate-window';

export type { RateLimitRule };

/** One counted hit: whether it is allowed, the hits left in the window, and the seconds until it resets. */
export interface RateLimitUsage {
  allowed: boolean;
  remaining: number;
  resetSeconds: number;
}

export interface RateLimitStore {
  /**
   * Counts one hit for `subject` in the window that contains `now`, atomically (one conditional update
   * that never counts past the limit); the window's record expires on its own after the window.
   * @returns whether the hit is allowed, the hits left in the window, and the seconds until it resets.
   */
  hit(subject: string, rule: RateLimitRule, now: Date): Promise<RateLimitUsage>;
}
