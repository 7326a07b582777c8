/**
 * The local store over real HTTP (PRODUCT.md §4): one payment per checkout, a page that shows the
 * outcome, and the purchase workflow in-process behind the webhook.
 */
import { localOutbox } from '../../functions/adapters/outbox';
import { checkoutStore } from '../../functions/wiring';
import { httpCall } from '../support/http-client';
import { type ListeningServer, listenLocalServer } from '../support/local-server';
import { codeFor, createPurchaseHarness, type PurchaseHarness } from '../support/purchase';

let h: PurchaseHarness;
let server: ListeningServer;
/** Orders whose workflow start the test holds back, to see the page while the order is in flight. */
const held: string[] = [];
let startWorkflow: (orderId: string) => Promise<void>;

beforeAll(async () => {
  // The store page and the webhook's signature check read the real time.
  h = await createPurchaseHarness(new Date().toISOString());
  startWorkflow = h.workflow.start.bind(h.workflow);
  jest.spyOn(h.workflow, 'start').mockImplementation(async (orderId) => {
    held.push(orderId);
  });
  server = await listenLocalServer({ outbox: localOutbox });
});

afterAll(async () => {
  await server?.close();
  await h?.close();
});

const api = (method: string, path: string, call?: Parameters<typeof httpCall>[3]) =>
  httpCall(server.url, method, path, call);
const page = async (checkoutId: string) =>
  (await fetch(`${server.url}/_local/store/checkouts/${checkoutId}`)).text();

describe('the local store', () => {
  test('takes one payment per checkout and shows the outcome once the renewal completes', async () => {
    await h.addLicense('lic-store', 10, codeFor(901));
    const checkout = await h.openCheckout('co_store1', 'lic-store');
    const base = `/_local/store/checkouts/${checkout.checkoutId}`;
    const before = await page(checkout.checkoutId);

    const paid = await api('POST', `${base}/pay`);
    const inFlightPage = await page(checkout.checkoutId);
    const inFlightStatus = await api('GET', `${base}/status`);
    const again = await api('POST', `${base}/pay`);
    expect(held).toEqual([paid.body.orderId]);
    await startWorkflow(paid.body.orderId);
    await h.workflow.whenIdle();
    const afterPage = await page(checkout.checkoutId);
    const afterStatus = await api('GET', `${base}/status`);
    const late = await api('POST', `${base}/pay`);

    expect(before).toContain('<button type="submit">Pay');
    expect(paid).toMatchObject({ status: 200, body: { webhookStatus: 202 } });
    expect(inFlightPage).toContain('<dd id="status">PAID</dd>');
    expect(inFlightPage).not.toContain('<form');
    expect(inFlightPage).toContain(`${base}/status`);
    expect(inFlightStatus.body).toMatchObject({ status: 'PAID', orderId: paid.body.orderId });
    for (const refused of [again, late]) {
      expect(refused.status).toBe(409);
      expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(refused.body).toMatchObject({ status: 409, code: 'CHECKOUT_NOT_PAYABLE' });
    }
    expect(held).toHaveLength(1); // the refused payments sent no order
    expect((await checkoutStore().get(checkout.checkoutId))?.status).toBe('COMPLETED');
    expect(afterStatus.body).toMatchObject({
      status: 'COMPLETED',
      outcome: expect.stringContaining('renewed'),
    });
    expect(afterPage).toContain('<dd id="status">COMPLETED</dd>');
    expect(afterPage).not.toContain('<form');
    expect(afterPage).not.toContain('<script>'); // settled: nothing left to poll
    expect(h.email.sent).toHaveLength(1);
    expect(h.ops.notices).toEqual([]);
  });

  test('two Pay clicks at once send one order', async () => {
    await h.addLicense('lic-store-2', 10, codeFor(902));
    const checkout = await h.openCheckout('co_store2', 'lic-store-2');
    held.length = 0;

    const answers = await Promise.all(
      Array.from({ length: 5 }, () => api('POST', `/_local/store/checkouts/${checkout.checkoutId}/pay`)),
    );

    expect(answers.map((a) => a.status).sort()).toEqual([200, 409, 409, 409, 409]);
    expect(held).toHaveLength(1);
  });

  test('an unknown checkout is 404 problem+json', async () => {
    const answer = await api('POST', '/_local/store/checkouts/co_nope/pay');

    expect(answer.status).toBe(404);
    expect(answer.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });
});
