/**
 * Faults that heal (PRODUCT.md §2): a dependency that is down or throttling answers 503
 * SERVICE_UNAVAILABLE with `Retry-After`, and the next request after it recovers succeeds.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { deriveKeys } from '../../functions/domain/secrets';
import { signStorePayload } from '../../functions/domain/store-signature';
import type { PurchaseWorkflow } from '../../functions/ports/purchase-workflow';
import { checkoutStore, config, licenseStore, overrideDependencies } from '../../functions/wiring';
import { type ApiAnswer, callRoute } from '../support/api';
import { type AuthHarness, createAuthHarness } from '../support/auth-harness';
import { TEST_STORE_SECRET } from '../support/dynamodb';
import { codeFor, createPurchaseHarness, type PurchaseHarness } from '../support/purchase';

/** The keys the auth harness wires in, restored after a test replaces them. */
const HARNESS_KEYS = deriveKeys('test-root-secret-that-is-long-enough');

const awsError = (name: string, httpStatusCode: number) =>
  Object.assign(new Error(`${name} happened`), { name, $fault: 'client', $metadata: { httpStatusCode } });

const ROOT = join(__dirname, '..', '..');
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');
const run = promisify(execFile);

const expectServiceUnavailable = (answer: ApiAnswer) => {
  expect(answer.status).toBe(503);
  expect(answer.body.code).toBe('SERVICE_UNAVAILABLE');
  expect(Number(answer.headers['retry-after'])).toBeGreaterThanOrEqual(1);
  expect(Number(answer.headers['retry-after'])).toBeLessThanOrEqual(5);
  expect(answer.headers['content-type']).toContain('application/problem+json');
  expect(JSON.stringify(answer.body)).not.toMatch(/at .+\.(ts|js):\d+/);
};

describe('sign-in with a failing dependency', () => {
  let h: AuthHarness;
  const email = 'outage@example.com';
  const password = 'correct horse battery';
  const login = () => callRoute('login', { body: { email, password } });

  beforeAll(async () => {
    h = await createAuthHarness();
    await h.addUser(email, password);
  });

  afterAll(async () => {
    await h.close();
  });

  it('answers 503 when Secrets Manager throttles once, and the next request signs in', async () => {
    const base = config();
    overrideDependencies({
      config: {
        ...base,
        tokenSigningKey: undefined,
        tokenSecretArn: 'arn:aws:secretsmanager:eu-central-1:1:secret:token',
      },
      clock: h.clock,
      sms: h.sms,
    });
    const secrets = mockClient(SecretsManagerClient);
    secrets
      .on(GetSecretValueCommand)
      .rejectsOnce(awsError('ThrottlingException', 400))
      .resolves({ SecretString: 'root-secret-from-secrets-manager' });
    try {
      const throttled = await login();
      const next = await login();
      const me = await callRoute('me', { token: next.body.accessToken });

      expectServiceUnavailable(throttled);
      expect(next.status).toBe(200);
      expect(me.status).toBe(200);
      // The value read is cached (max age): one failed read, one good one, none per request.
      expect(secrets.commandCalls(GetSecretValueCommand)).toHaveLength(2);
    } finally {
      secrets.restore();
      overrideDependencies({ config: base, clock: h.clock, sms: h.sms, keys: HARNESS_KEYS });
    }
  });

  it('answers 503 when DynamoDB throttles, and signs in once it recovers', async () => {
    const dynamo = mockClient(DynamoDBDocumentClient);
    dynamo.on(GetCommand).rejects(awsError('ProvisionedThroughputExceededException', 400));
    let throttled: Awaited<ReturnType<typeof login>>;
    try {
      throttled = await login();
    } finally {
      dynamo.restore();
    }
    const recovered = await login();

    expectServiceUnavailable(throttled);
    expect(recovered.status).toBe(200);
  });

  it('answers 503 with Retry-After when the database refuses connections', async () => {
    // In a plain Node process: under Jest, Node's own network errors come from another realm and the
    // SDK's retry middleware strips their `code`, which Lambda never sees.
    const { stdout } = await run(TSX, ['test/support/outage-probe.ts', 'refused'], {
      cwd: ROOT,
      env: { ...process.env, POWERTOOLS_LOG_LEVEL: 'SILENT' },
    });
    const answer = JSON.parse(stdout.trim()) as { status: number; code: string; retryAfter: string };

    expect(answer).toMatchObject({ status: 503, code: 'SERVICE_UNAVAILABLE' });
    expect(Number(answer.retryAfter)).toBeGreaterThanOrEqual(1);
    expect(Number(answer.retryAfter)).toBeLessThanOrEqual(5);
  });

  it('keeps 500 INTERNAL_ERROR for a defect', async () => {
    const dynamo = mockClient(DynamoDBDocumentClient);
    dynamo.on(GetCommand).rejects(new TypeError('x is undefined'));
    try {
      const answer = await login();

      expect(answer.status).toBe(500);
      expect(answer.body.code).toBe('INTERNAL_ERROR');
      expect(answer.headers['retry-after']).toBeUndefined();
    } finally {
      dynamo.restore();
    }
  });
});

describe('the store webhook when StartExecution fails once', () => {
  let h: PurchaseHarness;

  beforeAll(async () => {
    h = await createPurchaseHarness();
  });

  afterAll(async () => {
    await h.close();
  });

  it('answers 503, and the store retry answers 202 and renews exactly once', async () => {
    await h.addLicense('lic-sfn', 10, codeFor(901));
    const checkout = await h.openCheckout('co-sfn', 'lic-sfn');
    const rawBody = JSON.stringify({
      id: 'evt-sfn',
      type: 'order.completed',
      data: {
        orderId: 'ord-sfn',
        checkoutId: checkout.checkoutId,
        amount: checkout.price.amount,
        currency: checkout.price.currency,
        paidAt: h.clock.now().toISOString(),
      },
    });
    let failures = 1;
    const starts: string[] = [];
    const flakyWorkflow: PurchaseWorkflow = {
      start: async (orderId) => {
        starts.push(orderId);
        if (failures-- > 0) throw awsError('ServiceUnavailableException', 503);
        await h.workflow.start(orderId);
      },
    };
    const base = config();
    overrideDependencies({
      config: base,
      clock: h.clock,
      email: h.email,
      ops: h.ops,
      workflow: flakyWorkflow,
    });
    const deliver = () =>
      callRoute('store-webhook', {
        rawBody,
        headers: { 'store-signature': signStorePayload(TEST_STORE_SECRET, rawBody, h.clock.now()) },
      });

    const first = await deliver();
    const retry = await deliver();
    const duplicate = await deliver();
    await h.workflow.whenIdle();

    expectServiceUnavailable(first);
    expect(retry.status).toBe(202);
    expect(duplicate.status).toBe(202);
    // The order was recorded before the failed start, so the retry (a duplicate) starts it.
    expect(starts).toEqual(['ord-sfn', 'ord-sfn', 'ord-sfn']);
    expect(await licenseStore().listRenewals('lic-sfn')).toHaveLength(1);
    expect((await checkoutStore().get('co-sfn'))?.status).toBe('COMPLETED');
    expect(h.email.sent).toHaveLength(1);
  });
});
