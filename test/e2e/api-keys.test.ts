/**
 * The integrator's walkthrough of the README ("For integrators: API keys") against the backend `npm start`
 * runs: issue a read key, list with it, be refused a checkout, renew with a `checkouts:write` key through the
 * local store (the email reaches the issuer), revoke it, and find all of it in the audit log.
 */
import type { ChildProcess } from 'node:child_process';
import { DemoAccounts, DemoLicenses } from '../../functions/seed/demo-data';
import { httpCall } from '../support/http-client';
import { exitOf, type ProcessOutput, START_TIMEOUT_MS, startBackendProcess } from '../support/process';

let child: ChildProcess;
let output: ProcessOutput;
let url: string;
let adminToken: string;
/** The eligible demo license's workspace, as the API tells its administrator. */
let workspaceId = '';

const issueKey = async (scopes: string[]) =>
  (
    await httpCall(url, 'POST', `/v1/workspaces/${workspaceId}/api-keys`, {
      token: adminToken,
      body: { name: `e2e ${scopes.join(' ')}`, scopes },
    })
  ).body as { apiKeyId: string; secret: string };

beforeAll(async () => {
  ({ child, output, url } = await startBackendProcess());
  const { email, password } = DemoAccounts.noMfa;
  adminToken = (await httpCall(url, 'POST', '/v1/auth/login', { body: { email, password } })).body
    .accessToken;
  const license = `/v1/licenses/${DemoLicenses.eligible.licenseId}`;
  workspaceId = (await httpCall(url, 'GET', license, { token: adminToken })).body.workspaceId;
}, START_TIMEOUT_MS + 5_000);

afterAll(async () => {
  if (child && child.exitCode === null && child.signalCode === null) {
    child.kill('SIGINT');
    await exitOf(child);
  }
});

test('an integrator lists and renews with keys, a revoked key is refused, and the audit log shows it all', async () => {
  // Arrange
  const reader = await issueKey(['licenses:read']);
  const renewer = await issueKey(['licenses:read', 'checkouts:write']);

  // Act
  const listed = await httpCall(url, 'GET', '/v1/licenses?limit=100', { token: reader.secret });
  const refused = await httpCall(url, 'POST', `/v1/licenses/${DemoLicenses.eligible.licenseId}/checkouts`, {
    token: reader.secret,
    headers: { 'idempotency-key': 'e2e-key-1' },
  });
  const created = await httpCall(url, 'POST', `/v1/licenses/${DemoLicenses.eligible.licenseId}/checkouts`, {
    token: renewer.secret,
    headers: { 'idempotency-key': 'e2e-key-2' },
  });
  if (created.status !== 201) throw new Error(`checkout: ${created.status} ${JSON.stringify(created.body)}`);
  const paid = await httpCall(url, 'POST', `${new URL(created.body.redirectUrl).pathname}/pay`);
  await output.waitFor(new RegExp(`order ${paid.body.orderId}: (SUCCEEDED|FAILED)`), 30_000);
  const checkout = await httpCall(url, 'GET', `/v1/checkouts/${created.body.checkoutId}`, {
    token: renewer.secret,
  });
  const emails = (await httpCall(url, 'GET', '/_local/outbox')).body.items.filter(
    (item: { channel: string }) => item.channel === 'EMAIL',
  );
  const revoked = await httpCall(
    url,
    'DELETE',
    `/v1/workspaces/${workspaceId}/api-keys/${renewer.apiKeyId}`,
    {
      token: adminToken,
    },
  );
  const afterRevoke = await httpCall(url, 'GET', '/v1/licenses', { token: renewer.secret });
  const audit = await httpCall(url, 'GET', `/v1/workspaces/${workspaceId}/audit-events?limit=100`, {
    token: adminToken,
  });

  // Assert
  expect(listed.status).toBe(200);
  expect(new Set(listed.body.items.map((item: { workspaceId: string }) => item.workspaceId))).toEqual(
    new Set([workspaceId]),
  );
  expect(listed.headers.get('ratelimit-policy')).toBe('"per-key";q=100;w=10');
  expect(refused.status).toBe(403);
  expect(refused.body.code).toBe('INSUFFICIENT_SCOPE');
  expect(created.status).toBe(201);
  expect(checkout.body.status).toBe('COMPLETED');
  expect(emails.map((email: { to: string }) => email.to)).toEqual([DemoAccounts.noMfa.email]);
  expect(revoked.status).toBe(204);
  expect(afterRevoke.status).toBe(401);
  const actions = audit.body.items.map((event: { action: string; actor: { type: string } }) =>
    [event.action, event.actor.type].join(' '),
  );
  expect(actions).toEqual(
    expect.arrayContaining([
      'SIGNED_IN USER',
      'API_KEY_ISSUED USER',
      'RENEWAL_STARTED API_KEY',
      'RENEWAL_COMPLETED API_KEY',
      'API_KEY_REVOKED USER',
    ]),
  );
  expect(actions[0]).toBe('API_KEY_REVOKED USER');
});
