import { createDocumentClient } from '../../functions/adapters/dynamodb/client';
import { formatActivationCode } from '../../functions/domain/activation-code';
import { userIdFor } from '../../functions/domain/identity';
import type { LicenseRecord } from '../../functions/domain/license';
import { config, licenseStore, workspaceStore } from '../../functions/wiring';
import { callRoute } from '../support/api';
import { type AuthHarness, createAuthHarness } from '../support/auth-harness';
import { FixtureBuilder, loadIntoTable } from '../support/fixtures';
import { licenseImportStore } from '../support/license-import';

const DAY = 24 * 3600 * 1000;
let h: AuthHarness;
let ann: string;
let annToken: string;
let bobToken: string;

/** A code from the alphabet, unique per number (the data file refuses two licenses sharing a code). */
const codeFor = (n: number) =>
  `ABCDEFGHJKMNPQR${[...String(n).padStart(5, '0')].map((digit) => '23456789AB'[Number(digit)]).join('')}`;

const license = (
  id: string,
  workspaceId: string | null,
  daysLeft: number,
  extra: Partial<LicenseRecord> = {},
) => ({
  licenseId: id,
  workspaceId,
  productCode: 'EPS-CLOUD',
  seats: 10,
  termMonths: 12,
  purchaseChannel: 'ONLINE_STORE' as const,
  purchasedAt: '2025-01-10T00:00:00.000Z',
  startsAt: '2025-01-10T00:00:00.000Z',
  expiresAt: new Date(h.clock.now().getTime() + daysLeft * DAY).toISOString(),
  activationCodeHint: '',
  ...extra,
});

beforeAll(async () => {
  h = await createAuthHarness('2026-11-28T12:00:00.000Z');
  // Passwords of at least 8 characters, as the data file requires.
  const builder = new FixtureBuilder(h.clock.now())
    .user('ann@example.com', { password: 'password-ann' })
    .user('bob@example.com', { password: 'password-bob' })
    .workspace('ws-pl', { name: 'Acme Polska', admins: ['ann@example.com'] })
    .workspace('ws-none', { name: 'No Country Ltd', countryCode: null, admins: ['ann@example.com'] })
    .workspace('ws-bob', { name: 'Bob Corp', admins: ['bob@example.com'] })
    .product('EPS-CLOUD')
    .price('EPS-CLOUD', 'PL', { currency: 'PLN', unitAmount: 12900 });
  for (let n = 0; n < 30; n++) {
    builder.license(`lic-${n}`, {
      workspaceId: 'ws-pl',
      expiresInDays: n * 5 - 20,
      activationCode: codeFor(n),
    });
  }
  builder
    .license('lic-nocountry', { workspaceId: 'ws-none', expiresInDays: 10, activationCode: codeFor(100) })
    .license('lic-bob', { workspaceId: 'ws-bob', expiresInDays: 10, activationCode: codeFor(101) })
    .license('lic-partner', { expiresInDays: 200, purchaseChannel: 'PARTNER', activationCode: codeFor(102) });
  await loadIntoTable(builder.build(), {
    client: createDocumentClient(config().dynamoDbEndpoint),
    tableName: config().tableName,
  });
  ann = userIdFor('ann@example.com');
  annToken = (await callRoute('login', { body: { email: 'ann@example.com', password: 'password-ann' } })).body
    .accessToken;
  bobToken = (await callRoute('login', { body: { email: 'bob@example.com', password: 'password-bob' } })).body
    .accessToken;
});

afterAll(async () => {
  await h.close();
});

