/**
 * The store's webhook (PRODUCT.md §3). A correctly signed delivery is always accepted (202): a paid
 * order is recorded once by its order id, then the purchase workflow is started for it; the workflow,
 * not this request, decides whether it renews or needs review, so a payment is never dropped here.
 */
import * as z from 'zod/mini';
import { verifyStoreSignature } from '../domain/store-signature';
import type { OpsNotifier } from '../ports/messaging';
import type { OrderStore } from '../ports/orders';
import type { PurchaseWorkflow } from '../ports/purchase-workflow';
import { ErrorCode, unauthorized } from './errors';

export interface StoreWebhookDeps {
  orders: OrderStore;
  workflow: PurchaseWorkflow;
  ops: OpsNotifier;
}

/** Refuses (401 INVALID_SIGNATURE) anything the store did not sign; checked before anything else is done. */
export const authenticateStoreEvent = (
  secret: string,
  rawBody: string,
  signature: string | undefined,
  now: Date,
) => {
  if (!verifyStoreSignature(secret, signature, rawBody, now)) throw unauthorized(ErrorCode.INVALID_SIGNATURE);
};

/** The event's envelope; unknown fields are ignored because the store may add some. */
const envelope = z.looseObject({
  id: z.string().check(z.maxLength(256)),
  type: z.string().check(z.maxLength(128)),
});

const orderCompleted = z.looseObject({
  id: z.string().check(z.minLength(1), z.maxLength(256)),
  type: z.literal('order.completed'),
  createdAt: z.optional(z.string()),
  data: z.looseObject({
    orderId: z.string().check(z.minLength(1), z.maxLength(256)),
    checkoutId: z.string().check(z.minLength(1), z.maxLength(256)),
    amount: z.number().check(z.int(), z.gte(0)),
    currency: z.string().check(z.regex(/^[A-Z]{3}$/)),
    paidAt: z.iso.datetime({ offset: true }),
  }),
});

export type WebhookOutcome = 'STARTED' | 'DUPLICATE' | 'IGNORED' | 'UNREADABLE';

/** Handles an authenticated event (see {@link authenticateStoreEvent}). */
export const receiveStoreEvent = async (
  deps: StoreWebhookDeps,
  rawBody: string,
  now: Date,
): Promise<WebhookOutcome> => {
  let json: unknown;
  try {
    json = JSON.parse(rawBody);
  } catch {
    json = undefined;
  }
  const event = envelope.safeParse(json);
  if (event.success && event.data.type !== 'order.completed') return 'IGNORED';
  const parsed = orderCompleted.safeParse(json);
  if (!parsed.success) {
    // Signed by the store but not readable: a person must look, because it may be a payment.
    await deps.ops.notify(
      'Unreadable store event',
      `A correctly signed store event could not be read (event id: ${event.success ? event.data.id : 'unknown'}). ` +
        `Problems: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
    return 'UNREADABLE';
  }
  const { data } = parsed.data;
  const isNew = await deps.orders.record({
    orderId: data.orderId,
    checkoutId: data.checkoutId,
    amount: data.amount,
    currency: data.currency,
    paidAt: new Date(data.paidAt).toISOString(),
    eventId: parsed.data.id,
    receivedAt: now.toISOString(),
    status: 'RECEIVED',
  });
  // Started even for a duplicate: if the first delivery recorded the order but could not start the
  // workflow, this one does; the start is idempotent per order.
  await deps.workflow.start(data.orderId);
  return isNew ? 'STARTED' : 'DUPLICATE';
};
