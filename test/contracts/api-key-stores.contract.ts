import type { ApiKey } from '../../functions/domain/api-key';
import { newAuditEvent } from '../../functions/domain/audit-event';
import type { ApiKeyStore } from '../../functions/ports/api-keys';
import type { AuditLog } from '../../functions/ports/audit-log';
import type { RateLimitStore } from '../../functions/ports/rate-limits';
import { uniqueId } from './ids';

const apiKey = (workspaceId: string, createdAt: string): ApiKey => ({
  apiKeyId: uniqueId('key'),
  workspaceId,
  name: 'billing sync',
  scopes: ['licenses:read'],
  createdAt,
  createdByUserId: 'usr_ann',
  createdBy: 'ann@example.com',
  createdByLocale: 'en',
  expiresAt: null,
  lastUsedAt: null,
  revokedAt: null,
  secretHash: 'a'.repeat(64),
  hint: 'wxyz',
});

/** What {@link ApiKeyStore} promises, for any implementation `make` returns. */
export const describeApiKeyStoreContract = (name: string, make: () => Promise<{ store: ApiKeyStore }>) => {
  describe(`ApiKeyStore contract: ${name}`, () => {
    let store: ApiKeyStore;
    beforeEach(async () => {
      ({ store } = await make());
    });

    it("lists a workspace's keys newest first, and no other workspace's", async () => {
      // Arrange
      const workspaceId = uniqueId('ws');
      const older = apiKey(workspaceId, '2026-01-01T00:00:00.000Z');
      const newer = apiKey(workspaceId, '2026-01-02T00:00:00.000Z');
      await store.create(older);
      await store.create(newer);
      await store.create(apiKey(uniqueId('ws'), '2026-01-03T00:00:00.000Z'));

      // Act
      const listed = await store.listForWorkspace(workspaceId);

      // Assert
      expect(listed).toEqual([newer, older]);
      expect(await store.get(older.apiKeyId)).toEqual(older);
    });

    it('revokes once, only in its own workspace', async () => {
      // Arrange
      const key = apiKey(uniqueId('ws'), '2026-01-01T00:00:00.000Z');
      await store.create(key);
      const at = new Date('2026-02-01T00:00:00.000Z');

      // Act
      const elsewhere = await store.revoke(uniqueId('ws'), key.apiKeyId, at);
      const revoked = await store.revoke(key.workspaceId, key.apiKeyId, at);
      const again = await store.revoke(key.workspaceId, key.apiKeyId, new Date('2026-03-01T00:00:00.000Z'));

      // Assert
      expect(elsewhere).toBeNull();
      expect(revoked).toEqual({ ...key, revokedAt: at.toISOString() });
      expect(again).toBeNull();
      expect((await store.get(key.apiKeyId))?.revokedAt).toBe(at.toISOString());
    });

    it('records a use only when the last one is older than notBefore', async () => {
      // Arrange
      const key = apiKey(uniqueId('ws'), '2026-01-01T00:00:00.000Z');
      await store.create(key);
      const first = new Date('2026-01-05T10:00:00.000Z');

      // Act
      await store.recordUse(key.apiKeyId, first, new Date('2026-01-05T09:59:00.000Z'));
      await store.recordUse(
        key.apiKeyId,
        new Date('2026-01-05T10:00:30.000Z'),
        new Date('2026-01-05T09:59:30.000Z'),
      );
      const afterSecond = (await store.get(key.apiKeyId))?.lastUsedAt;
      await store.recordUse(
        key.apiKeyId,
        new Date('2026-01-05T10:01:05.000Z'),
        new Date('2026-01-05T10:00:05.000Z'),
      );

      // Assert
      expect(afterSecond).toBe(first.toISOString());
      expect((await store.get(key.apiKeyId))?.lastUsedAt).toBe('2026-01-05T10:01:05.000Z');
    });

    it('never overwrites a key with the same id', async () => {
      // Arrange
      const key = apiKey(uniqueId('ws'), '2026-01-01T00:00:00.000Z');
      await store.create(key);

      // Act
      const again = store.create({ ...key, name: 'other' });

      // Assert
      await expect(again).rejects.toMatchObject({ name: 'ConditionalCheckFailedException' });
      expect((await store.get(key.apiKeyId))?.name).toBe('billing sync');
    });
  });
};

