import { generateActivationCode } from '../../functions/domain/activation-code';
import { AuditAction, newAuditEvent } from '../../functions/domain/audit-event';
import { type Checkout, CheckoutStatus } from '../../functions/domain/checkout';
import type { NewLicense } from '../../functions/domain/license';
import type { Order, TrackedOrder } from '../../functions/domain/order';
import { checkoutEvent, newWebhookEvent } from '../../functions/domain/webhook-event';
import type { CheckoutStore } from '../../functions/ports/checkouts';
import type { LicenseImportStore, LicenseStore } from '../../functions/ports/licenses';
import type { OrderQueries, OrderStore } from '../../functions/ports/orders';
import type { PurchaseStore, RenewalTarget, RenewalWrite } from '../../functions/ports/purchases';
import type { WebhookEventStore } from '../../functions/ports/webhooks';
import type { WorkspaceStore } from '../../functions/ports/workspaces';
import { contractCheckout, contractLicense } from './checkout-fixtures';
import { uniqueId } from './ids';

/** The purchase workflow's store and the stores whose records it changes; each `make` starts empty. */
export interface PurchaseSubject {
  purchases: PurchaseStore;
  checkouts: CheckoutStore;
  licenses: LicenseStore & LicenseImportStore;
  workspaces: WorkspaceStore;
  orders: OrderStore & OrderQueries;
  webhookEvents: WebhookEventStore;
}

const PAID_AT = '2026-12-20T10:30:00.000Z';

