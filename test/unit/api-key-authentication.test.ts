import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { contracts } from '../../functions/contracts';
import { apiKeySubject } from '../../functions/domain/actor';
import {
  type ApiKey,
  type ApiKeyScope,
  hashApiKeySecret,
  newApiKeySecret,
} from '../../functions/domain/api-key';
import { ManualClock } from '../../functions/domain/clock';
import { httpEngine } from '../../functions/http/handler';
import { Problem, ProblemCode } from '../../functions/http/problem';
import { lambdaContext } from '../../functions/local/lambda-event';
import type { RateLimitStore, RateLimitUsage } from '../../functions/ports/rate-limits';
import { FakeApiKeyStore } from '../fakes/api-key-store';
import { FakeRateLimitStore } from '../fakes/rate-limit-store';

const NOW = new Date('2026-12-03T10:00:00.000Z');
const RULE = { limit: 2, windowSeconds: 10 } as const;

const keyWith = (overrides: Partial<ApiKey> & { scopes: ApiKeyScope[] }) => {
  const { apiKeyId, secret } = newApiKeySecret();
  const key: ApiKey = {
    apiKeyId,
    workspaceId: 'ws-1',
    name: 'billing sync',
    createdAt: '2026-12-01T00:00:00.000Z',
    createdByUserId: 'user-1',
    createdBy: 'admin@example.com',
    createdByLocale: 'en',
    expiresAt: null,
    lastUsedAt: null,
    revokedAt: null,
    secretHash: hashApiKeySecret(secret),
    hint: secret.slice(-4),
    ...overrides,
  };
  return { key, secret };
};

const event = (method: string, secret: string, params: Record<string, string>): APIGatewayProxyEventV2 =>
  ({
    rawPath: '/v1/test',
    headers: { authorization: `Bearer ${secret}`, 'idempotency-key': 'attempt-1' },
    pathParameters: params,
    requestContext: { requestId: 'req-1', http: { method, sourceIp: '192.0.2.1' } },
  }) as unknown as APIGatewayProxyEventV2;

const context = (): Context => lambdaContext('renewal-hub-test', 256);

/** An engine over in-memory keys and counters; the token service and sessions are never reached. */
const engineWith = (rateLimits: RateLimitStore = new FakeRateLimitStore()) => {
  const apiKeys = new FakeApiKeyStore();
  const { httpHandler } = httpEngine({
    clock: () => new ManualClock(NOW),
    tokens: () => Promise.reject(new Error('a key never reaches the token service')),
    sessions: () => ({ get: () => Promise.reject(new Error('a key never reaches sessions')) }),
    apiKeys: () => apiKeys,
    rateLimits: () => rateLimits,
    apiKeyRateLimit: RULE,
  });
  return { apiKeys, httpHandler };
};

const parsed = (body: string | undefined) => JSON.parse(body ?? '{}');

