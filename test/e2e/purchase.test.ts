/**
 * The money path end to end, as a person tries it after `npm start`: sign in, open an eligible license,
 * start a checkout, pay on the local store page, and get the renewal and the email. Waits on what the
 * backend prints (the workflow's end), never on time.
 */
import type { ChildProcess } from 'node:child_process';
import { addMonthsUtc } from '../../functions/domain/renewal-term';
import { DemoAccounts, DemoLicenses } from '../../functions/seed/demo-data';
import { httpCall } from '../support/http-client';
import { exitOf, type ProcessOutput, START_TIMEOUT_MS, startBackendProcess } from '../support/process';

let child: ChildProcess;
let output: ProcessOutput;
let url: string;
let token: string;

const api = (method: string, path: string, call?: Parameters<typeof httpCall>[3]) =>
  httpCall(url, method, path, { token, ...call });

/** Resolves when the local workflow has finished the order's execution. */
const workflowEnded = (orderId: string) =>
  output.waitFor(new RegExp(`order ${orderId}: (SUCCEEDED|FAILED)`), 30_000);

const outboxItems = async (): Promise<
  Array<{ channel: string; to: string; subject: string; text: string }>
> => (await api('GET', '/_local/outbox')).body.items;

beforeAll(async () => {
  ({ child, output, url } = await startBackendProcess());
  const { email, password } = DemoAccounts.noMfa;
  token = (await httpCall(url, 'POST', '/v1/auth/login', { body: { email, password } })).body.accessToken;
}, START_TIMEOUT_MS + 5_000);

afterAll(async () => {
  if (child && child.exitCode === null && child.signalCode === null) {
    child.kill('SIGINT');
    await exitOf(child);
  }
});

test('a paid checkout renews the license from its old expiry and emails the new code once', async () => {
  const licenseId = DemoLicenses.eligible.licenseId;
  const before = (await api('GET', `/v1/licenses/${licenseId}`)).body;

  const created = await api('POST', `/v1/licenses/${licenseId}/checkouts`, {
    headers: { 'idempotency-key': 'e2e-1' },
  });
  const page = await fetch(created.body.redirectUrl);
  const pageText = await page.text();
  const paid = await api('POST', `${new URL(created.body.redirectUrl).pathname}/pay`);
  await workflowEnded(paid.body.orderId);
  const checkout = (await api('GET', `/v1/checkouts/${created.body.checkoutId}`)).body;
  const after = (await api('GET', `/v1/licenses/${licenseId}`)).body;
  const emails = (await outboxItems()).filter((item) => item.channel === 'EMAIL');

  expect(created.status).toBe(201);
  expect(created.body.price).toMatchObject({ currency: 'PLN', countryCode: 'PL', offer: { percentOff: 20 } });
  expect(page.status).toBe(200);
  expect(pageText).toContain('Pay');
  expect(paid.body.webhookStatus).toBe(202);
  expect(checkout.status).toBe('COMPLETED');
  expect(after.expiresAt).toBe(addMonthsUtc(new Date(before.expiresAt), before.termMonths).toISOString());
  expect(checkout.renewal).toEqual({
    newExpiresAt: after.expiresAt,
    activationCodeHint: after.activationCodeHint,
  });
  expect(after.activationCodeHint).not.toBe(before.activationCodeHint);
  expect(after.renewals).toHaveLength(1);
  expect(emails).toHaveLength(1);
  expect(emails[0]?.to).toBe(DemoAccounts.noMfa.email);
  const code = /\b([A-Z2-9]{5}-[A-Z2-9]{5}-[A-Z2-9]{5}-[A-Z2-9]{5})\b/.exec(emails[0]?.text ?? '')?.[1];
  expect(code?.slice(-5)).toBe(after.activationCodeHint);
});

test('a payment that does not match the quote goes to review and leaves the license untouched', async () => {
  const licenseId = DemoLicenses.eligibleInJapan.licenseId;
  const before = (await api('GET', `/v1/licenses/${licenseId}`)).body;

  const created = await api('POST', `/v1/licenses/${licenseId}/checkouts`, {
    headers: { 'idempotency-key': 'e2e-2' },
  });
  const paid = await api('POST', `${new URL(created.body.redirectUrl).pathname}/pay`, {
    body: { amount: 1 },
  });
  await workflowEnded(paid.body.orderId);
  const checkout = (await api('GET', `/v1/checkouts/${created.body.checkoutId}`)).body;
  const after = (await api('GET', `/v1/licenses/${licenseId}`)).body;
  const ops = (await outboxItems()).filter((item) => item.channel === 'OPS');

  expect(checkout.status).toBe('NEEDS_REVIEW');
  expect(after.expiresAt).toBe(before.expiresAt);
  expect(after.eligibility.reasons.map((r: { code: string }) => r.code)).toContain('RENEWAL_IN_PROGRESS');
  expect(ops.some((item) => item.text.includes(paid.body.orderId))).toBe(true);
});

test('the webhook refuses what the store did not sign', async () => {
  const answer = await httpCall(url, 'POST', '/v1/store/webhooks', {
    body: { id: 'evt', type: 'order.completed' },
    headers: { 'store-signature': `t=${Math.floor(Date.now() / 1000)},v1=${'0'.repeat(64)}` },
  });

  expect(answer.status).toBe(401);
  expect(answer.body.code).toBe('INVALID_SIGNATURE');
});