describe('GET /v1/licenses', () => {
  it('walks every license of all my workspaces, soonest expiry first, page by page', async () => {
    const seen: string[] = [];
    const expiries: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const answer = await callRoute('licenses', {
        token: annToken,
        query: { limit: '7', ...(cursor ? { cursor } : {}) },
      });
      expect(answer.status).toBe(200);
      seen.push(...answer.body.items.map((l: { licenseId: string }) => l.licenseId));
      expiries.push(...answer.body.items.map((l: { expiresAt: string }) => l.expiresAt));
      cursor = answer.body.nextCursor ?? undefined;
      pages++;
    } while (cursor);

    expect(seen).toHaveLength(31);
    expect(new Set(seen).size).toBe(31);
    expect(seen).not.toContain('lic-bob');
    expect(expiries).toEqual([...expiries].sort());
    expect(pages).toBe(5);
  });

  it('shows the License fields, with days remaining, status and only a hint of the code', async () => {
    const answer = await callRoute('licenses', { token: annToken, query: { limit: '100' } });
    const expired = answer.body.items.find((l: { licenseId: string }) => l.licenseId === 'lic-0');
    const soon = answer.body.items.find((l: { licenseId: string }) => l.licenseId === 'lic-5');
    const active = answer.body.items.find((l: { licenseId: string }) => l.licenseId === 'lic-29');

    expect(expired).toEqual({
      licenseId: 'lic-0',
      workspaceId: 'ws-pl',
      workspaceName: 'Acme Polska',
      productCode: 'EPS-CLOUD',
      productName: 'Endpoint Security Cloud',
      seats: 10,
      termMonths: 12,
      purchaseChannel: 'ONLINE_STORE',
      purchasedAt: '2025-01-10T00:00:00.000Z',
      startsAt: '2025-01-10T00:00:00.000Z',
      expiresAt: '2026-11-08T12:00:00.000Z',
      daysRemaining: 0,
      status: 'EXPIRED',
      activationCodeHint: codeFor(0).slice(-5),
    });
    expect(soon).toMatchObject({ daysRemaining: 5, status: 'EXPIRING_SOON' });
    expect(active).toMatchObject({ daysRemaining: 125, status: 'ACTIVE' });
    expect(JSON.stringify(answer.body)).not.toContain(codeFor(0));
  });

  it.each([
    ['EXPIRED', 5],
    ['EXPIRING_SOON', 6],
    ['ACTIVE', 20],
  ])('filters status %s', async (status, count) => {
    const answer = await callRoute('licenses', { token: annToken, query: { status, limit: '100' } });

    expect(answer.body.items).toHaveLength(count);
    expect(answer.body.items.every((l: { status: string }) => l.status === status)).toBe(true);
  });

  it('filters by one of my workspaces and refuses others as not found', async () => {
    const mine = await callRoute('licenses', { token: annToken, query: { workspaceId: 'ws-none' } });
    const notMine = await callRoute('licenses', { token: annToken, query: { workspaceId: 'ws-bob' } });
    const missing = await callRoute('licenses', { token: annToken, query: { workspaceId: 'ws-nope' } });

    expect(mine.body.items.map((l: { licenseId: string }) => l.licenseId)).toEqual(['lic-nocountry']);
    expect(notMine.status).toBe(404);
    expect(missing.status).toBe(404);
    expect(notMine.body).toEqual(missing.body);
  });

  it.each([
    [{ limit: '0' }, 'query.limit'],
    [{ limit: '101' }, 'query.limit'],
    [{ limit: '100000' }, 'query.limit'],
    [{ limit: 'ten' }, 'query.limit'],
    [{ status: 'SOMETIMES' }, 'query.status'],
    [{ cursor: 'forged' }, 'query.cursor'],
    [{ cursor: 'eyJzayI6IkxJQyMifQ.AAAAAAAAAAAAAAAAAAAAAA' }, 'query.cursor'],
    [{ sort: 'name' }, 'query.sort'],
  ])('answers %o with 400 naming %s', async (query, path) => {
    const answer = await callRoute('licenses', { token: annToken, query });

    expect(answer.status).toBe(400);
    expect(answer.body.code).toBe('VALIDATION_FAILED');
    expect(answer.body.errors.map((e: { path: string }) => e.path)).toContain(path);
  });

  it('refuses a cursor issued to someone else or for another filter', async () => {
    const first = await callRoute('licenses', { token: annToken, query: { limit: '2' } });
    const cursor = first.body.nextCursor;

    const asBob = await callRoute('licenses', { token: bobToken, query: { limit: '2', cursor } });
    const otherFilter = await callRoute('licenses', {
      token: annToken,
      query: { limit: '2', cursor, status: 'ACTIVE' },
    });

    expect(cursor).toEqual(expect.any(String));
    expect(asBob.status).toBe(400);
    expect(otherFilter.status).toBe(400);
  });
});

