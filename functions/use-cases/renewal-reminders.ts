/**
 * The renewal-reminder job (PRODUCT.md §8): as of an instant, every license whose latest passed
 * milestone was not yet reminded for its current expiry gets its `license.expiring_soon` or
 * `license.expired` event, and each administrator of its workspace who has not opted out one email.
 *
 * Cost follows the reminders: the job reads only the licenses expiring on the days a milestone fell on
 * during the last {@link ReminderDeps.lookbackDays} (so missed runs are caught up), by index. Exactly
 * once: a reminder is claimed (with its event) before any email goes out; a run that crashed while
 * sending is taken over once its lease ends, and only the administrators not yet emailed get it.
 */
import { type EligibilityPolicy, evaluateEligibility } from '../domain/eligibility';
import { describeEligibility } from '../domain/eligibility-messages';
import { userIdFor } from '../domain/identity';
import type { LicenseRecord, LicenseRenewalState } from '../domain/license';
import { daysRemaining } from '../domain/license-status';
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
import type { ReminderKey, ReminderStore } from '../ports/reminders';
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
  /** How many days back a run looks for milestones it may have missed. */
  lookbackDays: number;
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
  eligible: boolean,
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
        { ...base, daysRemaining: daysRemaining(new Date(license.expiresAt), at), eligible },
        at,
        sameAs,
      );
};

/** Runs the job as of `at`. */
export const runReminders = async (deps: ReminderDeps, at: Date): Promise<ReminderRunReport> => {
  const from = new Date(at.getTime() - deps.lookbackDays * DAY_MS);
  // [from, at]: a milestone falling exactly at `at` has passed.
  const days = expiryDaysReachingMilestones(from, new Date(at.getTime() + 1));
  const licenses = await deps.reminders.licensesExpiringOn(days);
  const report: ReminderRunReport = { licensesRead: licenses.length, reminders: 0, sent: 0, failed: 0 };
  const productOf = memoized((productCode) => deps.catalog.getProduct(productCode));
  const priceOf = memoized((key) => {
    const [productCode = '', countryCode = ''] = key.split('\n');
    return deps.catalog.getPrice(productCode, countryCode);
  });
  const catalog: RunCatalog = {
    product: productOf,
    price: (productCode, countryCode) => priceOf(`${productCode}\n${countryCode}`),
    offers: await deps.catalog.listOffers(),
  };
  const workspaces = new Map<string, Promise<{ workspace: Workspace | null; emails: string[] }>>();
  const workspaceOf = (workspaceId: string) => {
    let found = workspaces.get(workspaceId);
    if (!found) {
      found = Promise.all([
        deps.workspaces.get(workspaceId),
        deps.workspaces.adminEmailsOf(workspaceId),
      ]).then(([workspace, emails]) => ({ workspace, emails }));
      workspaces.set(workspaceId, found);
    }
    return found;
  };

  const due = licenses.flatMap((license) => {
    const milestone = latestPassedMilestone(new Date(license.expiresAt), at);
    const { workspaceId } = license;
    return milestone && workspaceId ? [{ license: { ...license, workspaceId }, milestone }] : [];
  });
  const completed = await deps.reminders.completed(
    due.map(({ license, milestone }) => ({
      licenseId: license.licenseId,
      expiresAt: license.expiresAt,
      milestone,
    })),
  );
  for (const { license, milestone } of due) {
    if (completed.has(reminderKeyOf(license.licenseId, license.expiresAt, milestone))) continue;
    const { workspace, emails } = await workspaceOf(license.workspaceId);
    if (!workspace) continue;
    await remindOf(deps, license, milestone, workspace, emails, catalog, at, report);
  }
  return report;
};

/** The catalogue as one run reads it: each product and price once, the offers once. */
interface RunCatalog {
  product(productCode: string): ReturnType<CatalogStore['getProduct']>;
  price(productCode: string, countryCode: string): ReturnType<CatalogStore['getPrice']>;
  offers: Awaited<ReturnType<CatalogStore['listOffers']>>;
}

const memoized = <T>(read: (key: string) => Promise<T>): ((key: string) => Promise<T>) => {
  const seen = new Map<string, Promise<T>>();
  return (key) => {
    let found = seen.get(key);
    if (!found) {
      found = read(key);
      seen.set(key, found);
    }
    return found;
  };
};

const remindOf = async (
  deps: ReminderDeps,
  license: LicenseRecord & LicenseRenewalState & { workspaceId: string },
  milestone: ReminderMilestone,
  workspace: Workspace,
  emails: readonly string[],
  catalog: RunCatalog,
  at: Date,
  report: ReminderRunReport,
): Promise<void> => {
  const [product, price] = await Promise.all([
    catalog.product(license.productCode),
    workspace.countryCode ? catalog.price(license.productCode, workspace.countryCode) : null,
  ]);
  const verdict = evaluateEligibility(
    {
      licenseId: license.licenseId,
      purchaseChannel: license.purchaseChannel,
      purchasedAt: new Date(license.purchasedAt),
      expiresAt: new Date(license.expiresAt),
      productRenewableOnline: product?.renewableOnline === true,
      workspaceCountryCode: workspace.countryCode,
      priceAvailable: price !== null,
      renewalInProgress: license.renewalInProgress,
    },
    at,
    deps.policy,
  );
  const key: ReminderKey = { licenseId: license.licenseId, expiresAt: license.expiresAt, milestone };
  const event = reminderEvent(license, milestone, verdict.eligible, at);
  const claim = await deps.reminders.claim(key, event, at, new Date(at.getTime() + REMINDER_LEASE_MS));
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
        ? { eligible: true, quote: price ? quote(price, license.seats, catalog.offers, at) : null }
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
    await deps.reminders.markSent(key, email);
    report.sent++;
  }
  report.failed += failed;
  if (failed === 0) await deps.reminders.complete(key, at);
};
