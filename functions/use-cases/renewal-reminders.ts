/**
 * The renewal-reminder job (PRODUCT.md §8): as of an instant, every license whose latest passed
 * milestone was not yet reminded for its current expiry gets its `license.expiring_soon` or
 * `license.expired` event, and each administrator of its workspace who has not opted out one email.
 *
 * Cost follows the reminders: the job reads only the licenses expiring on the days a milestone fell on
 * during the last {@link ReminderDeps.lookbackDays} (so missed runs are caught up), by index. Exactly
 * once: a reminder is claimed (with its event) before any email goes out; a run that crashed while
 * sending is taken over once its lease ends, and only the administrators not yet emailed get it.
 *
 * A run is shared out by expiry partition ({@link reminderTasksAt}); each share runs page by page
 * ({@link runReminderTask}) and can stop before any reminder, to go on in another Lambda invocation.
 */

import type { Clock } from '../domain/clock';
import {
  type EligibilityPolicy,
  type EligibilityVerdict,
  eligibilityFactsOf,
  evaluateEligibility,
} from '../domain/eligibility';
import { describeEligibility } from '../domain/eligibility-messages';
import { userIdFor } from '../domain/identity';
import type { LicenseRecord, LicenseRenewalState } from '../domain/license';
import { quote } from '../domain/pricing';
import { reminderEmail } from '../domain/reminder-email';
import {
  expiryDaysReachingMilestones,
  latestPassedMilestone,
  ReminderMilestone,
  reminderKeyOf,
} from '../domain/reminder-milestones';
import { newWebhookEvent, type WebhookEvent, WebhookEventType } from '../domain/webhook-event';
import type { Workspace } from '../domain/workspace';
import type { CatalogStore } from '../ports/catalog';
import type { EmailSender } from '../ports/messaging';
import type { NotificationPreferencesStore } from '../ports/notification-preferences';
import type { ExpiringLicense, ReminderKey, ReminderStore, ReminderTask } from '../ports/reminders';
import type { UserStore } from '../ports/users';
import type { WorkspaceStore } from '../ports/workspaces';

const DAY_MS = 24 * 3600 * 1000;

/** How long a run holds a claimed reminder before another run may take it over. */
export const REMINDER_LEASE_MS = 15 * 60 * 1000;

export interface ReminderDeps {
  reminders: ReminderStore;
  workspaces: Pick<WorkspaceStore, 'get' | 'adminEmailsOf'>;
  users: Pick<UserStore, 'findByEmail'>;
  preferences: Pick<NotificationPreferencesStore, 'get'>;
  catalog: CatalogStore;
  email: EmailSender;
  policy: EligibilityPolicy;
  /** Keeps the claims' leases; `at`, the run's instant, judges the milestones. */
  clock: Clock;
  /** How many days back a run looks for milestones it may have missed. */
  lookbackDays: number;
  /** Licenses read per query of the expiry index (one batch read then tells which were reminded already). */
  pageSize: number;
  /** The portal page that renews a license. */
  renewUrl: (licenseId: string) => string;
  /** The signed one-click link that turns reminders off for a user. */
  unsubscribeUrl: (userId: string) => string;
}

/** What one run did. */
export interface ReminderRunReport {
  /** Licenses read from the index. */
  licensesRead: number;
  /** Reminders this run claimed (each with its event). */
  reminders: number;
  /** Emails sent. */
  sent: number;
  /** Emails that failed; their reminders stay open for the next run. */
  failed: number;
}

/** The event of a reminder. Its id is derived from the reminder, like the reminder itself. */
const reminderEvent = (
  license: LicenseRecord & { workspaceId: string },
  milestone: ReminderMilestone,
  verdict: Pick<EligibilityVerdict, 'eligible' | 'daysRemaining'>,
  at: Date,
): WebhookEvent => {
  const sameAs = [license.licenseId, license.expiresAt, milestone];
  const base = {
    licenseId: license.licenseId,
    workspaceId: license.workspaceId,
    expiresAt: license.expiresAt,
  };
  return milestone === ReminderMilestone.EXPIRED
    ? newWebhookEvent(WebhookEventType.LICENSE_EXPIRED, base, at, sameAs)
    : newWebhookEvent(
        WebhookEventType.LICENSE_EXPIRING_SOON,
        { ...base, daysRemaining: verdict.daysRemaining, eligible: verdict.eligible },
        at,
        sameAs,
      );
};

