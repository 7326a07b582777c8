import type { IdempotencyStore } from '../../functions/ports/idempotency';
import { uniqueId } from './ids';

const NOW = new Date('2026-01-01T12:00:00.000Z');
const later = (seconds: number) => new Date(NOW.getTime() + seconds * 1000);

/** What {@link IdempotencyStore} promises, for any implementation `make` returns. */
export const describeIdempotencyStoreContract = (
  name: string,
  make: () => Promise<{ store: IdempotencyStore }>,
) => {
  describe(`IdempotencyStore contract: ${name}`, () => {
    let store: IdempotencyStore;
    beforeEach(async () => {
      ({ store } = await make());
    });

    it('claims a free key once; a second request finds it in progress with the first hash', async () => {
      // Arrange
      const key = uniqueId('key');

      // Act
      const first = await store.begin(key, 'hash-a', NOW);
      const second = await store.begin(key, 'hash-b', later(1));

      // Assert
      expect(first).toEqual({ kind: 'claimed' });
      expect(second).toEqual({ kind: 'in-progress', requestHash: 'hash-a' });
    });

    it('replays the completed answer, even after the lock would have lapsed', async () => {
      // Arrange
      const key = uniqueId('key');
      await store.begin(key, 'hash-a', NOW);
      const response = { status: 201, body: { checkoutId: 'co_1', nested: { n: 1 } } };

      // Act
      await store.complete(key, response, later(1));
      const replay = await store.begin(key, 'hash-a', later(3600));

      // Assert
      expect(replay).toEqual({ kind: 'completed', requestHash: 'hash-a', response });
    });

    it('frees a released claim for a retry, but never releases a completed answer', async () => {
      // Arrange
      const failed = uniqueId('key');
      const done = uniqueId('key');
      await store.begin(failed, 'hash-a', NOW);
      await store.begin(done, 'hash-a', NOW);
      await store.complete(done, { status: 200, body: null }, NOW);

      // Act
      await store.release(failed);
      await store.release(done);

      // Assert
      expect(await store.begin(failed, 'hash-b', later(1))).toEqual({ kind: 'claimed' });
      expect(await store.begin(done, 'hash-a', later(1))).toMatchObject({ kind: 'completed' });
    });

    it('lets a new request take a claim whose lock lapsed (its request died)', async () => {
      // Arrange
      const key = uniqueId('key');
      await store.begin(key, 'hash-a', NOW);

      // Act
      const held = await store.begin(key, 'hash-b', later(59));
      const taken = await store.begin(key, 'hash-b', later(61));

      // Assert
      expect(held).toEqual({ kind: 'in-progress', requestHash: 'hash-a' });
      expect(taken).toEqual({ kind: 'claimed' });
    });

    it('releases an unknown key without complaint', async () => {
      // Act
      const release = store.release(uniqueId('key'));

      // Assert
      await expect(release).resolves.toBeUndefined();
    });
  });
};
