/**
 * The local stand-in for the online store (PRODUCT.md §4): a checkout's page with its quote and a Pay
 * button, and `POST …/pay`, which sends the store's signed `order.completed` webhook to this API exactly
 * as the real store would. Only in local mode.
 */
import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { formatMinorUnits } from '../domain/pricing';
import { signStorePayload } from '../domain/store-signature';
import type { Checkout } from '../ports/checkouts';
import { checkoutStore, storeWebhookSecret } from '../wiring';

const escapeHtml = (text: string): string =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

const html = (statusCode: number, body: string): APIGatewayProxyStructuredResultV2 => ({
  statusCode,
  headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' },
  body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Renewal Hub local store</title>
<style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem}
dt{color:#555}dd{margin:0 0 .6rem}button{font-size:1.1rem;padding:.6rem 1.6rem}</style></head>
<body><p><small>Local store — no money moves here.</small></p>${body}</body></html>`,
});

const json = (statusCode: number, body: unknown): APIGatewayProxyStructuredResultV2 => ({
  statusCode,
  headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
  body: JSON.stringify(body),
});

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
  const payable = checkout.status === 'OPEN' && new Date(checkout.expiresAt) > new Date();
  return html(
    200,
    `<h1>Renew ${escapeHtml(checkout.productName)}</h1>
<dl><dt>Seats</dt><dd>${checkout.seats}</dd>
<dt>Price</dt><dd>${price.offer ? `<s>${money(price.listAmount)}</s> ` : ''}<strong>${money(price.amount)}</strong>
${price.offer ? ` — ${escapeHtml(price.offer.name)}, ${price.offer.percentOff}% off` : ''}</dd>
<dt>Term</dt><dd>${term.months} months, plus ${term.bonusDays} days kept; new expiry ${term.newExpiresAt.slice(0, 10)}</dd>
<dt>Status</dt><dd id="status">${escapeHtml(checkout.status)}</dd></dl>
${
  payable
    ? `<form method="post" action="${escapeHtml(event.rawPath)}/pay"><button type="submit">Pay ${money(price.amount)}</button></form>`
    : '<p>This checkout cannot be paid any more.</p>'
}`,
  );
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
  if (!checkout) return json(404, { error: 'No such checkout' });
  const overrides = parseOverrides(event);
  const paidAt = new Date().toISOString();
  const orderId = `ord_${randomUUID().replaceAll('-', '')}`;
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
