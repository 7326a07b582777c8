/**
 * The local stand-in for the online store (PRODUCT.md §4): a checkout's page with its quote and a Pay
 * button, and `POST …/pay`, which sends the store's signed `order.completed` webhook to this API exactly
 * as the real store would. Only in local mode. Like a real store it takes one payment per checkout: a
 * checkout that is not OPEN, or that this store has already paid, answers 409 and sends nothing.
 */
import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { type Checkout, CheckoutStatus } from '../domain/checkout';
import { escapeHtml } from '../domain/email-format';
import { formatMinorUnits } from '../domain/pricing';
import { signStorePayload } from '../domain/store-signature';
import { checkoutStore, storeWebhookSecret } from '../wiring';
import { json, problem } from './answers';

const html = (statusCode: number, body: string): APIGatewayProxyStructuredResultV2 => ({
  statusCode,
  headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' },
  body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Renewal Hub local store</title>
<style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem}
dt{color:#555}dd{margin:0 0 .6rem}button{font-size:1.1rem;padding:.6rem 1.6rem}</style></head>
<body><p><small>Local store — no money moves here.</small></p>${body}</body></html>`,
});

/**
 * Orders this store has sent, by checkout. The checkout stays OPEN until the workflow picks the order
 * up, so its status alone cannot stop a second click on Pay from sending a second order.
 */
const paidOrders = new Map<string, string>();

/** Statuses after which nothing more happens to a checkout: the page stops polling. */
const SETTLED: readonly string[] = [
  CheckoutStatus.COMPLETED,
  CheckoutStatus.NEEDS_REVIEW,
  CheckoutStatus.FAILED,
  CheckoutStatus.EXPIRED,
];

/**
 * The status the store shows: PAID once this store sent the order (the workflow has not picked it up
 * yet); an unpaid checkout past its expiry is EXPIRED, as the API says.
 */
const shownStatus = (checkout: Checkout, now: Date): string => {
  if (checkout.status !== CheckoutStatus.OPEN) return checkout.status;
  if (paidOrders.has(checkout.checkoutId)) return CheckoutStatus.PAID;
  return new Date(checkout.expiresAt) <= now ? CheckoutStatus.EXPIRED : checkout.status;
};

const isPayable = (checkout: Checkout, now: Date): boolean =>
  checkout.status === CheckoutStatus.OPEN &&
  new Date(checkout.expiresAt) > now &&
  !paidOrders.has(checkout.checkoutId);

/** Polls the status once a second until it settles, then shows the outcome (no reload needed). */
const pollScript = (statusUrl: string): string => `<script>
(function () {
  var settled = ${JSON.stringify(SETTLED)};
  function poll() {
    fetch(${JSON.stringify(statusUrl)}, { cache: 'no-store' })
      .then(function (r) { return r.json(); })
      .then(function (body) {
        document.getElementById('status').textContent = body.status;
        if (settled.indexOf(body.status) >= 0) {
          document.getElementById('outcome').textContent = body.outcome;
        } else {
          setTimeout(poll, 1000);
        }
      })
      .catch(function () { setTimeout(poll, 2000); });
  }
  poll();
})();
</script>`;

/** What the customer is told once the checkout settles. */
const outcomeText = (status: string): string =>
  ({
    COMPLETED: 'Paid and renewed: the new activation code is on its way by email.',
    NEEDS_REVIEW: 'Paid; the renewal needs a review by our team, who will contact you.',
    FAILED: 'Paid, but the renewal failed; our team has been told and will complete it.',
    EXPIRED: 'This checkout cannot be paid any more.',
  })[status] ?? 'Payment received. Renewing…';

const findCheckout = async (event: APIGatewayProxyEventV2): Promise<Checkout | null> => {
  const checkoutId = event.pathParameters?.checkoutId ?? '';
  return /^[A-Za-z0-9_-]{1,128}$/.test(checkoutId) ? checkoutStore().get(checkoutId) : null;
};

/** `GET /_local/store/checkouts/{checkoutId}`: the quote and a Pay button. */
export const storeCheckoutPage = async (
  event: APIGatewayProxyEventV2,
): Promise<APIGatewayProxyStructuredResultV2> => {
  const checkout = await findCheckout(event);
  if (!checkout) return html(404, '<h1>No such checkout</h1>');
  const { price, term } = checkout;
  const money = (amount: number) => `${formatMinorUnits(amount, price.currency)} ${price.currency}`;
  const now = new Date();
  const payable = isPayable(checkout, now);
  const status = shownStatus(checkout, now);
  const orderId = paidOrders.get(checkout.checkoutId);
  return html(
    200,
    `<h1>Renew ${escapeHtml(checkout.productName)}</h1>
<dl><dt>Seats</dt><dd>${checkout.seats}</dd>
<dt>Price</dt><dd>${price.offer ? `<s>${money(price.listAmount)}</s> ` : ''}<strong>${money(price.amount)}</strong>
${price.offer ? ` — ${escapeHtml(price.offer.name)}, ${price.offer.percentOff}% off` : ''}</dd>
<dt>Term</dt><dd>${term.months} months, plus ${term.bonusDays} days kept; new expiry ${term.newExpiresAt.slice(0, 10)}</dd>
<dt>Status</dt><dd id="status">${escapeHtml(status)}</dd>${orderId ? `\n<dt>Order</dt><dd id="order">${escapeHtml(orderId)}</dd>` : ''}</dl>
${
  payable
    ? // Disabled on submit: a double click must not post twice (the server refuses a second one anyway).
      `<form method="post" action="${escapeHtml(event.rawPath)}/pay" onsubmit="this.querySelector('button').disabled=true"><button type="submit">Pay ${money(price.amount)}</button></form>`
    : `<p id="outcome">${escapeHtml(outcomeText(status))}</p>${
        SETTLED.includes(status) ? '' : pollScript(`${event.rawPath}/status`)
      }`
}`,
  );
};

/** `GET /_local/store/checkouts/{checkoutId}/status`: what the page polls, `{status, outcome}`. */
export const storeCheckoutStatus = async (
  event: APIGatewayProxyEventV2,
): Promise<APIGatewayProxyStructuredResultV2> => {
  const checkout = await findCheckout(event);
  if (!checkout) return problem(404, 'NOT_FOUND', 'No such checkout');
  const status = shownStatus(checkout, new Date());
  return json(200, {
    status,
    outcome: outcomeText(status),
    orderId: paidOrders.get(checkout.checkoutId) ?? null,
  });
};

/**
 * `POST /_local/store/checkouts/{checkoutId}/pay`: pays and sends the signed webhook. A JSON body may
 * override `amount` or `currency`, to see what a mismatching payment does. A browser's form post is
 * redirected back to the page; other clients get `{orderId, webhookStatus}`.
 */
export const payStoreCheckout = async (
  event: APIGatewayProxyEventV2,
): Promise<APIGatewayProxyStructuredResultV2> => {
  const checkout = await findCheckout(event);
  if (!checkout) return problem(404, 'NOT_FOUND', 'No such checkout');
  const now = new Date();
  if (!isPayable(checkout, now)) {
    return problem(
      409,
      'CHECKOUT_NOT_PAYABLE',
      `This checkout is ${shownStatus(checkout, now)}: only an OPEN checkout can be paid, once.`,
    );
  }
  const orderId = `ord_${randomUUID().replaceAll('-', '')}`;
  // Claimed before the first await: a concurrent second Pay sees it and is refused.
  paidOrders.set(checkout.checkoutId, orderId);
  const overrides = parseOverrides(event);
  const paidAt = now.toISOString();
  const rawBody = JSON.stringify({
    id: `evt_${randomUUID().replaceAll('-', '')}`,
    type: 'order.completed',
    createdAt: paidAt,
    data: {
      orderId,
      checkoutId: checkout.checkoutId,
      amount: overrides.amount ?? checkout.price.amount,
      currency: overrides.currency ?? checkout.price.currency,
      paidAt,
    },
  });
  const webhook = await fetch(`http://${event.headers.host}/v1/store/webhooks`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'store-signature': signStorePayload(await storeWebhookSecret(), rawBody, new Date()),
    },
    body: rawBody,
  });
  if ((event.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) {
    return { statusCode: 303, headers: { location: event.rawPath.replace(/\/pay$/, '') }, body: '' };
  }
  return json(webhook.ok ? 200 : 502, { orderId, webhookStatus: webhook.status });
};

const parseOverrides = (event: APIGatewayProxyEventV2): { amount?: number; currency?: string } => {
  if (!(event.headers['content-type'] ?? '').startsWith('application/json') || !event.body) return {};
  try {
    const body = JSON.parse(event.body) as { amount?: unknown; currency?: unknown };
    return {
      ...(Number.isSafeInteger(body.amount) ? { amount: body.amount as number } : {}),
      ...(typeof body.currency === 'string' ? { currency: body.currency } : {}),
    };
  } catch {
    return {};
  }
};
