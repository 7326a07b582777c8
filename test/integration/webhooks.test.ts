/**
 * Outbound webhooks end to end (PRODUCT.md §7): the route handlers and DynamoDB Local, its real stream
 * read by the local poller into the fan-out function, the in-process queue into the delivery function,
 * and a receiver on this machine that verifies every delivery with the `standardwebhooks` reference
 * library. The clock is manual: retries are driven by moving it, never by waiting.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import * as z from 'zod/mini';
import { createDocumentClient } from '../../functions/adapters/dynamodb/client';
import { handler as deliverWebhooks } from '../../functions/consumers/webhook-deliver';
import { handler as fanOutWebhooks } from '../../functions/consumers/webhook-fan-out';
import { entities } from '../../functions/contracts/entities';
import { ManualClock } from '../../functions/domain/clock';
import { deriveKeys } from '../../functions/domain/secrets';
import { LocalDeliveryQueue } from '../../functions/local/delivery-queue';
import { startTableStream, type TableStream } from '../../functions/local/table-stream';
import { overrideDependencies } from '../../functions/wiring';
import { FakeEmailSender, FakeOpsNotifier } from '../fakes/messaging';
import { callRoute } from '../support/api';
import { createTestTable, testConfig } from '../support/dynamodb';
import { FixtureBuilder, fixtureActivationCode, loadIntoTable } from '../support/fixtures';

const WORKSPACE = 'ws-hooks-pl';

const EVENT_SCHEMAS = {
  'checkout.completed': entities().CheckoutCompletedEventSchema,
  'license.attached': entities().LicenseAttachedEventSchema,
};

/** A receiver that verifies each delivery and answers what the test tells it to. */
class Receiver {
  public answer = 204;
  public readonly received: Array<{ id: string; type: string; attempt: number; signatures: number }> = [];
  public readonly refused: string[] = [];
  public secrets: string[] = [];
  private readonly server: Server = createServer((req, res) => this.handle(req, res));
  private readonly attempts = new Map<string, number>();

