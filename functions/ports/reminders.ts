import type { LicenseRecord, LicenseRenewalState } from '../domain/license';
import type { ReminderMilestone } from '../domain/reminder-milestones';
import type { WebhookEvent } from '../domain/webhook-event';

/** A reminder: sent at most once per (license, expiresAt, milestone). */
export interface ReminderKey {
  licenseId: string;
  expiresAt: string;
  milestone: ReminderMilestone;
}

/**
 * What a run may do with a reminder:
 * - `SEND`: this run claimed it (and wrote its event); email everyone not in `sentTo`;
 * - `SKIP`: it was completed, or another run holds it now.
 */
export type ReminderClaim = { outcome: 'SEND'; sentTo: readonly string[] } | { outcome: 'SKIP' };

/** A license read from the expiry index, and the cursor that resumes the partition just after it. */
export interface ExpiringLicense {
  license: LicenseRecord & LicenseRenewalState;
  resumeAfter: string;
}

/** One page of an expiry partition's licenses, and where the next page starts (none: the last page). */
export interface ExpiringLicensePage {
  licenses: ExpiringLicense[];
  next?: string;
}

/** The renewal-reminder job's reads and writes (PRODUCT.md §8). */
export interface ReminderStore {
  /**
   * The partitions of the expiry index that hold the licenses expiring on the given UTC days
   * (yyyy-mm-dd): opaque names, each read on its own, so a run can be shared out page by page.
   */
  expiryPartitions(days: readonly string[]): string[];
  /**
   * Up to `limit` licenses of one expiry partition, by the index (never a Scan), from `cursor` (a page's
   * `next`, or a license's `resumeAfter`) or from the start.
   */
  licensesIn(partition: string, page: { cursor?: string; limit: number }): Promise<ExpiringLicensePage>;
  /**
   * Claims the reminder for this run until `leaseUntil`. The first claim writes the record and `event`
   * together; a later run takes over a claim whose lease ran out before it was completed (a crashed run),
   * without writing the event again. The one guard against sending a reminder twice.
   */
  claim(reminder: ReminderKey, event: WebhookEvent, now: Date, leaseUntil: Date): Promise<ReminderClaim>;
  /**
   * Which of `reminders` were completed already, by `reminderKeyOf`: read in batches, so a rerun (and
   * each daily run re-reading its look-back) skips them at a fraction of a request each.
   */
  completed(reminders: readonly ReminderKey[]): Promise<Set<string>>;
  /** Records that `recipient` was emailed, right after the send, so a takeover skips them. */
  markSent(reminder: ReminderKey, recipient: string): Promise<void>;
  /** The reminder went to everyone it should: no run sends it again. */
  complete(reminder: ReminderKey, at: Date): Promise<void>;
}

/**
 * A share of a run: the licenses of one expiry partition, from `cursor` (where an earlier invocation
 * stopped) or from the start. Shares are independent, so they can run side by side, and idempotent, so a
 * retried one sends nothing twice.
 */
export interface ReminderTask {
  /** The run's instant (ISO 8601): every share of a run judges milestones as of it. */
  at: string;
  partition: string;
  cursor?: string;
}

/**
 * Where a run's shares wait to be run: SQS in AWS (one message each, retried after its visibility timeout,
 * then dead-lettered). Local runs need none: they run every share in process.
 */
export interface ReminderTaskQueue {
  send(tasks: readonly ReminderTask[]): Promise<void>;
}