describe('GET /v1/licenses/{id} and its eligibility', () => {
  it('shows a license with its eligibility and renewals', async () => {
    const answer = await callRoute('license', { token: annToken, params: { licenseId: 'lic-5' } });

    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ licenseId: 'lic-5', workspaceName: 'Acme Polska', renewals: [] });
    expect(answer.body.eligibility).toMatchObject({
      licenseId: 'lic-5',
      eligible: true,
      reasons: [],
      nextSteps: [],
    });
  });

  it('explains every reason in the asked language', async () => {
    const en = await callRoute('license-eligibility', {
      token: annToken,
      params: { licenseId: 'lic-nocountry' },
    });
    const pl = await callRoute('license-eligibility', {
      token: annToken,
      params: { licenseId: 'lic-nocountry' },
      headers: { 'accept-language': 'pl-PL' },
    });

    expect(en.body).toMatchObject({ eligible: false, daysRemaining: 10, nextSteps: ['CONTACT_SUPPORT'] });
    expect(en.body.reasons).toEqual([
      { code: 'WORKSPACE_COUNTRY_MISSING', message: expect.stringContaining('Technical Support') },
    ]);
    expect(pl.body.reasons[0].message).toContain('pomocą techniczną');
  });

  it.each(['license', 'license-eligibility'] as const)(
    '%s: another admin’s license is 404 exactly like a missing one',
    async (route) => {
      const own = await callRoute(route, { token: annToken, params: { licenseId: 'lic-1' } });
      const others = await callRoute(route, { token: annToken, params: { licenseId: 'lic-bob' } });
      const missing = await callRoute(route, { token: annToken, params: { licenseId: 'lic-none' } });
      const unattached = await callRoute(route, { token: annToken, params: { licenseId: 'lic-partner' } });
      const garbage = await callRoute(route, { token: annToken, params: { licenseId: 'x'.repeat(5000) } });
      const anonymous = await callRoute(route, { params: { licenseId: 'lic-1' } });

      expect(own.status).toBe(200);
      expect([others.status, missing.status, unattached.status, garbage.status]).toEqual([
        404, 404, 404, 404,
      ]);
      expect(others.body).toEqual(missing.body);
      expect(anonymous.status).toBe(401);
    },
  );

  it('does the same reads for another admin’s license as for a missing one, so timing does not tell', async () => {
    const reads = () => ({
      license: jest.spyOn(licenseStore(), 'get'),
      membership: jest.spyOn(workspaceStore(), 'getForAdmin'),
    });
    const countReads = async (licenseId: string) => {
      const spies = reads();
      try {
        const answer = await callRoute('license', { token: annToken, params: { licenseId } });
        return [answer.status, spies.license.mock.calls.length, spies.membership.mock.calls.length];
      } finally {
        spies.license.mockRestore();
        spies.membership.mockRestore();
      }
    };

    const others = await countReads('lic-bob');
    const missing = await countReads('lic-none');

    expect(others).toEqual([404, 1, 1]);
    expect(missing).toEqual(others);
  });
});

