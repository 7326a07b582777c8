/**
 * Bad input on every route of the route table: whatever arrives, the answer is a 4xx RFC 9457 problem
 * with a stable code, never a 5xx and never a stack trace.
 */
import { type RouteId, routeList } from '../../functions/routes';
import { callRoute } from '../support/api';
import { type AuthHarness, createAuthHarness } from '../support/auth-harness';

let h: AuthHarness;
let token: string;

beforeAll(async () => {
  h = await createAuthHarness();
  await h.addUser('user@example.com', 'password-1');
  token = (await callRoute('login', { body: { email: 'user@example.com', password: 'password-1' } })).body
    .accessToken;
});

afterAll(async () => {
  await h.close();
});

const BAD_BODIES = {
  'malformed JSON': { rawBody: '{"a": ' },
  'an unknown field': { body: { unexpected: true } },
  'wrong types': {
    body: { email: 1, password: [], code: {}, challengeId: null, activationCode: 5, phoneNumber: false },
  },
  'a huge string': {
    body: { email: 'x'.repeat(20_000), code: 'x'.repeat(20_000), activationCode: 'x'.repeat(20_000) },
  },
  'a body over 64 KiB': { rawBody: JSON.stringify({ a: 'x'.repeat(70_000) }) },
  'a JSON array': { rawBody: '[1,2,3]' },
} as const;

const PARAMS = { licenseId: 'x'.repeat(3000), workspaceId: 'ws-1', checkoutId: '../../etc' };

// The webhook reads its raw body and checks the signature first: bad input there is 401.
const routes = routeList().filter((route) => route.method !== 'GET');

describe.each(routes.map((route) => [route.id, route] as const))('%s', (id) => {
  it.each(Object.entries(BAD_BODIES))('answers %s with a 4xx problem', async (_, call) => {
    const answer = await callRoute(id as RouteId, {
      ...call,
      token,
      params: PARAMS,
      headers: { 'idempotency-key': `bad-${id}` },
    });

    expect(answer.status).toBeGreaterThanOrEqual(400);
    expect(answer.status).toBeLessThan(500);
    expect(answer.headers['content-type']).toContain('application/problem+json');
    expect(answer.body.code).toMatch(/^[A-Z][A-Z_]+$/);
    expect(JSON.stringify(answer.body)).not.toMatch(/\bat .+\.(ts|js|mjs):\d+/);
  });
});

describe.each(routeList().map((route) => [route.id] as const))('%s', (id) => {
  it('answers bad query values and path parameters with a 4xx, never a 5xx', async () => {
    const answer = await callRoute(id as RouteId, {
      token,
      params: PARAMS,
      query: { limit: '-1', cursor: '%%%', status: 'x'.repeat(5000), workspaceId: '\u0000' },
      headers: { 'idempotency-key': `query-${id}`, 'accept-language': 'x'.repeat(10_000) },
    });

    expect(answer.status).toBeLessThan(500);
  });
});
