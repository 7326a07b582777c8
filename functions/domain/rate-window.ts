/** A fixed-window request counter: at most `limit` hits per subject in each window of `windowSeconds`. */
export interface RateLimitRule {
  limit: number;
  windowSeconds: number;
}

/** The window that holds `now`: its start (epoch seconds, the counter's key) and the seconds until it ends. */
export const fixedWindowOf = (
  rule: RateLimitRule,
  now: Date,
): { windowStart: number; resetSeconds: number } => {
  const nowSeconds = Math.floor(now.getTime() / 1000);
  const windowStart = nowSeconds - (nowSeconds % rule.windowSeconds);
  return { windowStart, resetSeconds: windowStart + rule.windowSeconds - nowSeconds };
};
