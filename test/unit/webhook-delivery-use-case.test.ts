import type { AttemptOutcome, Delivery } from '../../functions/domain/webhook-delivery';
import type { WebhookEndpoint } from '../../functions/domain/webhook-endpoint';
import { newWebhookEvent } from '../../functions/domain/webhook-event';
import type { WebhookRequest } from '../../functions/ports/webhook-sender';
import { attemptDelivery, fanOut, MAX_QUEUE_DELAY_SECONDS } from '../../functions/use-cases/webhook-delivery';
import { createFakes } from '../fakes';

const NOW = new Date('2026-12-03T12:00:00.000Z');
const DAY = 24 * 3600_000;

const endpointOf = (overrides: Partial<WebhookEndpoint> = {}): WebhookEndpoint => ({
  endpointId: 'ep_1',
  workspaceId: 'ws-1',
  url: 'https://hooks.example.com/renewals',
  events: ['license.attached'],
  description: '',
  status: 'ENABLED',
  disabledReason: null,
  createdAt: '2026-12-01T00:00:00.000Z',
  secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
  previousSecret: null,
  previousSecretExpiresAt: null,
  failingSince: null,
  ...overrides,
});

/** Fakes, a sender that answers `outcome`, and one event fanned out to one endpoint. */
const given = async (endpoint: WebhookEndpoint, outcome: AttemptOutcome) => {
  const fakes = createFakes();
  const sent: WebhookRequest[] = [];
  const deps = {
    endpoints: fakes.webhookEndpoints,
    workspaces: fakes.workspaces,
    users: fakes.users,
    email: fakes.email,
    events: fakes.webhookEvents,
    deliveries: fakes.deliveries,
    queue: fakes.deliveryQueue,
    ops: fakes.ops,
    random: () => 0.5,
    userAgent: 'test',
    sender: {
      send: async (request: WebhookRequest) => {
        sent.push(request);
        return outcome;
      },
    },
  };
  await fakes.workspaces.put({ workspaceId: 'ws-1', name: 'Acme', countryCode: 'PL' }, ['usr-1']);
  await fakes.workspaces.setAdminEmails('ws-1', ['admin@example.com']);
  await fakes.webhookEndpoints.create(endpoint);
  const event = newWebhookEvent('license.attached', { licenseId: 'lic-1', workspaceId: 'ws-1' }, NOW);
  fakes.tables.putWebhookEvent(event);
  await fanOut(deps, event, NOW);
  const [first] = fakes.deliveryQueue.take();
  if (!first) throw new Error('nothing was queued');
  return { fakes, deps, sent, event, first: first.message };
};

const failing: AttemptOutcome = { kind: 'ANSWERED', status: 500, latencyMs: 20, body: 'boom' };
const ok: AttemptOutcome = { kind: 'ANSWERED', status: 200, latencyMs: 20, body: '' };

describe('attemptDelivery', () => {
  it('drops a second copy of an attempt that was made, without sending', async () => {
    // Arrange
    const { deps, sent, first } = await given(endpointOf(), ok);
    await attemptDelivery(deps, first, NOW);

    // Act
    const again = await attemptDelivery(deps, first, NOW);

    // Assert
    expect(again).toBe('DROPPED');
    expect(sent).toHaveLength(1);
  });

  it('queues a wait longer than the queue can delay in hops of at most 15 minutes', async () => {
    // Arrange
    const { fakes, deps, first } = await given(endpointOf(), failing);
    await attemptDelivery(deps, first, NOW);
    const [second] = fakes.deliveryQueue.take();
    await attemptDelivery(deps, second?.message ?? first, new Date(NOW.getTime() + 5_000));
    const [third] = fakes.deliveryQueue.take();

    // Act: the 5-minute retry is one hop; a message for a later attempt, early, waits again.
    const early = await attemptDelivery(
      deps,
      { ...(third?.message ?? first), notBefore: new Date(NOW.getTime() + 2 * 3600_000).toISOString() },
      new Date(NOW.getTime() + 10_000),
    );

    // Assert
    expect(second?.delaySeconds).toBe(5);
    expect(third?.delaySeconds).toBe(300);
    expect(early).toBe('WAITING');
    expect(fakes.deliveryQueue.take().map((sent) => sent.delaySeconds)).toEqual([MAX_QUEUE_DELAY_SECONDS]);
  });

  it('disables an endpoint that has failed for 5 days, and emails the admins', async () => {
    // Arrange
    const failingSince = new Date(NOW.getTime() - 5 * DAY).toISOString();
    const { fakes, deps, first } = await given(endpointOf({ failingSince }), failing);

    // Act
    await attemptDelivery(deps, first, NOW);

    // Assert
    expect(await fakes.webhookEndpoints.get('ws-1', 'ep_1')).toMatchObject({
      status: 'DISABLED',
      disabledReason: 'FAILING',
    });
    expect(fakes.email.sent.map((message) => [message.to, message.subject])).toEqual([
      [
        'admin@example.com',
        'Renewal Hub: the webhook endpoint https://hooks.example.com/renewals was disabled',
      ],
    ]);
  });

  it('starts a failing streak on the first failure and ends it on a success', async () => {
    // Arrange
    const { fakes, deps, first } = await given(endpointOf(), failing);

    // Act
    await attemptDelivery(deps, first, NOW);
    const streak = (await fakes.webhookEndpoints.get('ws-1', 'ep_1'))?.failingSince;
    deps.sender.send = async () => ok;
    const [retry] = fakes.deliveryQueue.take();
    await attemptDelivery(deps, retry?.message ?? first, new Date(NOW.getTime() + 6_000));

    // Assert
    expect(streak).toBe(NOW.toISOString());
    expect((await fakes.webhookEndpoints.get('ws-1', 'ep_1'))?.failingSince).toBeNull();
  });

  it('re-queues the next attempt of a redelivered message whose attempt was recorded (a crash in between)', async () => {
    // Arrange
    const { fakes, deps, sent, first } = await given(endpointOf(), failing);
    await attemptDelivery(deps, first, NOW);
    fakes.deliveryQueue.take(); // the successor was lost with the crash

    // Act
    const result = await attemptDelivery(deps, first, NOW, true);

    // Assert
    expect(result).toBe('DROPPED');
    expect(sent).toHaveLength(1);
    expect(fakes.deliveryQueue.take().map((queued) => queued.message.attempt)).toEqual([2]);
  });

  it('fails a delivery whose endpoint was deleted, without sending', async () => {
    // Arrange
    const { fakes, deps, sent, first } = await given(endpointOf(), ok);
    await fakes.webhookEndpoints.delete('ws-1', 'ep_1');

    // Act
    const result = await attemptDelivery(deps, first, NOW);

    // Assert
    expect(result).toBe('ABANDONED');
    expect(sent).toEqual([]);
    expect((await fakes.deliveries.get(first.deliveryId)) as Delivery).toMatchObject({
      status: 'FAILED',
      lastError: 'The endpoint was deleted',
    });
  });

  it('never puts the activation code or anything beyond the event in the body', async () => {
    // Arrange
    const { deps, sent, event, first } = await given(endpointOf(), ok);

    // Act
    await attemptDelivery(deps, first, NOW);

    // Assert
    expect(JSON.parse(sent[0]?.body ?? '{}')).toEqual({
      id: event.id,
      type: 'license.attached',
      createdAt: NOW.toISOString(),
      data: { licenseId: 'lic-1', workspaceId: 'ws-1' },
    });
    expect(sent[0]?.headers).toMatchObject({ 'webhook-id': event.id, 'content-type': 'application/json' });
  });
});
