/**
 * API keys end to end through the route handlers and DynamoDB Local (PRODUCT.md §6): issued by a
 * signed-in administrator, acting only in their workspace and with their scopes, rate-limited, revoked at
 * once, and every step in the workspace's audit log.
 */
import { createDocumentClient } from '../../functions/adapters/dynamodb/client';
import { config } from '../../functions/wiring';
import { callRoute } from '../support/api';
import { type AuthHarness, createAuthHarness } from '../support/auth-harness';
import { FixtureBuilder, loadIntoTable } from '../support/fixtures';

let h: AuthHarness;
let annToken: string;

const issue = async (scopes: string[], workspaceId = 'ws-keys-pl') =>
  callRoute('api-key-create', {
    token: annToken,
    params: { workspaceId },
    body: { name: `tooling ${scopes.join(',')}`, scopes },
  });

beforeAll(async () => {
  h = await createAuthHarness('2026-11-28T12:00:00.000Z');
  const builder = new FixtureBuilder(h.clock.now())
    .user('kann@example.com', { password: 'password-kann' })
    .user('kbob@example.com', { password: 'password-kbob' })
    .workspace('ws-keys-pl', { name: 'Keys Polska', admins: ['kann@example.com'] })
    .workspace('ws-keys-other', { name: 'Keys Other', admins: ['kann@example.com'] })
    .workspace('ws-keys-bob', { name: 'Keys Bob', admins: ['kbob@example.com'] })
    .product('EPS-CLOUD')
    .price('EPS-CLOUD', 'PL', { currency: 'PLN', unitAmount: 12900 })
    .license('lic-key-1', {
      workspaceId: 'ws-keys-pl',
      expiresInDays: 10,
      activationCode: 'KEYSAAAAAAAAAAAAAAA2',
    })
    .license('lic-key-2', {
      workspaceId: 'ws-keys-other',
      expiresInDays: 10,
      activationCode: 'KEYSAAAAAAAAAAAAAAA3',
    });
  await loadIntoTable(builder.build(), {
    client: createDocumentClient(config().dynamoDbEndpoint),
    tableName: config().tableName,
  });
  annToken = (await callRoute('login', { body: { email: 'kann@example.com', password: 'password-kann' } }))
    .body.accessToken;
});

afterAll(async () => {
  await h.close();
});

