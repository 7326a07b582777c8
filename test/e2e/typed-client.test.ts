/**
 * The API as a frontend calls it: types generated from the OpenAPI document by openapi-typescript
 * (`test/support/openapi-types.ts`, as `npm run openapi` writes them), used through openapi-fetch against the
 * backend `npm start` runs. A middleware validates every answer against the document, so a field the code
 * answers but the document lacks (or the reverse) fails here as it would break a frontend.
 */
import type { ChildProcess } from 'node:child_process';
import createClient, { type Middleware } from 'openapi-fetch';
import { DemoAccounts, DemoLicenses } from '../../functions/seed/demo-data';
import { httpCall } from '../support/http-client';
import type { paths } from '../support/openapi-types';
import { routeOfRequest, validateAnswer } from '../support/openapi-validator';
import { exitOf, type ProcessOutput, START_TIMEOUT_MS, startBackendProcess } from '../support/process';

let child: ChildProcess;
let output: ProcessOutput;
let url: string;
const validated: string[] = [];

/** Validates each answer against the document, as `httpCall` does for the other tests. */
const validateAgainstDocument: Middleware = {
  async onResponse({ request, response }) {
    const routeId = routeOfRequest(request.method, new URL(request.url).pathname);
    if (!routeId) throw new Error(`${request.method} ${request.url} is not a route of the document`);
    const text = await response.clone().text();
    validateAnswer(routeId, {
      status: response.status,
      contentType: response.headers.get('content-type') ?? undefined,
      body: text ? JSON.parse(text) : undefined,
    });
    validated.push(`${routeId} ${response.status}`);
  },
};

const clientFor = (token?: string) => {
  const client = createClient<paths>({
    baseUrl: url,
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  client.use(validateAgainstDocument);
  return client;
};

beforeAll(async () => {
  ({ child, output, url } = await startBackendProcess());
}, START_TIMEOUT_MS + 5_000);

afterAll(async () => {
  if (child && child.exitCode === null && child.signalCode === null) {
    child.kill('SIGINT');
    await exitOf(child);
  }
});

test('a frontend signs in, finds an eligible license, renews it and sees the checkout COMPLETED', async () => {
  // Arrange
  const { email, password } = DemoAccounts.noMfa;
  const anonymous = clientFor();
  const login = await anonymous.POST('/v1/auth/login', { body: { email, password } });
  if (login.data?.status !== 'AUTHENTICATED') throw new Error(`Sign-in answered ${login.response.status}`);
  const api = clientFor(login.data.accessToken);

  // Act
  const licenses = await api.GET('/v1/licenses', { params: { query: { limit: 50 } } });
  const listed = licenses.data?.items.find((item) => item.licenseId === DemoLicenses.eligible.licenseId);
  const eligibility = await api.GET('/v1/licenses/{licenseId}/renewal-eligibility', {
    params: { path: { licenseId: DemoLicenses.eligible.licenseId } },
  });
  const created = await api.POST('/v1/licenses/{licenseId}/checkouts', {
    params: {
      path: { licenseId: DemoLicenses.eligible.licenseId },
      header: { 'Idempotency-Key': 'typed-client-1' },
    },
  });
  if (!created.data) throw new Error(`Checkout answered ${created.response.status}`);
  // The local store's payment page is not part of the API: a person clicks "Pay" there.
  const paid = await httpCall(url, 'POST', `${new URL(created.data.redirectUrl).pathname}/pay`);
  await output.waitFor(new RegExp(`order ${paid.body.orderId}: (SUCCEEDED|FAILED)`), 30_000);
  const checkout = await api.GET('/v1/checkouts/{checkoutId}', {
    params: { path: { checkoutId: created.data.checkoutId } },
  });

  // Assert
  expect(listed?.expiresAt).toEqual(expect.any(String));
  expect(eligibility.data?.eligible).toBe(true);
  expect(created.response.status).toBe(201);
  expect(created.data.price.currency).toBe('PLN');
  expect(checkout.data?.status).toBe('COMPLETED');
  expect(checkout.data?.renewal?.newExpiresAt).toEqual(expect.any(String));
  expect(validated).toEqual([
    'login 200',
    'licenses 200',
    'license-eligibility 200',
    'checkout-create 201',
    'checkout 200',
  ]);
});

test('an error reaches the frontend typed as a problem with its stable code', async () => {
  // Arrange
  const { email, password } = DemoAccounts.noMfa;
  const login = await clientFor().POST('/v1/auth/login', { body: { email, password } });
  if (login.data?.status !== 'AUTHENTICATED') throw new Error(`Sign-in answered ${login.response.status}`);
  const api = clientFor(login.data.accessToken);

  // Act
  const missing = await api.GET('/v1/licenses/{licenseId}', { params: { path: { licenseId: 'LIC-NOPE' } } });

  // Assert
  expect(missing.response.status).toBe(404);
  expect(missing.data).toBeUndefined();
  expect(missing.error).toMatchObject({ status: 404, code: 'NOT_FOUND' });
  expect(missing.response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
});
