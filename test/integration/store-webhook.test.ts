/**
 * The store's webhook through the route table, with the real purchase workflow behind it: signatures,
 * duplicate and concurrent deliveries, events it does not handle.
 */
import { signStorePayload } from '../../functions/domain/store-signature';
import { checkoutStore, licenseStore } from '../../functions/wiring';
import { callRoute } from '../support/api';
import { TEST_STORE_SECRET } from '../support/dynamodb';
import { codeFor, createPurchaseHarness, type PurchaseHarness } from '../support/purchase';

let h: PurchaseHarness;
let n = 0;

beforeAll(async () => {
  h = await createPurchaseHarness();
});

afterAll(async () => {
  await h.close();
});

/** A license with an OPEN checkout, and the event the store sends once it is paid. */
const paidEvent = async (overrides: Record<string, unknown> = {}) => {
  n++;
  await h.addLicense(`lic-${n}`, 10, codeFor(n));
  const checkout = await h.openCheckout(`co-${n}`, `lic-${n}`);
  return {
    licenseId: `lic-${n}`,
    checkoutId: checkout.checkoutId,
    event: {
      id: `evt-${n}`,
      type: 'order.completed',
      createdAt: h.clock.now().toISOString(),
      data: {
        orderId: `ord-${n}`,
        checkoutId: checkout.checkoutId,
        amount: checkout.price.amount,
        currency: checkout.price.currency,
        paidAt: h.clock.now().toISOString(),
      },
      ...overrides,
    },
  };
};

const deliver = (rawBody: string, signature = signStorePayload(TEST_STORE_SECRET, rawBody, h.clock.now())) =>
  callRoute('store-webhook', { rawBody, headers: { 'store-signature': signature } });

describe('POST /v1/store/webhooks', () => {
  it('accepts a signed paid order and the workflow renews the license', async () => {
    const { event, checkoutId, licenseId } = await paidEvent();

    const answer = await deliver(JSON.stringify(event));
    await h.workflow.whenIdle();

    expect(answer.status).toBe(202);
    expect((await checkoutStore().get(checkoutId))?.status).toBe('COMPLETED');
    expect((await licenseStore().listRenewals(licenseId)).length).toBe(1);
  });

  it('renews once and emails once for 50 concurrent deliveries of the same order', async () => {
    const { event, licenseId } = await paidEvent();
    const rawBody = JSON.stringify(event);
    const sentBefore = h.email.sent.length;

    const answers = await Promise.all(Array.from({ length: 50 }, () => deliver(rawBody)));
    await h.workflow.whenIdle();

    expect(answers.every((answer) => answer.status === 202)).toBe(true);
    expect(await licenseStore().listRenewals(licenseId)).toHaveLength(1);
    expect(h.email.sent.length - sentBefore).toBe(1);
  });

  it('ignores unknown fields, and accepts event types it does not handle without acting', async () => {
    const { event, checkoutId } = await paidEvent({ livemode: true, extra: { nested: 1 } });
    const refund = JSON.stringify({ id: 'evt-refund', type: 'order.refunded', data: { orderId: 'x' } });

    const paid = await deliver(JSON.stringify(event));
    const ignored = await deliver(refund);
    await h.workflow.whenIdle();

    expect(paid.status).toBe(202);
    expect(ignored.status).toBe(202);
    expect((await checkoutStore().get(checkoutId))?.status).toBe('COMPLETED');
  });

  it('reports a signed event it cannot read to operations, and still answers 202', async () => {
    const opsBefore = h.ops.notices.length;

    const answer = await deliver(
      JSON.stringify({ id: 'evt-broken', type: 'order.completed', data: { amount: 'lots' } }),
    );

    expect(answer.status).toBe(202);
    expect(h.ops.notices.length - opsBefore).toBe(1);
    expect(h.ops.notices.at(-1)?.text).toContain('evt-broken');
  });

  it.each([
    ['a wrong secret', (body: string) => signStorePayload('not-the-secret', body, h.clock.now())],
    [
      'a stale timestamp',
      (body: string) =>
        signStorePayload(TEST_STORE_SECRET, body, new Date(h.clock.now().getTime() - 301_000)),
    ],
    [
      'a future timestamp',
      (body: string) =>
        signStorePayload(TEST_STORE_SECRET, body, new Date(h.clock.now().getTime() + 301_000)),
    ],
    ['a tampered body', (body: string) => signStorePayload(TEST_STORE_SECRET, `${body} `, h.clock.now())],
    ['a missing header', () => ''],
  ])('refuses %s with 401 INVALID_SIGNATURE and starts nothing', async (_, sign) => {
    const { event, checkoutId } = await paidEvent();
    const rawBody = JSON.stringify(event);

    const answer = await deliver(rawBody, sign(rawBody));
    await h.workflow.whenIdle();

    expect(answer.status).toBe(401);
    expect(answer.body.code).toBe('INVALID_SIGNATURE');
    expect((await checkoutStore().get(checkoutId))?.status).toBe('OPEN');
  });
});
