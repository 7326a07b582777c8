import { createDocumentClient } from '../../functions/adapters/dynamodb/client';
import { config, licenseStore } from '../../functions/wiring';
import { callRoute } from '../support/api';
import { type AuthHarness, createAuthHarness } from '../support/auth-harness';
import { FixtureBuilder, loadIntoTable } from '../support/fixtures';

const DAY = 24 * 3600 * 1000;
const NOW = '2026-11-28T12:00:00.000Z';
let h: AuthHarness;
let ann: string;
let bob: string;

const inDays = (days: number) => new Date(new Date(NOW).getTime() + days * DAY).toISOString();
const license = (workspaceId: string, daysLeft: number, code: string, extra = {}) => ({
  workspaceId,
  purchasedAt: '2025-12-10T00:00:00.000Z',
  startsAt: '2025-12-10T00:00:00.000Z',
  expiresAt: inDays(daysLeft),
  activationCode: code,
  ...extra,
});

beforeAll(async () => {
  h = await createAuthHarness(NOW);
  const data = new FixtureBuilder(NOW)
    .user('ann@example.com', { password: 'password-ann', locale: 'pl' })
    .user('bob@example.com', { password: 'password-bob' })
    .workspace('ws-pl', { name: 'Acme PL', admins: ['ann@example.com', 'bob@example.com'] })
    .workspace('ws-jp', { name: 'Acme JP', countryCode: 'JP', admins: ['ann@example.com'] })
    .product('EPS-CLOUD')
    .price('EPS-CLOUD', 'PL', { currency: 'PLN', unitAmount: 12900 })
    .price('EPS-CLOUD', 'JP', { currency: 'JPY', unitAmount: 4190 })
    .offer('bf', {
      name: 'Black Friday',
      percentOff: 20,
      startsAt: '2026-11-27T00:00:00.000Z',
      endsAt: '2026-11-28T12:30:00.000Z',
      countryCodes: ['PL'],
    })
    .offer('small', {
      name: 'Loyalty',
      percentOff: 5,
      startsAt: '2026-01-01T00:00:00.000Z',
      endsAt: '2027-01-01T00:00:00.000Z',
    })
    .license('lic-pl', license('ws-pl', 12, 'AAAAA-BBBBB-CCCCC-DDDDD'))
    .license('lic-jp', license('ws-jp', -10, 'AAAAA-BBBBB-CCCCC-EEEEE', { seats: 3 }))
    .license('lic-early', license('ws-pl', 45, 'AAAAA-BBBBB-CCCCC-FFFFF'))
    .license('lic-partner', license('ws-pl', 5, 'AAAAA-BBBBB-CCCCC-GGGGG', { purchaseChannel: 'PARTNER' }))
    .license('lic-race', license('ws-pl', 10, 'AAAAA-BBBBB-CCCCC-HHHHH'))
    .license('lic-race-key', license('ws-pl', 10, 'AAAAA-BBBBB-CCCCC-JJJJJ'))
    .build();
  await loadIntoTable(data, {
    client: createDocumentClient(config().dynamoDbEndpoint),
    tableName: config().tableName,
  });
  ann = (await callRoute('login', { body: { email: 'ann@example.com', password: 'password-ann' } })).body
    .accessToken;
  bob = (await callRoute('login', { body: { email: 'bob@example.com', password: 'password-bob' } })).body
    .accessToken;
});

afterAll(async () => {
  await h.close();
});

const createCheckout = (token: string, licenseId: string, key?: string, body?: unknown) =>
  callRoute('checkout-create', {
    token,
    params: { licenseId },
    headers: key ? { 'idempotency-key': key } : {},
    ...(body === undefined ? {} : { body }),
  });

