import { Webhook } from 'standardwebhooks';
import { isPublicAddress } from '../../functions/domain/network-address';
import {
  afterAttempt,
  deliveryIdOf,
  MAX_ATTEMPTS,
  RETRY_DELAYS_SECONDS,
} from '../../functions/domain/webhook-delivery';
import { endpointUrlProblem, signingSecrets, subscribesTo } from '../../functions/domain/webhook-endpoint';
import { newWebhookEvent, webhookBody } from '../../functions/domain/webhook-event';
import { newWebhookSecret, signWebhook } from '../../functions/domain/webhook-signature';

describe('isPublicAddress', () => {
  it.each([
    '0.0.0.0',
    '10.1.2.3',
    '100.64.0.1',
    '127.0.0.1',
    '169.254.169.254',
    '172.16.0.1',
    '172.31.255.255',
    '192.0.2.10',
    '192.168.1.1',
    '198.18.0.1',
    '224.0.0.1',
    '255.255.255.255',
    '::',
    '::1',
    'fe80::1',
    'fe80::1%eth0',
    'fd00:ec2::254',
    'fc00::1',
    'ff02::1',
    '2001:db8::1',
    '::ffff:127.0.0.1',
    '::ffff:10.0.0.1',
    '::ffff:7f00:1',
    '64:ff9b::a9fe:a9fe',
    '2002:a9fe:a9fe::1',
    '[::1]',
    'not-an-address',
    '1.2.3',
    '01.2.3.4',
    '1:2:3:4:5:6:7:8:9',
  ])('refuses %s', (address) => {
    // Act / Assert
    expect(isPublicAddress(address)).toBe(false);
  });

  it.each([
    '93.184.216.34',
    '8.8.8.8',
    '172.32.0.1',
    '100.128.0.1',
    '2606:4700:4700::1111',
    '::ffff:8.8.8.8',
    '2a00:1450:4001:82b::200e',
  ])('accepts %s', (address) => {
    // Act / Assert
    expect(isPublicAddress(address)).toBe(true);
  });
});

describe('endpointUrlProblem', () => {
  const inAws = { allowLocalHttp: false };
  const locally = { allowLocalHttp: true };

  it.each([
    ['http://example.com/hook', inAws, 'Must be https://'],
    ['http://127.0.0.1:4000/hook', inAws, 'Must be https://'],
    ['https://user:pw@example.com/', inAws, 'Must not carry credentials'],
    ['https://localhost/hook', inAws, 'Must not point at this machine'],
    ['https://10.0.0.5/hook', inAws, 'Must not point at a private or reserved address'],
    ['https://[::1]/hook', inAws, 'Must not point at a private or reserved address'],
    ['https://169.254.169.254/latest/meta-data', locally, 'Must not point at a private or reserved address'],
    [
      'http://192.168.0.10/hook',
      locally,
      'Must be https:// (or, locally, http://127.0.0.1 or http://localhost)',
    ],
    ['not a url', inAws, 'Must be an absolute URL'],
  ])('refuses %s', (url, policy, problem) => {
    // Act / Assert
    expect(endpointUrlProblem(url, policy)).toBe(problem);
  });

  it.each([
    ['https://hooks.example.com/renewals', inAws],
    ['https://93.184.216.34/hook', inAws],
    ['http://127.0.0.1:4000/hook', locally],
    ['http://localhost:4000/hook', locally],
  ])('accepts %s', (url, policy) => {
    // Act / Assert
    expect(endpointUrlProblem(url, policy)).toBeNull();
  });
});

describe('signWebhook', () => {
  it('is verified by the Standard Webhooks reference library', () => {
    // Arrange
    const secret = newWebhookSecret();
    const event = newWebhookEvent(
      'license.attached',
      { licenseId: 'lic-1', workspaceId: 'ws-1' },
      new Date(),
    );
    const body = webhookBody(event);

    // Act
    const headers = signWebhook([secret], event.id, new Date(), body);

    // Assert
    expect(new Webhook(secret).verify(body, { ...headers })).toEqual(JSON.parse(body));
    expect(headers['webhook-id']).toBe(event.id);
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
  });

  it('signs with both secrets after a rotation, and either one verifies', () => {
    // Arrange
    const [previous, current] = [newWebhookSecret(), newWebhookSecret()];
    const body = '{"id":"evt_1"}';

    // Act
    const headers = signWebhook([current, previous], 'evt_1', new Date(), body);

    // Assert
    expect(headers['webhook-signature'].split(' ')).toHaveLength(2);
    expect(() => new Webhook(previous).verify(body, { ...headers })).not.toThrow();
    expect(() => new Webhook(current).verify(body, { ...headers })).not.toThrow();
    expect(() => new Webhook(newWebhookSecret()).verify(body, { ...headers })).toThrow();
  });

  it('is refused by the reference library when the body changed', () => {
    // Arrange
    const secret = newWebhookSecret();
    const headers = signWebhook([secret], 'evt_1', new Date(), '{"amount":10}');

    // Act / Assert
    expect(() => new Webhook(secret).verify('{"amount":1000}', { ...headers })).toThrow();
  });
});