/** What {@link RateLimitStore} promises. */
export const describeRateLimitStoreContract = (
  name: string,
  make: () => Promise<{ store: RateLimitStore }>,
) => {
  describe(`RateLimitStore contract: ${name}`, () => {
    let store: RateLimitStore;
    beforeEach(async () => {
      ({ store } = await make());
    });

    it('allows `limit` hits in a window, refuses the next, and opens again in the next window', async () => {
      // Arrange
      const subject = uniqueId('key');
      const rule = { limit: 3, windowSeconds: 10 };
      const at = new Date('2026-01-01T00:00:04.000Z');

      // Act
      const hits = [];
      for (let i = 0; i < 4; i++) hits.push(await store.hit(subject, rule, at));
      const nextWindow = await store.hit(subject, rule, new Date('2026-01-01T00:00:10.000Z'));

      // Assert
      expect(hits).toEqual([
        { allowed: true, remaining: 2, resetSeconds: 6 },
        { allowed: true, remaining: 1, resetSeconds: 6 },
        { allowed: true, remaining: 0, resetSeconds: 6 },
        { allowed: false, remaining: 0, resetSeconds: 6 },
      ]);
      expect(nextWindow).toEqual({ allowed: true, remaining: 2, resetSeconds: 10 });
    });

    it('never lets concurrent hits past the limit', async () => {
      // Arrange
      const subject = uniqueId('key');
      const rule = { limit: 5, windowSeconds: 60 };
      const at = new Date('2026-01-01T00:00:00.000Z');

      // Act
      const hits = await Promise.all(Array.from({ length: 20 }, () => store.hit(subject, rule, at)));

      // Assert
      expect(hits.filter((hit) => hit.allowed)).toHaveLength(5);
    });
  });
};

/** What {@link AuditLog} promises. */
export const describeAuditLogContract = (name: string, make: () => Promise<{ log: AuditLog }>) => {
  describe(`AuditLog contract: ${name}`, () => {
    let log: AuditLog;
    beforeEach(async () => {
      ({ log } = await make());
    });

    const event = (workspaceId: string, at: string) =>
      newAuditEvent({
        workspaceId,
        action: 'API_KEY_ISSUED',
        at,
        actor: { type: 'USER', id: 'usr_ann', email: 'ann@example.com' },
      });

    it('pages events newest first, and says when there is no next page', async () => {
      // Arrange
      const workspaceId = uniqueId('ws');
      const events = ['01', '02', '03'].map((day) => event(workspaceId, `2026-01-${day}T00:00:00.000Z`));
      for (const each of events) await log.append(each);
      await log.append(event(uniqueId('ws'), '2026-01-04T00:00:00.000Z'));

      // Act
      const first = await log.list(workspaceId, { limit: 2 });
      const second = await log.list(workspaceId, { limit: 2, after: first.last });

      // Assert
      expect(first).toEqual({ items: [events[2], events[1]], last: events[1]?.eventId });
      expect(second).toEqual({ items: [events[0]] });
    });

    it('appends many events at once, more than one batch of them', async () => {
      // Arrange
      const workspaceIds = Array.from({ length: 30 }, () => uniqueId('ws'));
      const events = workspaceIds.map((workspaceId) => event(workspaceId, '2026-01-01T00:00:00.000Z'));

      // Act
      await log.appendMany(events);

      // Assert
      for (const each of events) {
        expect((await log.list(each.workspaceId, { limit: 10 })).items).toEqual([each]);
      }
    });

    it('keeps the first of two appends with the same eventId', async () => {
      // Arrange
      const workspaceId = uniqueId('ws');
      const original = event(workspaceId, '2026-01-01T00:00:00.000Z');
      await log.append(original);

      // Act
      await log.append({ ...original, action: 'API_KEY_REVOKED' });

      // Assert
      expect((await log.list(workspaceId, { limit: 10 })).items).toEqual([original]);
    });
  });
};