/** The shares of a run as of `at`: one per expiry partition whose day a milestone fell on in the look-back. */
export const reminderTasksAt = (
  deps: Pick<ReminderDeps, 'reminders' | 'lookbackDays'>,
  at: Date,
): ReminderTask[] => {
  const from = new Date(at.getTime() - deps.lookbackDays * DAY_MS);
  // [from, at]: a milestone falling exactly at `at` has passed.
  const days = expiryDaysReachingMilestones(from, new Date(at.getTime() + 1));
  return deps.reminders.expiryPartitions(days).map((partition) => ({ at: at.toISOString(), partition }));
};

/** What a run reads once however many licenses it reminds: the catalogue, and each workspace. */
export interface ReminderRunCache {
  product(productCode: string): ReturnType<CatalogStore['getProduct']>;
  price(productCode: string, countryCode: string): ReturnType<CatalogStore['getPrice']>;
  offers(): ReturnType<CatalogStore['listOffers']>;
  workspace(workspaceId: string): Promise<{ workspace: Workspace | null; emails: readonly string[] }>;
}

/** A cache for one invocation (its reads stay as fresh as the invocation is short). */
export const reminderRunCache = (deps: ReminderDeps): ReminderRunCache => ({
  product: memoized(
    (productCode) => productCode,
    (productCode: string) => deps.catalog.getProduct(productCode),
  ),
  price: memoized(
    (productCode, countryCode) => `${productCode}\n${countryCode}`,
    (productCode: string, countryCode: string) => deps.catalog.getPrice(productCode, countryCode),
  ),
  offers: memoized(
    () => '',
    () => deps.catalog.listOffers(),
  ),
  workspace: memoized(
    (workspaceId) => workspaceId,
    async (workspaceId: string) => {
      const [workspace, emails] = await Promise.all([
        deps.workspaces.get(workspaceId),
        deps.workspaces.adminEmailsOf(workspaceId),
      ]);
      return { workspace, emails };
    },
  ),
});

/** What a share did, and where it stopped if it ran out of time (`next`: run it later). */
export interface ReminderTaskResult {
  report: ReminderRunReport;
  next?: ReminderTask;
}

const emptyReport = (): ReminderRunReport => ({ licensesRead: 0, reminders: 0, sent: 0, failed: 0 });

/**
 * Runs one share page by page. Before each reminder but the first, and before each further page, it asks
 * `hasTimeLeft`; when that says no, it stops and returns the rest as `next` (resuming just after the
 * last license it finished), so a share larger than one Lambda invocation goes on in another. Always
 * makes progress: the first reminder is sent whatever the time.
 */
export const runReminderTask = async (
  deps: ReminderDeps,
  task: ReminderTask,
  cache: ReminderRunCache,
  hasTimeLeft: () => boolean = () => true,
): Promise<ReminderTaskResult> => {
  const at = new Date(task.at);
  const report = emptyReport();
  let cursor = task.cursor;
  let sentSome = false;
  do {
    const page = await deps.reminders.licensesIn(task.partition, { cursor, limit: deps.pageSize });
    report.licensesRead += page.licenses.length;
    const due = dueReminders(page.licenses, at, cursor);
    const completed =
      due.length > 0 ? await deps.reminders.completed(due.map(({ reminder }) => reminder)) : new Set();
    for (const { license, reminder, resumeAt } of due) {
      if (completed.has(reminderKeyOf(reminder.licenseId, reminder.expiresAt, reminder.milestone))) continue;
      if (sentSome && !hasTimeLeft()) return { report, next: { ...task, cursor: resumeAt } };
      const { workspace, emails } = await cache.workspace(license.workspaceId);
      if (!workspace) continue;
      await remindOf(deps, license, reminder, workspace, emails, cache, at, report);
      sentSome = true;
    }
    cursor = page.next;
    if (cursor && !hasTimeLeft()) return { report, next: { ...task, cursor } };
  } while (cursor);
  return { report };
};

/**
 * The page's licenses whose latest passed milestone is due as of `at`, each with the cursor that
 * resumes at it: just after the license before it, or the page's own start.
 */
