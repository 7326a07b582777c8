/**
 * Starting a renewal: a checkout with the price in the workspace country's currency, the best offer
 * at this moment, and the term the renewal will give. The quote holds until the checkout expires, even
 * if the offer ends sooner. A new checkout for the same license replaces (expires) the open one, so at
 * most one checkout per license can be paid; paying a replaced one goes to review, never renews twice.
 */
import { randomUUID } from 'node:crypto';
import type { Actor } from '../domain/actor';
import { AuditAction, auditActorOf, newAuditEvent } from '../domain/audit-event';
import { type Checkout, CheckoutStatus } from '../domain/checkout';
import { describeEligibility } from '../domain/eligibility-messages';
import type { Locale } from '../domain/locale';
import { quote } from '../domain/pricing';
import { renewalTerm } from '../domain/renewal-term';
import type { AuditLog } from '../ports/audit-log';
import type { CheckoutStore } from '../ports/checkouts';
import { type ApplicationError, conflict, ErrorCode, notFound } from './errors';
import { assessLicense, type LicenseDeps } from './licenses';

export interface CheckoutDeps extends LicenseDeps {
  checkouts: CheckoutStore;
  checkoutTtlMinutes: number;
  /** The store's page for a checkout, with `{checkoutId}` to fill in. */
  storeCheckoutUrl: string;
  audit: AuditLog;
}

/** A checkout as the API shows it: an unpaid one past its expiry reads EXPIRED. */
export const checkoutView = (checkout: Checkout, now: Date, storeCheckoutUrl: string) => {
  const lapsed = checkout.status === CheckoutStatus.OPEN && new Date(checkout.expiresAt) <= now;
  return {
    checkoutId: checkout.checkoutId,
    licenseId: checkout.licenseId,
    workspaceId: checkout.workspaceId,
    status: lapsed ? CheckoutStatus.EXPIRED : checkout.status,
    redirectUrl: storeCheckoutUrl.replace('{checkoutId}', encodeURIComponent(checkout.checkoutId)),
    expiresAt: checkout.expiresAt,
    price: checkout.price,
    term: checkout.term,
    createdAt: checkout.createdAt,
    ...(checkout.renewal ? { renewal: checkout.renewal } : {}),
  };
};

/** Creates an OPEN checkout for an eligible license the user administers. */
export const createCheckout = async (
  deps: CheckoutDeps,
  actor: Actor,
  licenseId: string,
  now: Date,
  locale: Locale,
): Promise<Checkout> => {
  const { license, product, price } = await assessEligible(deps, actor, licenseId, now, locale);
  const checkout: Checkout = {
    checkoutId: `co_${randomUUID().replaceAll('-', '')}`,
    licenseId,
    workspaceId: license.workspaceId,
    userId: actor.userId,
    email: actor.email,
    locale: actor.locale,
    ...(actor.apiKeyId ? { apiKeyId: actor.apiKeyId } : {}),
    productCode: license.productCode,
    productName: product?.name ?? license.productCode,
    seats: license.seats,
    status: CheckoutStatus.OPEN,
    price: quote(price, license.seats, await deps.catalog.listOffers(), now),
    term: renewalTerm(new Date(license.expiresAt), now, license.termMonths),
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + deps.checkoutTtlMinutes * 60_000).toISOString(),
  };
  if (await deps.checkouts.create(checkout, license.openCheckoutId)) {
    await deps.audit.append(
      newAuditEvent({
        workspaceId: checkout.workspaceId,
        action: AuditAction.RENEWAL_STARTED,
        at: checkout.createdAt,
        actor: auditActorOf(actor),
        target: { type: 'CHECKOUT', id: checkout.checkoutId },
        details: { licenseId, amount: checkout.price.amount, currency: checkout.price.currency },
      }),
    );
    return checkout;
  }
  // The license changed between our read and our write. If it became ineligible (a checkout was paid
  // meanwhile) say why; otherwise another checkout won the race: the caller may retry with its key.
  await assessEligible(deps, actor, licenseId, now, locale);
  throw concurrentUpdate();
};

/** Seconds a loser of a race is told to wait: the winner's write has committed by then. */
export const CONCURRENT_UPDATE_RETRY_AFTER_SECONDS = 1;

const concurrentUpdate = (): ApplicationError =>
  conflict(ErrorCode.CONCURRENT_UPDATE, { retryAfterSeconds: CONCURRENT_UPDATE_RETRY_AFTER_SECONDS });

/** The license's assessment, or 409 NOT_ELIGIBLE with every reason. */
const assessEligible = async (
  deps: CheckoutDeps,
  actor: Actor,
  licenseId: string,
  now: Date,
  locale: Locale,
) => {
  const assessment = await assessLicense(deps, actor, licenseId, now);
  const { verdict, price } = assessment;
  if (!verdict.eligible || !price) {
    const { reasons, nextSteps } = describeEligibility(verdict, locale, deps.policy.windowDays);
    throw conflict(ErrorCode.NOT_ELIGIBLE, { details: { reasons, nextSteps } });
  }
  return { ...assessment, price };
};

/**
 * A checkout, for whoever started it only: the administrator (who also sees what their keys started),
 * or the key; anyone else gets 404 as if it did not exist.
 */
export const getCheckout = async (
  deps: Pick<CheckoutDeps, 'checkouts'>,
  actor: Actor,
  checkoutId: string,
) => {
  const checkout = await deps.checkouts.get(checkoutId);
  const owner = actor.apiKeyId ? checkout?.apiKeyId === actor.apiKeyId : checkout?.userId === actor.userId;
  if (!checkout || !owner) throw notFound();
  return checkout;
};