describe('POST /v1/licenses/{id}/checkouts', () => {
  it('quotes in the workspace currency with the best offer and previews the term', async () => {
    const answer = await createCheckout(ann, 'lic-pl', 'key-1');

    expect(answer.status).toBe(201);
    expect(answer.body).toEqual({
      checkoutId: expect.stringMatching(/^co_[0-9a-f]{32}$/),
      licenseId: 'lic-pl',
      workspaceId: 'ws-pl',
      status: 'OPEN',
      redirectUrl: `https://store.renewal-hub.example/checkouts/${answer.body.checkoutId}`,
      expiresAt: '2026-11-28T13:00:00.000Z',
      price: {
        amount: 103200,
        currency: 'PLN',
        countryCode: 'PL',
        listAmount: 129000,
        offer: { offerId: 'bf', name: 'Black Friday', percentOff: 20, endsAt: '2026-11-28T12:30:00.000Z' },
      },
      term: { months: 12, bonusDays: 12, newExpiresAt: '2027-12-10T12:00:00.000Z' },
      createdAt: NOW,
    });
  });

  it('rounds half up in a currency without minor units, and counts an expired license from now', async () => {
    const answer = await createCheckout(ann, 'lic-jp', 'key-jp');

    expect(answer.body.price).toMatchObject({ currency: 'JPY', listAmount: 12570, amount: 11942 });
    expect(answer.body.term).toEqual({ months: 12, bonusDays: 0, newExpiresAt: '2027-11-28T12:00:00.000Z' });
  });

  it('replays the first answer for the same key and request, and refuses the key for another request', async () => {
    const first = await createCheckout(bob, 'lic-early', 'key-early').then(() =>
      createCheckout(ann, 'lic-pl', 'key-2'),
    );
    h.clock.advance(1000);
    const replay = await createCheckout(ann, 'lic-pl', 'key-2');
    const otherLicense = await createCheckout(ann, 'lic-jp', 'key-2');
    const otherUserSameKey = await createCheckout(bob, 'lic-pl', 'key-2');

    expect(replay.status).toBe(201);
    expect(replay.body).toEqual(first.body);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    expect(otherLicense.status).toBe(422);
    expect(otherLicense.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(otherUserSameKey.status).toBe(201);
    expect(otherUserSameKey.body.checkoutId).not.toBe(first.body.checkoutId);
  });

  it('expires the open checkout when a new one is started for the same license', async () => {
    const older = await createCheckout(ann, 'lic-pl', 'key-old');
    const newer = await createCheckout(ann, 'lic-pl', 'key-new');

    const olderNow = await callRoute('checkout', {
      token: ann,
      params: { checkoutId: older.body.checkoutId },
    });
    const newerNow = await callRoute('checkout', {
      token: ann,
      params: { checkoutId: newer.body.checkoutId },
    });

    expect(olderNow.body.status).toBe('EXPIRED');
    expect(newerNow.body.status).toBe('OPEN');
    expect((await licenseStore().get('lic-pl'))?.openCheckoutId).toBe(newer.body.checkoutId);
  });

  it('refuses an ineligible license with every reason, in the asked language', async () => {
    const answer = await callRoute('checkout-create', {
      token: ann,
      params: { licenseId: 'lic-partner' },
      headers: { 'idempotency-key': 'key-partner' },
    });
    const early = await createCheckout(ann, 'lic-early', 'key-early-ann');

    expect(answer.status).toBe(409);
    expect(answer.body.code).toBe('NOT_ELIGIBLE');
    expect(answer.body.reasons).toEqual([
      { code: 'PURCHASED_FROM_PARTNER', message: expect.stringContaining('partner') },
    ]);
    expect(answer.body.nextSteps).toEqual(['CONTACT_PARTNER']);
    expect(early.body.reasons[0].code).toBe('NOT_IN_RENEWAL_WINDOW');
  });

  it('needs an Idempotency-Key, a session, and a license I administer', async () => {
    const noKey = await createCheckout(ann, 'lic-pl');
    const anonymous = await callRoute('checkout-create', {
      params: { licenseId: 'lic-pl' },
      headers: { 'idempotency-key': 'k' },
    });
    const notMine = await createCheckout(bob, 'lic-jp', 'key-bob-jp');
    const missing = await createCheckout(bob, 'lic-nope', 'key-bob-nope');

    expect(noKey.status).toBe(400);
    expect(noKey.body.code).toBe('IDEMPOTENCY_KEY_REQUIRED');
    expect(anonymous.status).toBe(401);
    expect(notMine.status).toBe(404);
    expect(notMine.body).toEqual(missing.body);
  });

  it('keeps the quote after the offer ends, and reads EXPIRED once the checkout lapses', async () => {
    const created = await createCheckout(bob, 'lic-pl', 'key-lapse');
    h.clock.advance(45 * 60 * 1000);
    const afterOfferEnded = await callRoute('checkout', {
      token: bob,
      params: { checkoutId: created.body.checkoutId },
    });
    // A fresh session: the first one also ends at the 60-minute mark.
    const later = (await callRoute('login', { body: { email: 'bob@example.com', password: 'password-bob' } }))
      .body;
    h.clock.advance(15 * 60 * 1000);
    const lapsed = await callRoute('checkout', {
      token: later.accessToken,
      params: { checkoutId: created.body.checkoutId },
    });
    h.clock.set(NOW);

    expect(afterOfferEnded.body.price.amount).toBe(103200);
    expect(afterOfferEnded.body.status).toBe('OPEN');
    expect(lapsed.body.status).toBe('EXPIRED');
  });
});

describe('POST /v1/licenses/{id}/checkouts under concurrency', () => {
  const BURST = 20;
  const statusOf = async (checkoutId: string) =>
    (await callRoute('checkout', { token: ann, params: { checkoutId } })).body.status;

  it('answers the losers of a race between different keys 409 CONCURRENT_UPDATE with Retry-After', async () => {
    const keys = Array.from({ length: BURST }, (_, i) => `race-${i}`);

    const answers = await Promise.all(keys.map((key) => createCheckout(ann, 'lic-race', key)));

    const created = answers.filter((a) => a.status === 201);
    const lost = answers.filter((a) => a.status !== 201);
    // Every request either created a checkout or lost the race; none gets the same-key code.
    expect(created.length + lost.length).toBe(BURST);
    expect(created.length).toBeGreaterThanOrEqual(1);
    for (const answer of lost) {
      expect(answer.status).toBe(409);
      expect(answer.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(answer.headers['retry-after']).toBe('1');
      expect(answer.body).toMatchObject({ code: 'CONCURRENT_UPDATE', retryAfter: 1 });
    }
    // A request that read the license after a winner committed legitimately replaces it (as a later
    // checkout does): whatever the interleaving, exactly one checkout is OPEN, the license's.
    const statuses = await Promise.all(created.map((a) => statusOf(a.body.checkoutId)));
    const open = created.filter((_, i) => statuses[i] === 'OPEN');
    expect(open).toHaveLength(1);
    expect(statuses.filter((s) => s !== 'OPEN').every((s) => s === 'EXPIRED')).toBe(true);
    expect((await licenseStore().get('lic-race'))?.openCheckoutId).toBe(open[0]?.body.checkoutId);
  });

  it('creates one checkout for one key sent many times at once', async () => {
    const answers = await Promise.all(
      Array.from({ length: BURST }, () => createCheckout(ann, 'lic-race-key', 'race-same-key')),
    );

    const created = answers.filter((a) => a.status === 201);
    const inFlight = answers.filter((a) => a.status !== 201);
    expect(created.length).toBeGreaterThanOrEqual(1);
    expect(new Set(created.map((a) => a.body.checkoutId)).size).toBe(1);
    for (const answer of created) expect(answer.body).toEqual(created[0]?.body);
    for (const answer of inFlight) {
      expect(answer.status).toBe(409);
      expect(answer.body.code).toBe('IDEMPOTENCY_KEY_IN_PROGRESS');
    }
    expect((await licenseStore().get('lic-race-key'))?.openCheckoutId).toBe(created[0]?.body.checkoutId);
    expect(await statusOf(created[0]?.body.checkoutId)).toBe('OPEN');
  });
});

describe('Idempotency-Key and body of POST /v1/licenses/{id}/checkouts', () => {
  it('refuses a key over 255 characters or outside printable ASCII as VALIDATION_FAILED', async () => {
    const longest = await createCheckout(bob, 'lic-jp', 'k'.repeat(255));
    const tooLong = await createCheckout(ann, 'lic-pl', 'k'.repeat(256));
    const withSpace = await createCheckout(ann, 'lic-pl', 'key with space');
    const nonAscii = await createCheckout(ann, 'lic-pl', 'klucz-żółw');
    const empty = await callRoute('checkout-create', {
      token: ann,
      params: { licenseId: 'lic-pl' },
      headers: { 'idempotency-key': '' },
    });

    expect(longest.status).toBe(404); // a valid key: the request goes on (lic-jp is not bob's)
    for (const answer of [tooLong, withSpace, nonAscii]) {
      expect(answer.status).toBe(400);
      expect(answer.body.code).toBe('VALIDATION_FAILED');
      expect(answer.body.errors).toEqual([{ path: 'headers.idempotency-key', message: expect.any(String) }]);
    }
    expect(empty.status).toBe(400);
    expect(empty.body.code).toBe('IDEMPOTENCY_KEY_REQUIRED');
  });

  it('treats no body and {} as the same request', async () => {
    const noBody = await createCheckout(ann, 'lic-jp', 'key-body');
    const emptyObject = await createCheckout(ann, 'lic-jp', 'key-body', {});
    const spaced = await callRoute('checkout-create', {
      token: ann,
      params: { licenseId: 'lic-jp' },
      headers: { 'idempotency-key': 'key-body' },
      rawBody: ' { } ',
    });

    expect(noBody.status).toBe(201);
    expect(emptyObject.status).toBe(201);
    expect(emptyObject.body).toEqual(noBody.body);
    expect(spaced.status).toBe(201);
    expect(spaced.body.checkoutId).toBe(noBody.body.checkoutId);
  });
});

describe('GET /v1/checkouts/{id}', () => {
  it('shows a checkout to the administrator who started it only', async () => {
    const created = await createCheckout(ann, 'lic-jp', 'key-owner');

    const own = await callRoute('checkout', { token: ann, params: { checkoutId: created.body.checkoutId } });
    const otherAdmin = await callRoute('checkout', {
      token: bob,
      params: { checkoutId: created.body.checkoutId },
    });
    const missing = await callRoute('checkout', { token: bob, params: { checkoutId: 'co_nope' } });

    expect(own.status).toBe(200);
    expect(own.body.checkoutId).toBe(created.body.checkoutId);
    expect(otherAdmin.status).toBe(404);
    expect(otherAdmin.body).toEqual(missing.body);
  });
});