describe('API key authentication', () => {
  it('refuses an expired key with 401, before the handler', async () => {
    // Arrange
    const { apiKeys, httpHandler } = engineWith();
    const { key, secret } = keyWith({ scopes: ['licenses:read'], expiresAt: '2026-12-03T09:59:59.999Z' });
    await apiKeys.create(key);
    const run = jest.fn();
    const handler = httpHandler('license', contracts.license, run);

    // Act
    const answer = await handler(event('GET', secret, { licenseId: 'lic-1' }), context());

    // Assert
    expect(answer.statusCode).toBe(401);
    expect(parsed(answer.body).code).toBe(ProblemCode.UNAUTHENTICATED);
    expect(answer.headers?.['www-authenticate']).toBe('Bearer realm="renewal-hub"');
    expect(run).not.toHaveBeenCalled();
  });

  it('lets a key in until the instant it expires, and records its use', async () => {
    // Arrange
    const { apiKeys, httpHandler } = engineWith();
    const { key, secret } = keyWith({ scopes: ['licenses:read'], expiresAt: '2026-12-03T10:00:00.001Z' });
    await apiKeys.create(key);
    const handler = httpHandler('license', contracts.license, async () => {
      throw new Problem(404, ProblemCode.NOT_FOUND);
    });

    // Act
    const answer = await handler(event('GET', secret, { licenseId: 'lic-1' }), context());

    // Assert
    expect(answer.statusCode).toBe(404);
    expect(answer.headers?.ratelimit).toBe('"per-key";r=1;t=10');
    expect((await apiKeys.get(key.apiKeyId))?.lastUsedAt).toBe(NOW.toISOString());
  });

  it('answers 403 naming the scope before the rate limit, and counts the request', async () => {
    // Arrange
    const rateLimits = new FakeRateLimitStore();
    const { apiKeys, httpHandler } = engineWith(rateLimits);
    const { key, secret } = keyWith({ scopes: ['licenses:read'] });
    await apiKeys.create(key);
    const handler = httpHandler('checkout-create', contracts['checkout-create'], jest.fn());

    // Act
    const answers = [];
    for (let i = 0; i < 3; i++) {
      answers.push(await handler(event('POST', secret, { licenseId: 'lic-1' }), context()));
    }

    // Assert
    expect(answers.map((answer) => answer.statusCode)).toEqual([403, 403, 403]);
    expect(parsed(answers[2]?.body).requiredScope).toBe('checkouts:write');
    expect((await rateLimits.hit(apiKeySubject(key.apiKeyId), RULE, NOW)).allowed).toBe(false);
  });

  it('on a write route, settles the count before the handler: over the limit, nothing runs', async () => {
    // Arrange
    const { apiKeys, httpHandler } = engineWith();
    const { key, secret } = keyWith({ scopes: ['checkouts:write'] });
    await apiKeys.create(key);
    const run = jest.fn(async () => {
      throw new Problem(409, ProblemCode.NOT_ELIGIBLE);
    });
    const handler = httpHandler('checkout-create', contracts['checkout-create'], run);

    // Act
    const statuses = [];
    for (let i = 0; i < 3; i++) {
      statuses.push((await handler(event('POST', secret, { licenseId: 'lic-1' }), context())).statusCode);
    }

    // Assert
    expect(statuses).toEqual([409, 409, 429]);
    expect(run).toHaveBeenCalledTimes(2);
  });

  it('on a read route, runs the handler while the count is in flight and answers 429 when it is over', async () => {
    // Arrange
    let land: (usage: RateLimitUsage) => void = () => {};
    const rateLimits: RateLimitStore = {
      hit: () =>
        new Promise((resolve) => {
          land = resolve;
        }),
    };
    const { apiKeys, httpHandler } = engineWith(rateLimits);
    const { key, secret } = keyWith({ scopes: ['licenses:read'] });
    await apiKeys.create(key);
    const entered: string[] = [];
    const handler = httpHandler('license', contracts.license, async () => {
      entered.push('handler');
      land({ allowed: false, remaining: 0, resetSeconds: 7 });
      throw new Problem(404, ProblemCode.NOT_FOUND);
    });

    // Act
    const answer = await handler(event('GET', secret, { licenseId: 'lic-1' }), context());

    // Assert
    expect(entered).toEqual(['handler']);
    expect(answer.statusCode).toBe(429);
    expect(parsed(answer.body).code).toBe(ProblemCode.RATE_LIMITED);
    expect(answer.headers).toMatchObject({
      'retry-after': '7',
      'ratelimit-policy': '"per-key";q=2;w=10',
      ratelimit: '"per-key";r=0;t=7',
    });
  });

  it('on a read route, a count that fails answers 503 rather than an unmetered 200', async () => {
    // Arrange
    const unavailable = Object.assign(new Error('throttled'), {
      name: 'ProvisionedThroughputExceededException',
    });
    const { apiKeys, httpHandler } = engineWith({ hit: () => Promise.reject(unavailable) });
    const { key, secret } = keyWith({ scopes: ['licenses:read'] });
    await apiKeys.create(key);
    const handler = httpHandler(
      'license',
      contracts.license,
      async () => ({ status: 200, body: {} }) as never,
    );

    // Act
    const answer = await handler(event('GET', secret, { licenseId: 'lic-1' }), context());

    // Assert
    expect(answer.statusCode).toBe(503);
    expect(parsed(answer.body).code).toBe(ProblemCode.SERVICE_UNAVAILABLE);
  });
});