describe('signingSecrets', () => {
  const endpoint = {
    secret: 'whsec_new',
    previousSecret: 'whsec_old',
    previousSecretExpiresAt: '2026-12-04T10:00:00.000Z',
  };

  it('keeps the previous secret until it expires, then only the current one', () => {
    // Act / Assert
    expect(signingSecrets(endpoint, new Date('2026-12-04T09:59:59.999Z'))).toEqual([
      'whsec_new',
      'whsec_old',
    ]);
    expect(signingSecrets(endpoint, new Date('2026-12-04T10:00:00.000Z'))).toEqual(['whsec_new']);
  });
});

describe('subscribesTo', () => {
  it('is true only for an enabled endpoint with the type', () => {
    // Act / Assert
    expect(subscribesTo({ status: 'ENABLED', events: ['checkout.completed'] }, 'checkout.completed')).toBe(
      true,
    );
    expect(subscribesTo({ status: 'ENABLED', events: ['checkout.completed'] }, 'license.attached')).toBe(
      false,
    );
    expect(subscribesTo({ status: 'DISABLED', events: ['checkout.completed'] }, 'checkout.completed')).toBe(
      false,
    );
  });
});

describe('afterAttempt', () => {
  const failed = { kind: 'ANSWERED', status: 500, latencyMs: 12, body: '' } as const;

  it('succeeds on any 2xx', () => {
    // Act / Assert
    expect(afterAttempt(1, { kind: 'ANSWERED', status: 204, latencyMs: 5, body: '' }, 0.5)).toEqual({
      status: 'SUCCEEDED',
    });
  });

  it('retries on the schedule, the first within 10 s, with ±10 % jitter', () => {
    // Act
    const low = RETRY_DELAYS_SECONDS.map((_, i) => afterAttempt(i + 1, failed, 0));
    const high = RETRY_DELAYS_SECONDS.map((_, i) => afterAttempt(i + 1, failed, 0.999999));

    // Assert
    expect(low.map((next) => (next.status === 'PENDING' ? next.retryInSeconds : null))).toEqual([
      5, 270, 1620, 6480, 16200, 32400, 32400,
    ]);
    expect(high.map((next) => (next.status === 'PENDING' ? next.retryInSeconds : null))).toEqual([
      5, 330, 1980, 7920, 19800, 39600, 39600,
    ]);
  });

  it('keeps retrying for at least 24 hours before it fails', () => {
    // Act
    const shortest = RETRY_DELAYS_SECONDS.reduce((sum, delay) => sum + delay * 0.9, 0);

    // Assert
    expect(shortest).toBeGreaterThanOrEqual(24 * 3600);
    expect(afterAttempt(MAX_ATTEMPTS, failed, 0.5)).toEqual({ status: 'FAILED', disableEndpoint: false });
  });

  it('fails at once and disables the endpoint on 410 Gone', () => {
    // Act / Assert
    expect(afterAttempt(1, { kind: 'ANSWERED', status: 410, latencyMs: 3, body: '' }, 0.5)).toEqual({
      status: 'FAILED',
      disableEndpoint: true,
    });
  });

  it('retries when there was no answer', () => {
    // Act / Assert
    expect(afterAttempt(1, { kind: 'NO_ANSWER', latencyMs: 10000, error: 'timed out' }, 0.5)).toEqual({
      status: 'PENDING',
      retryInSeconds: 5,
    });
  });
});

describe('deliveryIdOf', () => {
  it('is the same for the same event and endpoint, and differs otherwise', () => {
    // Act / Assert
    expect(deliveryIdOf('evt_1', 'ep_1')).toBe(deliveryIdOf('evt_1', 'ep_1'));
    expect(deliveryIdOf('evt_1', 'ep_1')).not.toBe(deliveryIdOf('evt_1', 'ep_2'));
    expect(deliveryIdOf('evt_1', 'ep_1')).toMatch(/^dlv_[A-Za-z0-9_-]{22}$/);
  });
});
