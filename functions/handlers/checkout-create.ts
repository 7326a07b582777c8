import { httpHandler } from '../http/handler';
import { Problem, ProblemCode } from '../http/problem';
import { resourceId } from '../http/schemas';
import { checkoutView, createCheckout } from '../use-cases/checkouts';
import { runIdempotent } from '../use-cases/idempotency';
import { checkoutDeps, idempotencyStore } from '../wiring';

/** Keys are the client's own (Stripe recommends a V4 UUID); printable ASCII, 1–255 characters. */
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

export const handler = httpHandler(
  'checkout-create',
  {},
  async ({ headers, params, rawBody, session, now, locale }) => {
    const key = headers['idempotency-key'];
    if (!key || !IDEMPOTENCY_KEY.test(key)) throw new Problem(400, ProblemCode.IDEMPOTENCY_KEY_REQUIRED);
    const licenseId = resourceId(params, 'licenseId');
    const deps = await checkoutDeps();
    return runIdempotent(
      idempotencyStore(),
      { userId: session.userId, key, fingerprint: ['checkout-create', licenseId, rawBody] },
      now,
      async () => {
        const checkout = await createCheckout(deps, session, licenseId, now, locale);
        return { status: 201, body: checkoutView(checkout, now, deps.storeCheckoutUrl) };
      },
    );
  },
);
