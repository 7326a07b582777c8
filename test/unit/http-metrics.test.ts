import '../support/emf-enabled';
import middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { contracts } from '../../functions/contracts';
import { systemClock } from '../../functions/domain/clock';
import { httpEngine } from '../../functions/http/handler';
import { answerMetrics, httpMetrics } from '../../functions/http/metrics';
import { Problem, ProblemCode } from '../../functions/http/problem';
import { lambdaContext } from '../../functions/local/lambda-event';
import { logger } from '../../functions/logger';
import { BusinessMetric } from '../../functions/metric-names';
import { captureEmf } from '../support/emf';

const event = (requestId: string, body?: unknown): APIGatewayProxyEventV2 =>
  ({
    rawPath: '/v1/test',
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
    requestContext: { requestId, http: { method: 'POST', sourceIp: '192.0.2.1' } },
  }) as unknown as APIGatewayProxyEventV2;

// Routes without a session only: the engine never asks for a token or a session.
const { httpHandler } = httpEngine({
  clock: () => systemClock,
  tokens: () => Promise.reject(new Error('no token service in this test')),
  sessions: () => ({ get: () => Promise.reject(new Error('no session store in this test')) }),
  apiKeys: () => ({
    get: () => Promise.reject(new Error('no API key store in this test')),
    recordUse: () => Promise.reject(new Error('no API key store in this test')),
  }),
  rateLimits: () => ({ hit: () => Promise.reject(new Error('no rate limits in this test')) }),
  apiKeyRateLimit: { limit: 1, windowSeconds: 1 },
});

const context = (): Context => lambdaContext('renewal-hub-test', 256);

let emf: ReturnType<typeof captureEmf>;
beforeEach(() => {
  emf = captureEmf();
});
afterEach(() => emf.restore());

describe('answerMetrics', () => {
  it.each([
    ['checkout-create', 201, undefined, [BusinessMetric.CHECKOUTS_CREATED]],
    ['checkout-create', 409, ProblemCode.NOT_ELIGIBLE, []],
    ['login', 401, ProblemCode.INVALID_CREDENTIALS, [BusinessMetric.SIGN_IN_FAILURES]],
    ['mfa-verify', 401, ProblemCode.INVALID_CODE, [BusinessMetric.SIGN_IN_FAILURES]],
    ['mfa-verify', 401, ProblemCode.CHALLENGE_EXPIRED, [BusinessMetric.SIGN_IN_FAILURES]],
    ['login', 429, ProblemCode.TOO_MANY_ATTEMPTS, [BusinessMetric.THROTTLED_ATTEMPTS]],
    ['activation-code', 429, ProblemCode.TOO_MANY_ATTEMPTS, [BusinessMetric.THROTTLED_ATTEMPTS]],
    ['login', 429, ProblemCode.SMS_LIMIT_REACHED, []],
    ['login', 200, undefined, []],
    ['mfa-disable', 422, ProblemCode.INVALID_CODE, []],
    ['me', 401, ProblemCode.UNAUTHENTICATED, []],
  ] as const)('%s answering %i %s counts %j', (routeId, status, code, expected) => {
    // Act
    const counted = answerMetrics(routeId, status, code);

    // Assert
    expect(counted).toEqual(expected);
  });
});

describe('the HTTP engine', () => {
  it('writes CheckoutsCreated = 1 as EMF for a 201 of checkout-create', async () => {
    // Arrange: the route needs a session, which the engine's metrics do not care about
    const created = middy<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>()
      .use(httpMetrics('checkout-create'))
      .handler(async () => ({ statusCode: 201, body: '{}' }));

    // Act
    const result = await created(event('req-2'), context());

    // Assert
    expect(result.statusCode).toBe(201);
    expect(emf.records()).toEqual([
      {
        namespace: 'RenewalHub',
        dimensions: { service: 'renewal-hub' },
        metrics: { CheckoutsCreated: { unit: 'Count', value: 1 } },
      },
    ]);
  });

  it('does not count a checkout replayed for its Idempotency-Key', async () => {
    // Arrange
    const replayed = middy<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>()
      .use(httpMetrics('checkout-create'))
      .handler(async () => ({ statusCode: 201, headers: { 'idempotent-replayed': 'true' }, body: '{}' }));

    // Act
    const result = await replayed(event('req-3'), context());

    // Assert
    expect(result.statusCode).toBe(201);
    expect(emf.records()).toEqual([]);
  });

  it('counts a refused sign-in once the problem boundary has answered it', async () => {
    // Arrange
    const handler = httpHandler('login', contracts.login, async () => {
      throw new Problem(401, ProblemCode.INVALID_CREDENTIALS);
    });

    // Act
    const result = await handler(event('req-3', { email: 'a@example.com', password: 'x' }), context());

    // Assert
    expect(result.statusCode).toBe(401);
    expect(emf.records().map((record) => record.metrics)).toEqual([
      { SignInFailures: { unit: 'Count', value: 1 } },
    ]);
  });

  it('counts a 429 TOO_MANY_ATTEMPTS as a throttled attempt', async () => {
    // Arrange
    const handler = httpHandler('mfa-verify', contracts['mfa-verify'], async () => {
      throw new Problem(429, ProblemCode.TOO_MANY_ATTEMPTS, { headers: { 'retry-after': '30' } });
    });

    // Act
    await handler(event('req-4', { challengeId: 'challenge', code: '123456' }), context());

    // Assert
    expect(emf.records().map((record) => record.metrics)).toEqual([
      { ThrottledAttempts: { unit: 'Count', value: 1 } },
    ]);
  });

  it('writes nothing for an answer that counts nothing', async () => {
    // Arrange
    const handler = httpHandler('health', contracts.health, async () => ({
      status: 200,
      body: { status: 'ok' },
    }));

    // Act
    await handler(event('req-5'), context());

    // Assert
    expect(emf.records()).toEqual([]);
  });

  it("logs with API Gateway's request id as correlation id, for that invocation only", async () => {
    // Arrange
    const seen: unknown[] = [];
    const handler = httpHandler('health', contracts.health, async () => {
      seen.push(logger.getCorrelationId());
      return { status: 200, body: { status: 'ok' } };
    });

    // Act
    await handler(event('req-6'), context());
    await handler(event('req-7'), context());

    // Assert
    expect(seen).toEqual(['req-6', 'req-7']);
    expect(logger.getCorrelationId()).toBeUndefined();
  });
});
