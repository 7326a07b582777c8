/**
 * Renewal reminders' milestones (PRODUCT.md §8): 30, 7 and 1 days before a license expires, and its
 * expiry itself. A run as of some instant reminds of the latest milestone that has passed, once per
 * (license, expiresAt, milestone): a missed day is caught up with the latest one only, and a renewal (a new
 * `expiresAt`) starts afresh.
 */

export const ReminderMilestone = {
  WINDOW_OPENS: 'D30',
  ONE_WEEK: 'D7',
  ONE_DAY: 'D1',
  EXPIRED: 'D0',
} as const;
export type ReminderMilestone = (typeof ReminderMilestone)[keyof typeof ReminderMilestone];

const DAY_MS = 24 * 3600 * 1000;

/** Days before expiry of each milestone, latest last. */
export const MILESTONE_DAYS_BEFORE: ReadonlyArray<readonly [ReminderMilestone, number]> = [
  [ReminderMilestone.WINDOW_OPENS, 30],
  [ReminderMilestone.ONE_WEEK, 7],
  [ReminderMilestone.ONE_DAY, 1],
  [ReminderMilestone.EXPIRED, 0],
];

/** When `milestone` falls for a license expiring at `expiresAt`. */
export const milestoneAt = (expiresAt: Date, milestone: ReminderMilestone): Date => {
  const days = MILESTONE_DAYS_BEFORE.find(([name]) => name === milestone)?.[1] ?? 0;
  return new Date(expiresAt.getTime() - days * DAY_MS);
};

/**
 * The latest milestone that has passed at `now`, or null before the first one. An expired license is
 * reminded once of its expiry, however long ago that was; the event is `license.expired` then, and
 * `license.expiring_soon` for the others.
 */
export const latestPassedMilestone = (expiresAt: Date, now: Date): ReminderMilestone | null => {
  let latest: ReminderMilestone | null = null;
  for (const [milestone] of MILESTONE_DAYS_BEFORE) {
    if (milestoneAt(expiresAt, milestone) <= now) latest = milestone;
  }
  return latest;
};

/** What makes a reminder unique: sent at most once, whatever the runs. */
export const reminderKeyOf = (licenseId: string, expiresAt: string, milestone: ReminderMilestone): string =>
  `${licenseId}#${expiresAt}#${milestone}`;

/**
 * The UTC days (yyyy-mm-dd) on which a license expiring on one of them reaches a milestone during
 * [`from`, `to`): what a run reads by expiry day, so it touches only the licenses a milestone fell for, never
 * all of them. `from` is the previous run (or a catch-up horizon), `to` this run's instant.
 */
export const expiryDaysReachingMilestones = (from: Date, to: Date): string[] => {
  const days = new Set<string>();
  for (const [, daysBefore] of MILESTONE_DAYS_BEFORE) {
    // A milestone falls in [from, to) for expiries in [from + d, to + d).
    const start = from.getTime() + daysBefore * DAY_MS;
    const end = to.getTime() + daysBefore * DAY_MS;
    for (let day = Math.floor(start / DAY_MS) * DAY_MS; day < end; day += DAY_MS) {
      days.add(new Date(day).toISOString().slice(0, 10));
    }
  }
  return [...days].sort();
};