/** What {@link PurchaseStore}, {@link OrderStore} and {@link OrderQueries} promise together. */
export const describePurchaseStoreContract = (name: string, make: () => Promise<PurchaseSubject>) => {
  describe(`PurchaseStore and OrderStore contract: ${name}`, () => {
    let s: PurchaseSubject;
    beforeEach(async () => {
      s = await make();
    });

    /** A license with an OPEN checkout and a recorded order paying it, as the webhook leaves them. */
    const givenPaidCheckout = async () => {
      const license = contractLicense();
      await s.licenses.put(license, null);
      const checkout = contractCheckout(license);
      await s.checkouts.create(checkout, null);
      const order: Order = {
        orderId: uniqueId('ord'),
        checkoutId: checkout.checkoutId,
        amount: checkout.price.amount,
        currency: checkout.price.currency,
        paidAt: PAID_AT,
        eventId: uniqueId('evt'),
        receivedAt: PAID_AT,
        status: 'RECEIVED',
      };
      await s.orders.record(order);
      return {
        license,
        checkout,
        order,
        target: (await s.purchases.getRenewalTarget(license.licenseId)) as RenewalTarget,
      };
    };
    const givenClaimed = async () => {
      const given = await givenPaidCheckout();
      await s.purchases.claim(given.checkout, given.order.orderId, given.target);
      const checkout = (await s.checkouts.get(given.checkout.checkoutId)) as Checkout;
      const target = (await s.purchases.getRenewalTarget(given.license.licenseId)) as RenewalTarget;
      const order = (await s.purchases.getOrder(given.order.orderId)) as TrackedOrder;
      return { ...given, checkout, target, order };
    };
    const renewalOf = (
      given: { license: NewLicense; checkout: Checkout; order: TrackedOrder; target: RenewalTarget },
      activationCode = generateActivationCode(),
    ): RenewalWrite => ({
      order: given.order,
      checkout: given.checkout,
      target: given.target,
      newExpiresAt: '2028-01-04T00:00:00.000Z',
      bonusDays: 3,
      activationCode,
      history: {
        checkoutId: given.checkout.checkoutId,
        paidAt: PAID_AT,
        previousExpiresAt: given.license.expiresAt,
        newExpiresAt: '2028-01-04T00:00:00.000Z',
        termMonths: 12,
        activationCodeHint: activationCode.slice(-5),
      },
      at: '2026-12-20T10:31:00.000Z',
      auditEvent: newAuditEvent({
        workspaceId: given.checkout.workspaceId,
        action: AuditAction.RENEWAL_COMPLETED,
        at: '2026-12-20T10:31:00.000Z',
        actor: { type: 'USER', id: given.checkout.userId, email: given.checkout.email },
        target: { type: 'CHECKOUT', id: given.checkout.checkoutId },
      }),
      webhookEvent: newWebhookEvent(
        'checkout.completed',
        {
          checkoutId: given.checkout.checkoutId,
          licenseId: given.license.licenseId,
          workspaceId: given.checkout.workspaceId,
          newExpiresAt: '2028-01-04T00:00:00.000Z',
          activationCodeHint: activationCode.slice(-5),
          amount: given.checkout.price.amount,
          currency: given.checkout.price.currency,
        },
        new Date('2026-12-20T10:31:00.000Z'),
        [given.checkout.checkoutId, given.order.orderId],
      ),
    });
    const failedEvent = (checkout: Checkout, orderId: string) =>
      checkoutEvent('checkout.failed', checkout, orderId, new Date('2026-12-20T10:40:00.000Z'));

    it('records an order once; a duplicate delivery is refused', async () => {
      // Arrange
      const { order } = await givenPaidCheckout();

      // Act
      const again = await s.orders.record({ ...order, eventId: 'evt-other' });

      // Assert
      expect(again).toBe(false);
      expect(await s.orders.get(order.orderId)).toEqual(order);
      expect(await s.orders.get('no-such-order')).toBeNull();
    });

    it('reads the renewal target of a license: its record, code hash and open checkout', async () => {
      // Arrange
      const { license, checkout, target } = await givenPaidCheckout();

      // Act
      const missing = await s.purchases.getRenewalTarget('no-such-license');

      // Assert
      expect(target.license).toMatchObject({ licenseId: license.licenseId, expiresAt: license.expiresAt });
      expect(target.activationCodeHash).toEqual(expect.any(String));
      expect(target.openCheckoutId).toBe(checkout.checkoutId);
      expect(missing).toBeNull();
    });

    it('claims an open checkout: PAID by the order, the license renewing with no open checkout', async () => {
      // Arrange
      const { license, checkout, order, target } = await givenPaidCheckout();

      // Act
      const claimed = await s.purchases.claim(checkout, order.orderId, target);

      // Assert
      expect(claimed).toBe(true);
      expect(await s.checkouts.get(checkout.checkoutId)).toMatchObject({
        status: CheckoutStatus.PAID,
        orderId: order.orderId,
      });
      expect(await s.licenses.get(license.licenseId)).toMatchObject({
        renewalInProgress: true,
        openCheckoutId: null,
      });
    });

    it('claims again for the same order (a retry), never for another', async () => {
      // Arrange
      const { checkout, order, target } = await givenClaimed();

      // Act
      const retry = await s.purchases.claim(checkout, order.orderId, target);
      const other = await s.purchases.claim(checkout, 'ord-other', target);

      // Assert
      expect([retry, other]).toEqual([true, false]);
      expect((await s.checkouts.get(checkout.checkoutId))?.orderId).toBe(order.orderId);
    });

    it('refuses a claim when the license changed since it was read', async () => {
      // Arrange
      const { license, checkout, order, target } = await givenPaidCheckout();
      const newer = contractCheckout(license);
      await s.checkouts.create(newer, checkout.checkoutId);
      const superseded = (await s.checkouts.get(checkout.checkoutId)) as Checkout;

      // Act
      const claimed = await s.purchases.claim(superseded, order.orderId, target);

      // Assert
      expect(claimed).toBe(false);
      expect((await s.checkouts.get(checkout.checkoutId))?.status).toBe(CheckoutStatus.EXPIRED);
    });

    it('lets no new checkout replace one being paid', async () => {
      // Arrange
      const { license, checkout } = await givenClaimed();

      // Act
      const created = await s.checkouts.create(contractCheckout(license), checkout.checkoutId);

      // Assert
      expect(created).toBe(false);
    });

    it('applies a renewal once: license, code, history, checkout and order together', async () => {
      // Arrange
      const given = await givenClaimed();
      const renewal = renewalOf(given);

      // Act
      const first = await s.purchases.applyRenewal(renewal);
      const second = await s.purchases.applyRenewal(renewal);

      // Assert
      expect([first, second]).toEqual([true, false]);
      expect(await s.licenses.get(given.license.licenseId)).toMatchObject({
        expiresAt: renewal.newExpiresAt,
        activationCodeHint: renewal.activationCode.slice(-5),
        renewalInProgress: false,
      });
      expect(await s.licenses.findIdByActivationCode(renewal.activationCode)).toBe(given.license.licenseId);
      expect(await s.licenses.findIdByActivationCode(given.license.activationCode)).toBeNull();
      expect(await s.licenses.listRenewals(given.license.licenseId)).toEqual([renewal.history]);
      expect(await s.checkouts.get(given.checkout.checkoutId)).toMatchObject({
        status: CheckoutStatus.COMPLETED,
        renewal: { newExpiresAt: renewal.newExpiresAt, activationCodeHint: renewal.activationCode.slice(-5) },
      });
      expect(await s.purchases.getOrder(given.order.orderId)).toMatchObject({
        status: 'FULFILLED',
        fulfilledAt: renewal.at,
        pendingActivationCode: renewal.activationCode,
        fulfilment: {
          previousExpiresAt: given.license.expiresAt,
          newExpiresAt: renewal.newExpiresAt,
          bonusDays: 3,
        },
      });
      expect(await s.orders.get(given.order.orderId)).not.toHaveProperty('pendingActivationCode');
      expect(await s.webhookEvents.get(renewal.webhookEvent.id)).toEqual(renewal.webhookEvent);
    });

    it('refuses a renewal whose new code another license has', async () => {
      // Arrange
      const taken = contractLicense();
      await s.licenses.put(taken, null);
      const given = await givenClaimed();

      // Act
      const applied = await s.purchases.applyRenewal(renewalOf(given, taken.activationCode));

      // Assert
      expect(applied).toBe(false);
      expect((await s.licenses.get(given.license.licenseId))?.expiresAt).toBe(given.license.expiresAt);
      expect(await s.licenses.findIdByActivationCode(taken.activationCode)).toBe(taken.licenseId);
    });

    it('refuses a renewal when the license changed since it was read', async () => {
      // Arrange
      const given = await givenClaimed();
      await s.licenses.put({ ...given.license, expiresAt: '2027-02-01T00:00:00.000Z' }, null);

      // Act
      const applied = await s.purchases.applyRenewal(renewalOf(given));

      // Assert
      expect(applied).toBe(false);
      expect((await s.purchases.getOrder(given.order.orderId))?.fulfilledAt).toBeUndefined();
    });

    it('forgets the code once the email is accepted', async () => {
      // Arrange
      const given = await givenClaimed();
      await s.purchases.applyRenewal(renewalOf(given));
      const fulfilled = (await s.purchases.getOrder(given.order.orderId)) as TrackedOrder;

      // Act
      await s.purchases.markEmailed(fulfilled, '2026-12-20T10:32:00.000Z');

      // Assert
      const order = await s.purchases.getOrder(given.order.orderId);
      expect(order).toMatchObject({ status: 'FULFILLED', emailedAt: '2026-12-20T10:32:00.000Z' });
      expect(order).not.toHaveProperty('pendingActivationCode');
    });

    it('records a failure on order and checkout, releases the license, and lists the order for operators', async () => {
      // Arrange
      const given = await givenClaimed();

      // Act
      await s.purchases.markFailed({
        order: given.order,
        checkout: given.checkout,
        releaseLicense: true,
        reason: 'EMAIL_FAILED',
        at: '2026-12-20T10:40:00.000Z',
        webhookEvent: failedEvent(given.checkout, given.order.orderId),
      });

      // Assert
      expect(await s.purchases.getOrder(given.order.orderId)).toMatchObject({
        status: 'FAILED',
        statusReason: 'EMAIL_FAILED',
        failedAt: '2026-12-20T10:40:00.000Z',
        failures: 1,
      });
      expect(await s.checkouts.get(given.checkout.checkoutId)).toMatchObject({
        status: CheckoutStatus.FAILED,
        statusReason: 'EMAIL_FAILED',
      });
      expect((await s.licenses.get(given.license.licenseId))?.renewalInProgress).toBe(false);
      expect(await s.webhookEvents.get(failedEvent(given.checkout, given.order.orderId).id)).toMatchObject({
        type: 'checkout.failed',
        data: { checkoutId: given.checkout.checkoutId, licenseId: given.license.licenseId },
      });
      expect(await s.orders.listWithStatus('FAILED')).toEqual([
        {
          orderId: given.order.orderId,
          checkoutId: given.checkout.checkoutId,
          amount: given.order.amount,
          currency: given.order.currency,
          status: 'FAILED',
          statusReason: 'EMAIL_FAILED',
          since: '2026-12-20T10:40:00.000Z',
        },
      ]);
    });

    it('counts every failure of an order', async () => {
      // Arrange
      const given = await givenClaimed();
      const failure = {
        order: given.order,
        checkout: given.checkout,
        releaseLicense: false,
        reason: 'X',
        webhookEvent: null,
      };

      // Act
      await s.purchases.markFailed({ ...failure, at: '2026-12-20T10:40:00.000Z' });
      await s.purchases.markFailed({ ...failure, at: '2026-12-20T10:50:00.000Z' });

      // Assert
      expect((await s.purchases.getOrder(given.order.orderId))?.failures).toBe(2);
      expect((await s.licenses.get(given.license.licenseId))?.renewalInProgress).toBe(true);
    });

    it('puts an order and its checkout in review; the license shows the renewal in progress', async () => {
      // Arrange
      const { license, checkout, order, target } = await givenPaidCheckout();
      const tracked = (await s.purchases.getOrder(order.orderId)) as TrackedOrder;
      const reviewEvent = checkoutEvent('checkout.needs_review', checkout, order.orderId, new Date());

      // Act
      const marked = await s.purchases.markNeedsReview({
        order: tracked,
        checkout,
        target,
        reason: 'AMOUNT_MISMATCH',
        at: '2026-12-20T10:35:00.000Z',
        webhookEvent: reviewEvent,
      });

      // Assert
      expect(marked).toBe(true);
      expect(await s.purchases.getOrder(order.orderId)).toMatchObject({
        status: 'NEEDS_REVIEW',
        statusReason: 'AMOUNT_MISMATCH',
        reviewedAt: '2026-12-20T10:35:00.000Z',
      });
      expect(await s.checkouts.get(checkout.checkoutId)).toMatchObject({
        status: CheckoutStatus.NEEDS_REVIEW,
        orderId: order.orderId,
      });
      expect(await s.licenses.get(license.licenseId)).toMatchObject({
        renewalInProgress: true,
        openCheckoutId: null,
      });
      expect((await s.orders.listWithStatus('NEEDS_REVIEW')).map((o) => o.orderId)).toEqual([order.orderId]);
      expect(await s.webhookEvents.get(reviewEvent.id)).toEqual(reviewEvent);
    });

    it('never puts a fulfilled order in review', async () => {
      // Arrange
      const given = await givenClaimed();
      await s.purchases.applyRenewal(renewalOf(given));
      const fulfilled = (await s.purchases.getOrder(given.order.orderId)) as TrackedOrder;

      // Act
      const marked = await s.purchases.markNeedsReview({
        order: fulfilled,
        checkout: null,
        target: null,
        reason: 'LATE',
        at: '2026-12-20T10:35:00.000Z',
        webhookEvent: null,
      });

      // Assert
      expect(marked).toBe(false);
      expect((await s.purchases.getOrder(given.order.orderId))?.status).toBe('FULFILLED');
    });

    it('keeps list entries under the old expiry until they are synced, then moves them', async () => {
      // Arrange
      const placed = contractLicense({ workspaceId: uniqueId('ws') });
      const ann = uniqueId('usr');
      await s.workspaces.put({ workspaceId: placed.workspaceId as string, name: 'Acme', countryCode: 'PL' }, [
        ann,
      ]);
      await s.licenses.put(placed, {
        workspaceId: placed.workspaceId as string,
        workspaceName: 'Acme',
        productName: 'Endpoint Security Cloud',
        adminUserIds: [ann],
      });
      const checkout = contractCheckout(placed);
      await s.checkouts.create(checkout, null);
      const order: Order = {
        orderId: uniqueId('ord'),
        checkoutId: checkout.checkoutId,
        amount: 1,
        currency: 'PLN',
        paidAt: PAID_AT,
        eventId: uniqueId('evt'),
        receivedAt: PAID_AT,
        status: 'RECEIVED',
      };
      await s.orders.record(order);
      const target = (await s.purchases.getRenewalTarget(placed.licenseId)) as RenewalTarget;
      await s.purchases.claim(checkout, order.orderId, target);
      const given = {
        license: placed,
        checkout: (await s.checkouts.get(checkout.checkoutId)) as Checkout,
        order: (await s.purchases.getOrder(order.orderId)) as TrackedOrder,
        target: (await s.purchases.getRenewalTarget(placed.licenseId)) as RenewalTarget,
      };
      await s.purchases.applyRenewal(renewalOf(given));
      const listed = async () =>
        (await s.licenses.listForAdmin(ann, { limit: 10 })).items.map((item) => item.expiresAt);
      const beforeSync = await listed();

      // Act
      const admins = await s.licenses.syncListEntries(placed.licenseId);

      // Assert
      expect(beforeSync).toEqual([placed.expiresAt]);
      expect(admins).toBe(1);
      expect(await listed()).toEqual(['2028-01-04T00:00:00.000Z']);
    });

    it('completes a failed checkout once the email of its renewal is accepted (a replay)', async () => {
      // Arrange
      const given = await givenClaimed();
      await s.purchases.applyRenewal(renewalOf(given));
      const fulfilled = (await s.purchases.getOrder(given.order.orderId)) as TrackedOrder;
      await s.purchases.markFailed({
        order: fulfilled,
        checkout: (await s.checkouts.get(given.checkout.checkoutId)) as Checkout,
        releaseLicense: false,
        reason: 'EMAIL_FAILED',
        at: '2026-12-20T10:40:00.000Z',
        webhookEvent: null,
      });

      // Act
      await s.purchases.markEmailed(fulfilled, '2026-12-21T10:00:00.000Z');

      // Assert
      const checkout = await s.checkouts.get(given.checkout.checkoutId);
      expect(checkout?.status).toBe(CheckoutStatus.COMPLETED);
      expect(checkout).not.toHaveProperty('statusReason');
      expect(await s.purchases.getOrder(given.order.orderId)).toMatchObject({ status: 'FULFILLED' });
      expect(await s.purchases.getOrder(given.order.orderId)).not.toHaveProperty('failedAt');
      expect(await s.orders.listWithStatus('FAILED')).toEqual([]);
    });

    it('refuses to mark an order emailed before it was fulfilled', async () => {
      // Arrange
      const { order } = await givenClaimed();

      // Act
      const marked = s.purchases.markEmailed(order, '2026-12-21T10:00:00.000Z');

      // Assert
      await expect(marked).rejects.toMatchObject({ name: 'ConditionalCheckFailedException' });
    });

    it('records a failure on the order alone when its checkout is another order’s', async () => {
      // Arrange
      const given = await givenClaimed();
      const stranger: Order = { ...given.order, orderId: uniqueId('ord'), eventId: uniqueId('evt') };
      await s.orders.record(stranger);
      const strangerOrder = (await s.purchases.getOrder(stranger.orderId)) as TrackedOrder;

      // Act
      await s.purchases.markFailed({
        order: strangerOrder,
        checkout: given.checkout,
        releaseLicense: true,
        reason: 'X',
        at: '2026-12-20T10:40:00.000Z',
        webhookEvent: failedEvent(given.checkout, stranger.orderId),
      });

      // Assert
      expect((await s.purchases.getOrder(stranger.orderId))?.status).toBe('FAILED');
      expect(await s.checkouts.get(given.checkout.checkoutId)).toMatchObject({
        status: CheckoutStatus.PAID,
        orderId: given.order.orderId,
      });
      expect((await s.licenses.get(given.license.licenseId))?.renewalInProgress).toBe(true);
      expect(await s.webhookEvents.get(failedEvent(given.checkout, stranger.orderId).id)).toBeNull();
    });

    it('lets the order that claimed a checkout claim it again after a failure (a replay)', async () => {
      // Arrange
      const given = await givenClaimed();
      await s.purchases.markFailed({
        order: given.order,
        checkout: given.checkout,
        releaseLicense: true,
        reason: 'X',
        at: '2026-12-20T10:40:00.000Z',
        webhookEvent: null,
      });
      const failed = (await s.checkouts.get(given.checkout.checkoutId)) as Checkout;
      const target = (await s.purchases.getRenewalTarget(given.license.licenseId)) as RenewalTarget;

      // Act
      const claimed = await s.purchases.claim(failed, given.order.orderId, target);

      // Assert
      expect(claimed).toBe(true);
      expect(await s.checkouts.get(given.checkout.checkoutId)).toMatchObject({ status: CheckoutStatus.PAID });
      expect(await s.checkouts.get(given.checkout.checkoutId)).not.toHaveProperty('statusReason');
      expect((await s.licenses.get(given.license.licenseId))?.renewalInProgress).toBe(true);
    });

    it('reviews a second payment without touching the checkout another order paid', async () => {
      // Arrange
      const given = await givenClaimed();
      const second: Order = { ...given.order, orderId: uniqueId('ord'), eventId: uniqueId('evt') };
      await s.orders.record(second);
      const tracked = (await s.purchases.getOrder(second.orderId)) as TrackedOrder;

      // Act
      const marked = await s.purchases.markNeedsReview({
        order: tracked,
        checkout: given.checkout,
        target: given.target,
        reason: 'CHECKOUT_NOT_OPEN',
        at: '2026-12-20T10:35:00.000Z',
        webhookEvent: null,
      });

      // Assert
      expect(marked).toBe(true);
      expect((await s.purchases.getOrder(second.orderId))?.status).toBe('NEEDS_REVIEW');
      expect(await s.checkouts.get(given.checkout.checkoutId)).toMatchObject({
        status: CheckoutStatus.PAID,
        orderId: given.order.orderId,
      });
    });

    it('lists orders in a status oldest first, from `since` on', async () => {
      // Arrange
      const orders = [];
      for (const at of ['2026-12-20T12:00:00.000Z', '2026-12-20T11:00:00.000Z', '2026-12-20T13:00:00.000Z']) {
        const given = await givenPaidCheckout();
        const tracked = (await s.purchases.getOrder(given.order.orderId)) as TrackedOrder;
        await s.purchases.markNeedsReview({
          order: tracked,
          checkout: null,
          target: null,
          reason: 'R',
          at,
          webhookEvent: null,
        });
        orders.push(given.order.orderId);
      }

      // Act
      const all = await s.orders.listWithStatus('NEEDS_REVIEW');
      const recent = await s.orders.listWithStatus('NEEDS_REVIEW', '2026-12-20T12:00:00.000Z');

      // Assert
      expect(all.map((o) => o.orderId)).toEqual([orders[1], orders[0], orders[2]]);
      expect(recent.map((o) => o.orderId)).toEqual([orders[0], orders[2]]);
      expect(await s.orders.listWithStatus('FAILED')).toEqual([]);
    });
  });
};