describe('POST /v1/workspaces/{id}/activation-codes', () => {
  it('attaches a partner license by its code (any case, spaces, dashes), then answers 200 for the same workspace', async () => {
    const typed = ` ${formatActivationCode(codeFor(102)).toLowerCase()} `;

    const first = await callRoute('activation-code', {
      token: annToken,
      params: { workspaceId: 'ws-pl' },
      body: { activationCode: typed },
    });
    const again = await callRoute('activation-code', {
      token: annToken,
      params: { workspaceId: 'ws-pl' },
      body: { activationCode: codeFor(102) },
    });
    const elsewhere = await callRoute('activation-code', {
      token: annToken,
      params: { workspaceId: 'ws-none' },
      body: { activationCode: codeFor(102) },
    });
    const listed = await callRoute('licenses', { token: annToken, query: { limit: '100' } });

    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      licenseId: 'lic-partner',
      workspaceId: 'ws-pl',
      workspaceName: 'Acme Polska',
      activationCodeHint: codeFor(102).slice(-5),
    });
    expect(again.status).toBe(200);
    expect(again.body.licenseId).toBe('lic-partner');
    expect(elsewhere.status).toBe(409);
    expect(elsewhere.body.code).toBe('ACTIVATION_CODE_IN_USE');
    expect(listed.body.items.map((l: { licenseId: string }) => l.licenseId)).toContain('lic-partner');
  });

  it('attaches a license to a workspace of 500 administrators: each of their lists shows it', async () => {
    const crowded = { workspaceId: 'ws-crowded', name: 'Crowded', countryCode: 'PL' };
    const others = Array.from({ length: 499 }, (_, index) => `user-crowd-${index}`);
    await workspaceStore().put(crowded, [ann, ...others]);
    await licenseImportStore().put({ ...license('lic-crowd', null, 40), activationCode: codeFor(777) }, null);

    const attached = await callRoute('activation-code', {
      token: annToken,
      params: { workspaceId: 'ws-crowded' },
      body: { activationCode: codeFor(777) },
    });

    expect(attached.status).toBe(201);
    for (const userId of [ann, ...others]) {
      const list = await licenseStore().listForAdmin(userId, { limit: 100, workspaceId: 'ws-crowded' });
      expect(list.items.map((item) => item.licenseId)).toEqual(['lic-crowd']);
    }
  });

  it('refuses a code attached to another admin’s workspace, unknown and malformed codes', async () => {
    const inUse = await callRoute('activation-code', {
      token: annToken,
      params: { workspaceId: 'ws-pl' },
      body: { activationCode: codeFor(101) },
    });
    const unknown = await callRoute('activation-code', {
      token: annToken,
      params: { workspaceId: 'ws-pl' },
      body: { activationCode: 'ZZZZZ-ZZZZZ-ZZZZZ-ZZZZZ' },
    });
    const malformed = await callRoute('activation-code', {
      token: annToken,
      params: { workspaceId: 'ws-pl' },
      body: { activationCode: 'hello' },
    });
    const notMine = await callRoute('activation-code', {
      token: annToken,
      params: { workspaceId: 'ws-bob' },
      body: { activationCode: codeFor(101) },
    });

    expect(inUse.status).toBe(409);
    expect(unknown.status).toBe(422);
    expect(unknown.body.code).toBe('INVALID_ACTIVATION_CODE');
    expect(malformed.status).toBe(422);
    expect(malformed.body.code).toBe('INVALID_ACTIVATION_CODE');
    expect(notMine.status).toBe(404);
  });

  it('throttles guessing per user', async () => {
    const guess = () =>
      callRoute('activation-code', {
        token: bobToken,
        params: { workspaceId: 'ws-bob' },
        body: { activationCode: 'YYYYY-YYYYY-YYYYY-YYYYY' },
      });
    for (let attempt = 0; attempt < 5; attempt++) expect((await guess()).status).toBe(422);

    const blocked = await guess();

    expect(blocked.status).toBe(429);
    expect(blocked.headers['retry-after']).toBe('30');
  });
});
