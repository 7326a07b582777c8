import { checkout as contract } from '../contracts/checkouts';
import { resourceId } from '../http/schemas';
import { checkoutView, getCheckout } from '../use-cases/checkouts';
import { checkoutStore, config } from '../wiring';
import { httpHandler } from './http-engine';

export const handler = httpHandler('checkout', contract, async ({ params, actor, now }) => {
  const checkout = await getCheckout({ checkouts: checkoutStore() }, actor, resourceId(params, 'checkoutId'));
  return { status: 200, body: checkoutView(checkout, now, config().storeCheckoutUrl) };
});
