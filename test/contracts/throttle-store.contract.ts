import type { ThrottleStore } from '../../functions/ports/auth-records';
import { uniqueId } from './ids';

/** What {@link ThrottleStore} promises, for any implementation `make` returns. */
export const describeThrottleStoreContract = (
  name: string,
  make: () => Promise<{ store: ThrottleStore }>,
) => {
  describe(`ThrottleStore contract: ${name}`, () => {
    let store: ThrottleStore;
    beforeEach(async () => {
      ({ store } = await make());
    });

    it('counts no failures for a new subject', async () => {
      // Act
      const count = await store.get(uniqueId('subject'));

      // Assert
      expect(count).toEqual({ failures: 0 });
    });

    it('writes what the change returns, and reports what it saw', async () => {
      // Arrange
      const subject = uniqueId('subject');
      await store.update(subject, () => ({ failures: 1 }));

      // Act
      const result = await store.update(subject, (current) => ({
        failures: current.failures + 1,
        blockedUntil: '2026-01-01T00:01:00.000Z',
      }));

      // Assert
      expect(result).toEqual({
        before: { failures: 1 },
        after: { failures: 2, blockedUntil: '2026-01-01T00:01:00.000Z' },
      });
      expect(await store.get(subject)).toEqual({ failures: 2, blockedUntil: '2026-01-01T00:01:00.000Z' });
    });

    it('leaves the counter alone when the change returns null', async () => {
      // Arrange
      const subject = uniqueId('subject');
      await store.update(subject, () => ({ failures: 3 }));

      // Act
      const result = await store.update(subject, () => null);

      // Assert
      expect(result).toEqual({ before: { failures: 3 }, after: null });
      expect(await store.get(subject)).toEqual({ failures: 3 });
    });

    it('drops a block the change no longer returns', async () => {
      // Arrange
      const subject = uniqueId('subject');
      await store.update(subject, () => ({ failures: 5, blockedUntil: '2026-01-01T00:01:00.000Z' }));

      // Act
      await store.update(subject, () => ({ failures: 4 }));

      // Assert
      expect(await store.get(subject)).toEqual({ failures: 4 });
    });

    it('loses no increment among concurrent updates', async () => {
      // Arrange
      const subject = uniqueId('subject');

      // Act
      await Promise.all(
        [1, 2, 3, 4, 5].map(() => store.update(subject, (current) => ({ failures: current.failures + 1 }))),
      );

      // Assert
      expect(await store.get(subject)).toEqual({ failures: 5 });
    });

    it('forgets the subject on reset', async () => {
      // Arrange
      const subject = uniqueId('subject');
      await store.update(subject, () => ({ failures: 4, blockedUntil: '2026-01-01T00:01:00.000Z' }));

      // Act
      await store.reset(subject);

      // Assert
      expect(await store.get(subject)).toEqual({ failures: 0 });
    });
  });
};