  public async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hooks`;
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      const id = String(req.headers['webhook-id']);
      const attempt = (this.attempts.get(id) ?? 0) + 1;
      this.attempts.set(id, attempt);
      if (this.answer >= 300) {
        res.writeHead(this.answer).end('down for maintenance');
        return;
      }
      // The reference verifier refuses a timestamp 5 minutes off its own clock: the receiver's clock is the
      // test's, as a real receiver's is the real time.
      jest.setSystemTime(clock.now());
      const verified = this.secrets.map((secret) => {
        try {
          return new Webhook(secret).verify(body, req.headers as Record<string, string>) as { type: string };
        } catch {
          return null;
        }
      });
      const event = verified.find((value) => value !== null);
      if (!event || verified.some((value) => value === null)) {
        this.refused.push(id);
        res.writeHead(400).end();
        return;
      }
      // Each body is what the document says its type sends (a strict schema: no extra field, no code).
      z.parse(EVENT_SCHEMAS[event.type as keyof typeof EVENT_SCHEMAS], JSON.parse(body));
      const signatures = String(req.headers['webhook-signature']).split(' ').length;
      this.received.push({ id, type: event.type, attempt, signatures });
      res.writeHead(this.answer).end();
    });
  }

  public async stop(): Promise<void> {
    await new Promise((resolve) => this.server.close(resolve));
  }
}

let table: Awaited<ReturnType<typeof createTestTable>>;
let clock: ManualClock;
let queue: LocalDeliveryQueue;
let stream: TableStream;
let ops: FakeOpsNotifier;
let email: FakeEmailSender;
let receiver: Receiver;
let receiverUrl: string;
let token: string;
let nextLicense = 0;

/** Attaches a new unattached license with its activation code: one `license.attached` event. */
const attachLicense = async () => {
  const index = nextLicense++;
  const answer = await callRoute('activation-code', {
    token,
    params: { workspaceId: WORKSPACE },
    body: { activationCode: fixtureActivationCode(index) },
  });
  expect(answer.status).toBe(201);
  return answer.body.licenseId as string;
};

/** What the stream carried is fanned out, and every attempt due now is made. */
const deliverDue = async () => {
  await stream.poll();
  await queue.runDue();
};

const subscribe = async (events: string[]) => {
  const created = await callRoute('webhook-endpoint-create', {
    token,
    params: { workspaceId: WORKSPACE },
    body: { url: receiverUrl, events, description: 'test receiver' },
  });
  expect(created.status).toBe(201);
  receiver.secrets = [created.body.secret];
  return created.body as { endpointId: string; secret: string };
};

const deliveries = async (endpointId: string) =>
  (await callRoute('webhook-deliveries', { token, params: { workspaceId: WORKSPACE, endpointId } })).body
    .items;

beforeAll(async () => {
  // Only Date is faked (for the receiver's verifier, set to the manual clock); timers and I/O are real.
  jest.useFakeTimers({
    doNotFake: [
      'hrtime',
      'nextTick',
      'performance',
      'queueMicrotask',
      'requestAnimationFrame',
      'cancelAnimationFrame',
      'requestIdleCallback',
      'cancelIdleCallback',
      'setImmediate',
      'clearImmediate',
      'setInterval',
      'clearInterval',
      'setTimeout',
      'clearTimeout',
    ],
  });
  table = await createTestTable();
  clock = new ManualClock('2026-12-03T10:00:00.000Z');
  ops = new FakeOpsNotifier();
  email = new FakeEmailSender();
  queue = new LocalDeliveryQueue({ clock: () => clock, deliver: deliverWebhooks });
  overrideDependencies({
    config: { ...testConfig(table), webhookTransport: 'local' },
    clock,
    keys: deriveKeys('test-root-secret-that-is-long-enough'),
    deliveryQueue: queue,
    ops,
    email,
  });
  const builder = new FixtureBuilder(clock.now())
    .user('hann@example.com', { password: 'password-hann' })
    .workspace(WORKSPACE, { name: 'Hooks Polska', admins: ['hann@example.com'] })
    .product('EPS-CLOUD')
    .price('EPS-CLOUD', 'PL');
  for (let i = 0; i < 12; i++) builder.license(`lic-hook-${i}`);
  await loadIntoTable(builder.build(), {
    client: createDocumentClient(table.endpoint),
    tableName: table.tableName,
  });
  stream = await startTableStream({
    endpoint: table.endpoint,
    tableName: table.tableName,
    fanOut: fanOutWebhooks,
    manual: true,
  });
});

let signedInAt = Number.NEGATIVE_INFINITY;

/**
 * A session valid for a while yet: tests move the clock by hours, past a session's hour, so it signs in
 * again when the last sign-in is more than 30 minutes old (scrypt is too costly to sign in every test).
 */
const signIn = async () => {
  if (clock.now().getTime() - signedInAt < 30 * 60_000) return;
  token = (await callRoute('login', { body: { email: 'hann@example.com', password: 'password-hann' } })).body
    .accessToken;
  signedInAt = clock.now().getTime();
};

beforeEach(async () => {
  await signIn();
  receiver = new Receiver();
  receiverUrl = await receiver.start();
});

afterEach(async () => {
  await receiver.stop();
  await signIn();
  // Each test's endpoints go, so the next test's events reach only its own.
  const listed = await callRoute('webhook-endpoints', { token, params: { workspaceId: WORKSPACE } });
  for (const endpoint of listed.body.items) {
    await callRoute('webhook-endpoint-delete', {
      token,
      params: { workspaceId: WORKSPACE, endpointId: endpoint.endpointId },
    });
  }
});

afterAll(async () => {
  jest.useRealTimers();
  await stream.stop();
  await queue.stop();
  await table.drop();
});

describe('webhook endpoints', () => {
  it('subscribes a local receiver, shows its secret once, and refuses private or unknown hosts', async () => {
    // Act
    const created = await subscribe(['license.attached']);
    const listed = await callRoute('webhook-endpoints', { token, params: { workspaceId: WORKSPACE } });
    const refused = await Promise.all(
      [
        'https://10.1.2.3/hooks',
        'https://169.254.169.254/latest',
        'http://example.com/hooks',
        'https://nowhere.invalid/',
      ].map((url) =>
        callRoute('webhook-endpoint-create', {
          token,
          params: { workspaceId: WORKSPACE },
          body: { url, events: ['license.attached'] },
        }),
      ),
    );

    // Assert
    expect(created.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(listed.body.items).toEqual([
      expect.objectContaining({ endpointId: created.endpointId, status: 'ENABLED' }),
    ]);
    expect(JSON.stringify(listed.body)).not.toContain(created.secret);
    expect(refused.map((answer) => [answer.status, answer.body.code])).toEqual(
      Array(4).fill([400, 'VALIDATION_FAILED']),
    );
  });

  it('lets a key with webhooks:manage in, and not one without it', async () => {
    // Arrange
    const issue = async (scopes: string[]) =>
      (
        await callRoute('api-key-create', {
          token,
          params: { workspaceId: WORKSPACE },
          body: { name: 'k', scopes },
        })
      ).body.secret as string;
    const [manager, reader] = [await issue(['webhooks:manage']), await issue(['licenses:read'])];

    // Act
    const byManager = await callRoute('webhook-endpoints', {
      token: manager,
      params: { workspaceId: WORKSPACE },
    });
    const byReader = await callRoute('webhook-endpoints', {
      token: reader,
      params: { workspaceId: WORKSPACE },
    });
    const elsewhere = await callRoute('webhook-endpoints', {
      token: manager,
      params: { workspaceId: 'ws-other' },
    });

    // Assert
    expect(byManager.status).toBe(200);
    expect([byReader.status, byReader.body.requiredScope]).toEqual([403, 'webhooks:manage']);
    expect(elsewhere.status).toBe(404);
  });
});

describe('webhook delivery', () => {
  it('delivers license.attached, signed so that standardwebhooks verifies it, and logs the delivery', async () => {
    // Arrange
    const { endpointId } = await subscribe(['license.attached']);

    // Act
    const licenseId = await attachLicense();
    await deliverDue();

    // Assert
    expect(receiver.received).toEqual([
      { id: expect.stringMatching(/^evt_/), type: 'license.attached', attempt: 1, signatures: 1 },
    ]);
    expect(await deliveries(endpointId)).toEqual([
      expect.objectContaining({
        eventType: 'license.attached',
        status: 'SUCCEEDED',
        attempts: 1,
        lastResponseStatus: 204,
      }),
    ]);
    expect(licenseId).toMatch(/^lic-hook-/);
  });

  it('sends nothing to an endpoint not subscribed to the type, or disabled', async () => {
    // Arrange
    const { endpointId } = await subscribe(['checkout.completed']);
    const second = await subscribe(['license.attached']);
    await callRoute('webhook-endpoint-update', {
      token,
      params: { workspaceId: WORKSPACE, endpointId: second.endpointId },
      body: { status: 'DISABLED' },
    });

    // Act
    await attachLicense();
    await deliverDue();

    // Assert
    expect(receiver.received).toEqual([]);
    expect(await deliveries(endpointId)).toEqual([]);
    expect(await deliveries(second.endpointId)).toEqual([]);
  });

  it('retries a receiver that is down, first within 10 s, with the same webhook-id, and logs both attempts', async () => {
    // Arrange
    const { endpointId } = await subscribe(['license.attached']);
    receiver.answer = 503;

    // Act
    await attachLicense();
    await deliverDue();
    const afterFirst = await deliveries(endpointId);
    receiver.answer = 204;
    clock.advance(4_000);
    const earlyRuns = await queue.runDue();
    clock.advance(2_000);
    await queue.runDue();

    // Assert
    expect(afterFirst).toEqual([
      expect.objectContaining({ status: 'PENDING', attempts: 1, lastResponseStatus: 503 }),
    ]);
    expect(new Date(afterFirst[0].nextAttemptAt).getTime() - clock.now().getTime()).toBeLessThanOrEqual(
      10_000,
    );
    expect(earlyRuns).toBe(0);
    expect(receiver.received).toEqual([expect.objectContaining({ type: 'license.attached', attempt: 2 })]);
    expect(await deliveries(endpointId)).toEqual([
      expect.objectContaining({
        status: 'SUCCEEDED',
        attempts: 2,
        lastResponseStatus: 204,
        nextAttemptAt: null,
      }),
    ]);
  });

  it('gets every event to a receiver down for 30 minutes, each once by webhook-id', async () => {
    // Arrange
    await subscribe(['license.attached']);
    receiver.answer = 503;
    const downUntil = clock.now().getTime() + 30 * 60_000;

    // Act: three events while it is down; time moves in 10-second steps for 40 minutes.
    for (let i = 0; i < 3; i++) await attachLicense();
    await deliverDue();
    for (let step = 0; step < 240; step++) {
      clock.advance(10_000);
      if (clock.now().getTime() >= downUntil) receiver.answer = 204;
      await queue.runDue();
    }

    // Assert
    const ids = receiver.received.map((delivery) => delivery.id);
    expect(ids).toHaveLength(3);
    expect(new Set(ids).size).toBe(3);
    expect(queue.size).toBe(0);
  });

  it('disables an endpoint that answers 410 Gone, and tells operations', async () => {
    // Arrange
    const { endpointId } = await subscribe(['license.attached']);
    receiver.answer = 410;

    // Act
    await attachLicense();
    await deliverDue();

    // Assert
    const endpoint = await callRoute('webhook-endpoint', {
      token,
      params: { workspaceId: WORKSPACE, endpointId },
    });
    expect(endpoint.body.status).toBe('DISABLED');
    expect(await deliveries(endpointId)).toEqual([
      expect.objectContaining({ status: 'FAILED', lastResponseStatus: 410 }),
    ]);
    expect(ops.notices.map((notice) => notice.subject)).toContain(`Webhook endpoint disabled: ${endpointId}`);
    expect(email.sent).toContainEqual(
      expect.objectContaining({
        to: 'hann@example.com',
        subject: `Renewal Hub: the webhook endpoint ${receiverUrl} was disabled`,
      }),
    );
  });

  it('fails a delivery after its last retry, more than 24 hours on, and tells the admins and operations', async () => {
    // Arrange
    const { endpointId } = await subscribe(['license.attached']);
    receiver.answer = 500;
    const started = clock.now().getTime();

    // Act: every due attempt is made as the clock moves through the whole schedule.
    await attachLicense();
    await deliverDue();
    while (queue.size > 0) {
      clock.advance(15 * 60_000);
      await queue.runDue();
    }
    await signIn();

    // Assert
    const [delivery] = await deliveries(endpointId);
    expect(delivery).toMatchObject({
      status: 'FAILED',
      attempts: 8,
      lastResponseStatus: 500,
      nextAttemptAt: null,
    });
    expect(new Date(delivery.lastAttemptAt).getTime() - started).toBeGreaterThan(24 * 3600_000);
    expect(ops.notices.map((notice) => notice.subject)).toContain(
      `Webhook delivery failed: ${delivery.deliveryId}`,
    );
    expect(email.sent).toContainEqual(
      expect.objectContaining({
        to: 'hann@example.com',
        subject: `Renewal Hub: a webhook to ${receiverUrl} could not be delivered`,
      }),
    );
  });

  it('signs with the old and the new secret for 24 hours after a rotation', async () => {
    // Arrange
    const { endpointId, secret: old } = await subscribe(['license.attached']);
    const rotated = await callRoute('webhook-secret-rotate', {
      token,
      params: { workspaceId: WORKSPACE, endpointId },
    });
    receiver.secrets = [old, rotated.body.secret];

    // Act
    await attachLicense();
    await deliverDue();
    clock.advance(24 * 3600_000);
    await signIn();
    receiver.secrets = [rotated.body.secret];
    await attachLicense();
    await deliverDue();

    // Assert
    expect(rotated.status).toBe(200);
    expect(receiver.received.map((delivery) => delivery.signatures)).toEqual([2, 1]);
    expect(receiver.refused).toEqual([]);
  });

  it('redelivers a delivery now, with the same webhook-id', async () => {
    // Arrange
    const { endpointId } = await subscribe(['license.attached']);
    await attachLicense();
    await deliverDue();
    const [delivery] = await deliveries(endpointId);

    // Act
    const answer = await callRoute('webhook-redeliver', {
      token,
      params: { workspaceId: WORKSPACE, endpointId, deliveryId: delivery.deliveryId },
    });
    await queue.runDue();

    // Assert
    expect(answer.status).toBe(202);
    expect(receiver.received.map((received) => received.id)).toEqual([delivery.eventId, delivery.eventId]);
    expect(await deliveries(endpointId)).toEqual([
      expect.objectContaining({ status: 'SUCCEEDED', attempts: 2 }),
    ]);
  });
});
