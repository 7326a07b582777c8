import { checkoutCreate as contract } from '../contracts/checkouts';
import { actorSubject } from '../domain/actor';
import { Problem, ProblemCode } from '../http/problem';
import { IDEMPOTENT_REPLAYED_HEADER } from '../http/response';
import { resourceId } from '../http/schemas';
import { checkoutView, createCheckout } from '../use-cases/checkouts';
import { runIdempotent } from '../use-cases/idempotency';
import { checkoutDeps, idempotencyStore } from '../wiring';
import { httpHandler } from './http-engine';

/** Keys are the client's own (Stripe recommends a V4 UUID); printable ASCII, 1–255 characters. */
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

/**
 * The route takes no body, and the engine has already refused anything but nothing or `{}`: every
 * accepted body is the same request, so the fingerprint holds this one canonical form (the one a `{}`
 * body always had, so keys in flight across a deployment keep matching).
 */
const CANONICAL_BODY = '{}';

/** The client's Idempotency-Key: missing or empty is 400 IDEMPOTENCY_KEY_REQUIRED, malformed 400 VALIDATION_FAILED. */
const idempotencyKey = (headers: Record<string, string>): string => {
  const key = headers['idempotency-key'];
  if (!key) throw new Problem(400, ProblemCode.IDEMPOTENCY_KEY_REQUIRED);
  if (!IDEMPOTENCY_KEY.test(key)) {
    throw new Problem(400, ProblemCode.VALIDATION_FAILED, {
      extensions: {
        errors: [
          {
            path: 'headers.idempotency-key',
            message: 'Must be 1 to 255 printable ASCII characters (no spaces)',
          },
        ],
      },
    });
  }
  return key;
};

export const handler = httpHandler(
  'checkout-create',
  contract,
  async ({ headers, params, actor, now, locale }) => {
    const key = idempotencyKey(headers);
    const licenseId = resourceId(params, 'licenseId');
    const deps = await checkoutDeps();
    const { status, body, replayed } = await runIdempotent(
      idempotencyStore(),
      { userId: actorSubject(actor), key, fingerprint: ['checkout-create', licenseId, CANONICAL_BODY] },
      now,
      async () => {
        const checkout = await createCheckout(deps, actor, licenseId, now, locale);
        return { status: 201 as const, body: checkoutView(checkout, now, deps.storeCheckoutUrl) };
      },
    );
    // As Stripe does: a replayed answer says so, and is not counted as a new checkout.
    const answerHeaders: Record<string, string> = replayed ? { [IDEMPOTENT_REPLAYED_HEADER]: 'true' } : {};
    return { status, body, headers: answerHeaders };
  },
);
