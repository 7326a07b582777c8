import { storeWebhook as contract } from '../contracts/checkouts';
import { Problem, ProblemCode } from '../http/problem';
import { MAX_BODY_BYTES } from '../http/request';
import { logger } from '../logger';
import { authenticateStoreEvent, receiveStoreEvent } from '../use-cases/store-webhook';
import { opsNotifier, orderStore, purchaseWorkflow, storeWebhookSecret } from '../wiring';
import { httpHandler } from './http-engine';

/** Signed by the store, not by a user: no bearer session; the signature is checked over the raw body. */
export const handler = httpHandler('store-webhook', contract, async ({ headers, rawBody, now }) => {
  if (Buffer.byteLength(rawBody) > MAX_BODY_BYTES) throw new Problem(413, ProblemCode.PAYLOAD_TOO_LARGE);
  authenticateStoreEvent(await storeWebhookSecret(), rawBody, headers['store-signature'], now);
  const outcome = await receiveStoreEvent(
    { orders: orderStore(), workflow: purchaseWorkflow(), ops: opsNotifier() },
    rawBody,
    now,
  );
  logger.info('Store event accepted', { outcome });
  return { status: 202, body: { received: true } };
});
