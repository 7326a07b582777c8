import type { Checkout } from '../../functions/domain/checkout';
import type { Order } from '../../functions/domain/order';
import { reviewReasons } from '../../functions/domain/review-reasons';

const checkout = {
  checkoutId: 'co-1',
  status: 'OPEN',
  price: { amount: 12900, currency: 'PLN', countryCode: 'PL', listAmount: 12900, offer: null },
  expiresAt: '2026-11-28T13:00:00.000Z',
} as Checkout;

const order: Order = {
  orderId: 'order-1',
  checkoutId: 'co-1',
  amount: 12900,
  currency: 'PLN',
  paidAt: '2026-11-28T12:59:59.999Z',
  eventId: 'evt-1',
  receivedAt: '2026-11-28T13:00:01.000Z',
  status: 'RECEIVED',
};

describe('reviewReasons', () => {
  it('finds nothing wrong with an exact payment of an open checkout before it expires', () => {
    expect(reviewReasons(order, checkout)).toEqual([]);
  });

  it.each([
    ['no checkout', order, null, ['CHECKOUT_UNKNOWN']],
    ['paid at the expiry instant', { ...order, paidAt: checkout.expiresAt }, checkout, ['CHECKOUT_EXPIRED']],
    ['superseded', order, { ...checkout, status: 'EXPIRED' }, ['CHECKOUT_NOT_OPEN']],
    [
      'paid by another order',
      order,
      { ...checkout, status: 'PAID', orderId: 'order-0' },
      ['CHECKOUT_NOT_OPEN'],
    ],
    ['in review', order, { ...checkout, status: 'NEEDS_REVIEW', orderId: 'order-1' }, ['CHECKOUT_NOT_OPEN']],
    ['one minor unit short', { ...order, amount: 12899 }, checkout, ['AMOUNT_MISMATCH']],
    ['another currency', { ...order, currency: 'EUR' }, checkout, ['CURRENCY_MISMATCH']],
    [
      'everything wrong at once',
      { ...order, amount: 1, currency: 'EUR', paidAt: '2027-01-01T00:00:00.000Z' },
      { ...checkout, status: 'COMPLETED', orderId: 'order-0' },
      ['CHECKOUT_NOT_OPEN', 'CHECKOUT_EXPIRED', 'CURRENCY_MISMATCH', 'AMOUNT_MISMATCH'],
    ],
  ] as Array<[string, Order, Checkout | null, string[]]>)('reports %s', (_, paid, paidFor, reasons) => {
    expect(reviewReasons(paid, paidFor)).toEqual(reasons);
  });

  it.each(['PAID', 'FAILED'])(
    'lets the order that claimed a %s checkout through again (retry, replay)',
    (status) => {
      expect(reviewReasons(order, { ...checkout, status, orderId: 'order-1' } as Checkout)).toEqual([]);
    },
  );
});
