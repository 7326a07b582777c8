/**
 * HTTP fuzzing driven by the route table: fast-check builds requests that are wrong in one known way
 * (no session, a forged token, an unknown body field, a body that is not JSON, ids that do not exist, list
 * parameters out of range) for every route, and each answer must be a 4xx RFC 9457 problem with a stable
 * code — not merely "not a 5xx".
 *
 * The seed is fixed so `npm test` is repeatable; `npm run fuzz` runs many more cases (FUZZ_RUNS) with a
 * fresh seed (or FUZZ_SEED=n); fast-check prints the seed of a failure so that it can be replayed.
 */
import fc from 'fast-check';
import { type RouteId, routeList } from '../../functions/routes';
import { type ApiAnswer, type ApiCall, callRoute } from '../support/api';
import { type AuthHarness, createAuthHarness } from '../support/auth-harness';

const RUNS = Number(process.env.FUZZ_RUNS ?? 2000);
const SEED =
  process.env.FUZZ_SEED === 'random' ? Date.now() % 2 ** 31 : Number(process.env.FUZZ_SEED ?? 20261202);

let h: AuthHarness;
let token: string;

beforeAll(async () => {
  h = await createAuthHarness();
  await h.addUser('fuzz@example.com', 'password-1');
  token = (await callRoute('login', { body: { email: 'fuzz@example.com', password: 'password-1' } })).body
    .accessToken;
});

afterAll(async () => {
  await h.close();
});

const routesWith = (predicate: (route: ReturnType<typeof routeList>[number]) => boolean): RouteId[] =>
  routeList()
    .filter(predicate)
    .map((route) => route.id as RouteId);

const pathParams = (path: string): string[] => [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string);

const authRoutes = routesWith((route) => route.auth);
/** The webhook authenticates by signature before it reads anything, so its bad bodies are 401s. */
const bodyRoutes = routesWith((route) => route.method === 'POST');
const idRoutes = routesWith((route) => route.auth && pathParams(route.path).length > 0);

/** A JSON value of any shape, for body fields. */
const jsonValue = fc.jsonValue({ maxDepth: 3 });
/** Ids that were never issued: anything printable, including separators and unicode. */
const unknownId = fc.string({ minLength: 1, maxLength: 80, unit: 'grapheme' }).map((s) => `nx-${s}`);
const headers = fc.record(
  {
    'accept-language': fc.constantFrom('en', 'pl', 'de;q=0.5, pl', '*', 'x'.repeat(300)),
    'idempotency-key': fc.string({ minLength: 1, maxLength: 64, unit: 'grapheme-ascii' }),
  },
  { requiredKeys: [] },
);

interface FuzzCase {
  routeId: RouteId;
  call: ApiCall;
  /** What is wrong with this request, for the failure message. */
  flaw: string;
}

const withParams = (routeId: RouteId, id: string): Record<string, string> =>
  Object.fromEntries(pathParams(routeList().find((r) => r.id === routeId)?.path ?? '').map((p) => [p, id]));

const noSession = fc
  .record({
    routeId: fc.constantFrom(...authRoutes),
    bearer: fc.option(fc.string({ maxLength: 200, unit: 'grapheme-ascii' }), { nil: undefined }),
    body: fc.option(jsonValue, { nil: undefined }),
    id: unknownId,
    headers,
  })
  .map(
    ({ routeId, bearer, body, id, headers: extra }): FuzzCase => ({
      routeId,
      flaw: 'no valid session',
      call: {
        body,
        params: withParams(routeId, id),
        headers: { ...extra, ...(bearer === undefined ? {} : { authorization: `Bearer ${bearer}` }) },
      },
    }),
  );

const unknownField = fc
  .record({
    routeId: fc.constantFrom(...bodyRoutes),
    fields: fc.dictionary(fc.string({ maxLength: 20 }), jsonValue, { maxKeys: 4 }),
    extra: fc.string({ minLength: 1, maxLength: 20 }),
    value: jsonValue,
    id: unknownId,
    headers,
  })
  .map(
    ({ routeId, fields, extra, value, id, headers: more }): FuzzCase => ({
      routeId,
      flaw: 'an unknown body field',
      call: {
        token,
        body: { ...fields, [`fuzz_${extra}`]: value },
        params: withParams(routeId, id),
        headers: more,
      },
    }),
  );

const notJson = fc
  .record({
    routeId: fc.constantFrom(...bodyRoutes),
    raw: fc.string({ minLength: 1, maxLength: 200 }).filter((raw) => {
      try {
        JSON.parse(raw);
        return false;
      } catch {
        return true;
      }
    }),
    id: unknownId,
    headers,
  })
  .map(
    ({ routeId, raw, id, headers: more }): FuzzCase => ({
      routeId,
      flaw: 'a body that is not JSON',
      call: { token, rawBody: raw, params: withParams(routeId, id), headers: more },
    }),
  );

/** Path ids nobody administers: 404 (or 400 when the body is also wrong), never a 2xx. */
const unknownIds = fc.record({ routeId: fc.constantFrom(...idRoutes), id: unknownId, headers }).map(
  ({ routeId, id, headers: more }): FuzzCase => ({
    routeId,
    flaw: 'an id that does not exist',
    call: {
      token,
      body: routeId === 'activation-code' ? { activationCode: 'ABCDE-FGHJK-MNPQR-STUVW' } : undefined,
      params: withParams(routeId, id),
      headers: { 'idempotency-key': 'fuzz-key', ...more },
    },
  }),
);

const badListQuery = fc
  .record({
    limit: fc.oneof(
      fc.integer({ max: 0 }).map(String),
      fc.integer({ min: 101 }).map(String),
      fc.string({ minLength: 1, maxLength: 10 }).filter((s) => !/^\s*\d+\s*$/.test(s)),
    ),
    cursor: fc.option(fc.string({ minLength: 1, maxLength: 100 }), { nil: undefined }),
  })
  .map(
    ({ limit, cursor }): FuzzCase => ({
      routeId: 'licenses' as RouteId,
      flaw: 'a list limit out of range',
      call: { token, query: { limit, ...(cursor === undefined ? {} : { cursor }) } },
    }),
  );

const badRequest = fc.oneof(noSession, unknownField, notJson, unknownIds, badListQuery);

const isProblem = (answer: ApiAnswer): boolean =>
  answer.status >= 400 &&
  answer.status < 500 &&
  (answer.headers['content-type'] ?? '').includes('application/problem+json') &&
  /^[A-Z][A-Z_]+$/.test(String(answer.body?.code)) &&
  answer.body?.status === answer.status &&
  !/\bat .+\.(ts|js|mjs):\d+/.test(JSON.stringify(answer.body));

describe('HTTP fuzzing through the route table', () => {
  it(
    `answers ${RUNS} bad requests with 4xx problems`,
    async () => {
      // Arrange
      const statuses = new Map<number, number>();

      // Act / Assert
      await fc.assert(
        fc.asyncProperty(badRequest, async ({ routeId, call }) => {
          const answer = await callRoute(routeId, call);
          statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
          return isProblem(answer);
        }),
        { numRuns: RUNS, seed: SEED, endOnFailure: true },
      );

      // Every kind of refusal was reached, so no generator silently produced nothing but one status.
      expect([...statuses.keys()].sort()).toEqual(expect.arrayContaining([400, 401, 404]));
    },
    Math.max(120_000, RUNS * 60),
  ); // A safety net for a loaded machine, not a speed requirement.
});
