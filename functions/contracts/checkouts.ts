/** Contracts of renewal checkouts and the store's webhook. */
import * as z from 'zod/mini';
import { ProblemCode } from '../http/problem';
import { answerOf, routeContract } from './route-contract';

export const checkoutCreate = routeContract({
  description:
    'Quotes the price in the workspace country’s currency with the best offer, and opens a store ' +
    'checkout at `redirectUrl`. A new checkout replaces the open one of the same license. Replaying ' +
    'the same `Idempotency-Key` with the same request answers the first answer again.',
  headers: [
    {
      name: 'Idempotency-Key',
      required: true,
      description: 'Your own key for this attempt (a UUID is a good one): 1–255 printable ASCII characters',
      schema: z.string().check(z.regex(/^[\x21-\x7e]{1,255}$/)),
    },
  ],
  responses: {
    201: answerOf('CheckoutSchema', 'The checkout (or, for a replayed key, the one it created)', {
      'Idempotent-Replayed': {
        description: '`true` when this is the stored answer to an earlier request with this key',
        schema: z.literal('true'),
      },
    }),
  },
  errors: {
    400: [ProblemCode.IDEMPOTENCY_KEY_REQUIRED],
    409: [ProblemCode.NOT_ELIGIBLE, ProblemCode.CONCURRENT_UPDATE, ProblemCode.IDEMPOTENCY_KEY_IN_PROGRESS],
    422: [ProblemCode.IDEMPOTENCY_KEY_REUSED],
  },
});

export const checkout = routeContract({
  responses: {
    200: answerOf('CheckoutSchema', 'The checkout as it stands'),
  },
});

/** The store's event (PRODUCT.md §3), as the document's `webhooks` shows it. */
export const StoreEventSchema = z.looseObject({
  id: z.string(),
  type: z.string().check(z.describe('`order.completed` is acted on; other types are accepted and ignored')),
  createdAt: z.iso.datetime(),
  data: z.looseObject({
    orderId: z.string(),
    checkoutId: z.string(),
    amount: z.number(),
    currency: z.string(),
    paidAt: z.iso.datetime(),
  }),
});

export const storeWebhook = routeContract({
  description:
    'Called by the store, signed, with no bearer token. Every correctly signed delivery is accepted, ' +
    'duplicates and unknown event types too; each paid order renews once.',
  rawBody: true,
  rawBodySchema: StoreEventSchema,
  headers: [
    {
      name: 'Store-Signature',
      required: true,
      description: '`t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>`, at most 300 s old',
      schema: z.string(),
    },
  ],
  responses: {
    202: answerOf('EventReceivedSchema', 'Accepted'),
  },
  errors: { 401: [ProblemCode.INVALID_SIGNATURE] },
});
