import type { Session } from '../../functions/domain/session';
import type { SessionStore } from '../../functions/ports/auth-records';
import { uniqueId } from './ids';

/** What {@link SessionStore} promises, for any implementation `make` returns. */
export const describeSessionStoreContract = (name: string, make: () => Promise<{ store: SessionStore }>) => {
  describe(`SessionStore contract: ${name}`, () => {
    let store: SessionStore;
    const session = (): Session => ({
      sessionId: uniqueId('ses'),
      userId: 'usr_ann',
      email: 'ann@example.com',
      locale: 'en',
      createdAt: '2026-01-01T00:00:00.000Z',
      expiresAt: '2026-01-01T01:00:00.000Z',
    });
    beforeEach(async () => {
      ({ store } = await make());
    });

    it('returns a created session until it is revoked', async () => {
      // Arrange
      const created = session();
      await store.create(created);
      const before = await store.get(created.sessionId);

      // Act
      await store.revoke(created.sessionId);

      // Assert
      expect(before).toEqual(created);
      expect(await store.get(created.sessionId)).toBeNull();
    });

    it('revokes an unknown session without complaint', async () => {
      // Act
      const revoke = store.revoke('unknown');

      // Assert
      await expect(revoke).resolves.toBeUndefined();
    });

    it('never overwrites a session with the same id', async () => {
      // Arrange
      const created = session();
      await store.create(created);

      // Act
      const again = store.create({ ...created, userId: 'usr_eve' });

      // Assert
      await expect(again).rejects.toMatchObject({ name: 'ConditionalCheckFailedException' });
      expect((await store.get(created.sessionId))?.userId).toBe('usr_ann');
    });
  });
};