describe('API keys', () => {
  it('issues a key whose secret is shown once, and lists it with only its hint', async () => {
    // Act
    const issued = await issue(['licenses:read']);
    const listed = await callRoute('api-keys', { token: annToken, params: { workspaceId: 'ws-keys-pl' } });

    // Assert
    expect(issued.status).toBe(201);
    expect(issued.body.secret).toMatch(/^rhk_[A-Za-z0-9]{42}$/);
    expect(issued.body.hint).toBe(issued.body.secret.slice(-4));
    const entry = listed.body.items.find(
      (key: { apiKeyId: string }) => key.apiKeyId === issued.body.apiKeyId,
    );
    expect(entry).toMatchObject({ scopes: ['licenses:read'], hint: issued.body.hint, revokedAt: null });
    expect(JSON.stringify(listed.body)).not.toContain(issued.body.secret);
  });

  it("lists its own workspace's licenses only, and is refused a checkout without the scope", async () => {
    // Arrange
    const { secret } = (await issue(['licenses:read'])).body;

    // Act
    const licenses = await callRoute('licenses', { token: secret });
    const other = await callRoute('license', { token: secret, params: { licenseId: 'lic-key-2' } });
    const checkout = await callRoute('checkout-create', {
      token: secret,
      params: { licenseId: 'lic-key-1' },
      headers: { 'idempotency-key': 'key-1' },
    });

    // Assert
    expect(licenses.status).toBe(200);
    expect(licenses.body.items.map((item: { licenseId: string }) => item.licenseId)).toEqual(['lic-key-1']);
    expect(licenses.headers['ratelimit-policy']).toBeDefined();
    expect(other.status).toBe(404);
    expect(checkout.status).toBe(403);
    expect(checkout.body).toMatchObject({ code: 'INSUFFICIENT_SCOPE', requiredScope: 'checkouts:write' });
  });

  it('refuses a key on routes about a person (403), and a mistyped key (401)', async () => {
    // Arrange
    const { secret } = (await issue(['licenses:read'])).body;
    const typo = `${secret.slice(0, -1)}${secret.endsWith('a') ? 'b' : 'a'}`;

    // Act
    const me = await callRoute('me', { token: secret });
    const mistyped = await callRoute('licenses', { token: typo });

    // Assert
    expect(me.status).toBe(403);
    expect(me.body.code).toBe('INSUFFICIENT_SCOPE');
    expect(mistyped.status).toBe(401);
    expect(mistyped.body.code).toBe('UNAUTHENTICATED');
  });

  it('starts a checkout owned by the key and emailed to the administrator who issued it', async () => {
    // Arrange
    const issued = (await issue(['checkouts:write'])).body;

    // Act
    const created = await callRoute('checkout-create', {
      token: issued.secret,
      params: { licenseId: 'lic-key-1' },
      headers: { 'idempotency-key': 'key-checkout-1' },
    });
    const followed = await callRoute('checkout', {
      token: issued.secret,
      params: { checkoutId: created.body.checkoutId },
    });

    // Assert
    expect(created.status).toBe(201);
    expect(followed.status).toBe(200);
    expect(followed.body.checkoutId).toBe(created.body.checkoutId);
  });

  it('answers 401 from the next request once the key is revoked, and the audit log shows it all', async () => {
    // Arrange
    const issued = (await issue(['licenses:read'])).body;
    const before = await callRoute('licenses', { token: issued.secret });
    h.clock.advance(1_000);

    // Act
    const revoked = await callRoute('api-key-revoke', {
      token: annToken,
      params: { workspaceId: 'ws-keys-pl', apiKeyId: issued.apiKeyId },
    });
    const after = await callRoute('licenses', { token: issued.secret });
    const again = await callRoute('api-key-revoke', {
      token: annToken,
      params: { workspaceId: 'ws-keys-pl', apiKeyId: issued.apiKeyId },
    });
    const audit = await callRoute('audit-events', {
      token: annToken,
      params: { workspaceId: 'ws-keys-pl' },
      query: { limit: '100' },
    });

    // Assert
    expect(before.status).toBe(200);
    expect(revoked.status).toBe(204);
    expect(after.status).toBe(401);
    expect(again.status).toBe(404);
    const actions = audit.body.items.map((event: { action: string }) => event.action);
    expect(actions[0]).toBe('API_KEY_REVOKED');
    expect(actions).toEqual(
      expect.arrayContaining(['API_KEY_ISSUED', 'API_KEY_REVOKED', 'SIGNED_IN', 'RENEWAL_STARTED']),
    );
    const times = audit.body.items.map((event: { at: string }) => event.at);
    expect(times).toEqual([...times].sort().reverse());
  });

  it('answers 429 RATE_LIMITED past 100 requests in a window, with Retry-After and RateLimit headers', async () => {
    // Arrange
    const { secret } = (await issue(['licenses:read'])).body;
    const allowed = [];
    for (let i = 0; i < 100; i++) allowed.push((await callRoute('workspaces', { token: secret })).status);

    // Act
    const limited = await callRoute('workspaces', { token: secret });

    // Assert
    expect(new Set(allowed)).toEqual(new Set([200]));
    expect(limited.status).toBe(429);
    expect(limited.body.code).toBe('RATE_LIMITED');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.headers['ratelimit-policy']).toBe('"per-key";q=100;w=10');
    expect(limited.headers.ratelimit).toMatch(/^"per-key";r=0;t=\d+$/);
  });

  it("is not another workspace's administrator's to issue, list or audit", async () => {
    // Act
    const issued = await issue(['licenses:read'], 'ws-keys-bob');
    const audit = await callRoute('audit-events', {
      token: annToken,
      params: { workspaceId: 'ws-keys-bob' },
    });

    // Assert
    expect(issued.status).toBe(404);
    expect(audit.status).toBe(404);
  });
});
