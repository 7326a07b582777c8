/**
 * Rolling-window limits on SMS sends (PRODUCT.md §1 "SMS limits"), as pure functions of the instants of
 * the recent sends: SMS cost money, so neither a user nor a phone number can be made to receive many.
 */
export interface SendWindowRule {
  /** Sends allowed inside any window. */
  maxSends: number;
  windowSeconds: number;
}

/** The sends still counted at `now` (a send counts while `now` < sent + window), oldest first. */
export const recentSends = (sends: readonly string[], now: Date, rule: SendWindowRule): string[] => {
  const from = now.getTime() - rule.windowSeconds * 1000;
  return sends.filter((sentAt) => new Date(sentAt).getTime() > from).sort();
};

/**
 * Admits one more send at `now` if the window has room.
 * @returns the sends to store (the recent ones plus this one), or the whole seconds (at least 1) until
 * enough counted sends leave the window for one more.
 */
export const admitSend = (
  sends: readonly string[],
  now: Date,
  rule: SendWindowRule,
): { sends: string[] } | { retryAfter: number } => {
  const recent = recentSends(sends, now, rule);
  if (recent.length < rule.maxSends) return { sends: [...recent, now.toISOString()] };
  // With the window full, room opens when the oldest send that keeps it full leaves.
  const freeing = recent[recent.length - rule.maxSends] as string;
  const leavesAt = new Date(freeing).getTime() + rule.windowSeconds * 1000;
  return { retryAfter: Math.max(1, Math.ceil((leavesAt - now.getTime()) / 1000)) };
};