const dueReminders = (licenses: readonly ExpiringLicense[], at: Date, pageStart: string | undefined) =>
  licenses.flatMap(({ license }, index) => {
    const milestone = latestPassedMilestone(new Date(license.expiresAt), at);
    const { licenseId, expiresAt, workspaceId } = license;
    if (!milestone || !workspaceId) return [];
    const reminder: ReminderKey = { licenseId, expiresAt, milestone };
    const resumeAt = index === 0 ? pageStart : licenses[index - 1]?.resumeAfter;
    return [{ license: { ...license, workspaceId }, reminder, resumeAt }];
  });

/** Runs the whole job as of `at` in this process (the local run, the CLI, the benchmark). */
export const runReminders = async (deps: ReminderDeps, at: Date): Promise<ReminderRunReport> => {
  const cache = reminderRunCache(deps);
  const total = emptyReport();
  for (const task of reminderTasksAt(deps, at)) {
    const { report } = await runReminderTask(deps, task, cache);
    addReport(total, report);
  }
  return total;
};

/** Adds `more` to `total`. */
const addReport = (total: ReminderRunReport, more: ReminderRunReport): void => {
  total.licensesRead += more.licensesRead;
  total.reminders += more.reminders;
  total.sent += more.sent;
  total.failed += more.failed;
};

/** `read`, asked once per key for the length of a run. */
const memoized = <A extends unknown[], T>(
  keyOf: (...args: A) => string,
  read: (...args: A) => Promise<T>,
): ((...args: A) => Promise<T>) => {
  const seen = new Map<string, Promise<T>>();
  return (...args) => {
    const key = keyOf(...args);
    let found = seen.get(key);
    if (!found) {
      found = read(...args);
      seen.set(key, found);
    }
    return found;
  };
};

const remindOf = async (
  deps: ReminderDeps,
  license: LicenseRecord & LicenseRenewalState & { workspaceId: string },
  reminder: ReminderKey,
  workspace: Workspace,
  emails: readonly string[],
  cache: ReminderRunCache,
  at: Date,
  report: ReminderRunReport,
): Promise<void> => {
  const [product, price, offers] = await Promise.all([
    cache.product(license.productCode),
    workspace.countryCode ? cache.price(license.productCode, workspace.countryCode) : null,
    cache.offers(),
  ]);
  const verdict = evaluateEligibility(
    eligibilityFactsOf(license, workspace.countryCode, product, price),
    at,
    deps.policy,
  );
  const { milestone } = reminder;
  const event = reminderEvent(license, milestone, verdict, at);
  // The lease is kept by the clock, not by `at`: a share retried later (as of the same `at`) must see
  // the crashed or failed attempt's lease run out.
  const now = deps.clock.now();
  const claim = await deps.reminders.claim(reminder, event, now, new Date(now.getTime() + REMINDER_LEASE_MS));
  if (claim.outcome === 'SKIP') return;
  report.reminders++;

  let failed = 0;
  for (const email of emails) {
    if (claim.sentTo.includes(email)) continue;
    const userId = userIdFor(email);
    const [user, preferences] = await Promise.all([
      deps.users.findByEmail(email),
      deps.preferences.get(userId),
    ]);
    if (!preferences.renewalReminders) continue;
    const locale = user?.locale ?? 'en';
    const described = describeEligibility(verdict, locale, deps.policy.windowDays);
    const unsubscribeUrl = deps.unsubscribeUrl(userId);
    const message = reminderEmail({
      locale,
      milestone,
      productName: product?.name ?? license.productCode,
      workspaceName: workspace.name,
      seats: license.seats,
      expiresAt: license.expiresAt,
      daysRemaining: verdict.daysRemaining,
      eligibility: verdict.eligible
        ? { eligible: true, quote: price ? quote(price, license.seats, offers, at) : null }
        : { eligible: false, reasons: described.reasons.map((reason) => reason.message) },
      renewUrl: deps.renewUrl(license.licenseId),
    });
    try {
      await deps.email.send({
        to: email,
        ...message,
        headers: {
          'List-Unsubscribe': `<${unsubscribeUrl}>`,
          'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
        },
      });
    } catch {
      // Left unmarked: the reminder stays open, and the run that takes it over sends this one again.
      failed++;
      continue;
    }
    await deps.reminders.markSent(reminder, email);
    report.sent++;
  }
  report.failed += failed;
  if (failed === 0) await deps.reminders.complete(reminder, deps.clock.now());
};
