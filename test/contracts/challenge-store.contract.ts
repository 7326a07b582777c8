import type { Challenge } from '../../functions/domain/challenge';
import type { ChallengeStore } from '../../functions/ports/auth-records';
import { uniqueId } from './ids';

const challengeWith = (changes: Partial<Challenge> = {}): Challenge => ({
  challengeId: uniqueId('ch'),
  email: 'ann@example.com',
  userId: 'usr_ann',
  method: 'SMS',
  codeHash: 'hash-1',
  expiresAt: '2026-01-01T00:05:00.000Z',
  wrongAttempts: 0,
  resends: 0,
  lastSentAt: '2026-01-01T00:00:00.000Z',
  ...changes,
});

/** What {@link ChallengeStore} promises, for any implementation `make` returns. */
export const describeChallengeStoreContract = (
  name: string,
  make: () => Promise<{ store: ChallengeStore }>,
) => {
  describe(`ChallengeStore contract: ${name}`, () => {
    let store: ChallengeStore;
    beforeEach(async () => {
      ({ store } = await make());
    });

    it('returns a created challenge, and null for an unknown one', async () => {
      // Arrange
      const challenge = challengeWith();

      // Act
      await store.create(challenge);

      // Assert
      expect(await store.get(challenge.challengeId)).toEqual(challenge);
      expect(await store.get('unknown')).toBeNull();
    });

    it('never overwrites a challenge with the same id', async () => {
      // Arrange
      const challenge = challengeWith();
      await store.create(challenge);

      // Act
      const again = store.create({ ...challenge, codeHash: 'other' });

      // Assert
      await expect(again).rejects.toMatchObject({ name: 'ConditionalCheckFailedException' });
      expect((await store.get(challenge.challengeId))?.codeHash).toBe('hash-1');
    });

    it('counts wrong attempts up to the limit, then answers null', async () => {
      // Arrange
      const challenge = challengeWith();
      await store.create(challenge);

      // Act
      const counts = [];
      for (let i = 0; i < 4; i++) counts.push(await store.recordWrongAttempt(challenge.challengeId, 3));

      // Assert
      expect(counts).toEqual([1, 2, 3, null]);
      expect(await store.recordWrongAttempt('unknown', 3)).toBeNull();
    });

    it('never lets concurrent wrong attempts pass the limit', async () => {
      // Arrange
      const challenge = challengeWith();
      await store.create(challenge);

      // Act
      const counts = await Promise.all(
        [1, 2, 3, 4, 5, 6].map(() => store.recordWrongAttempt(challenge.challengeId, 3)),
      );

      // Assert
      expect(counts.filter((count) => count !== null).sort()).toEqual([1, 2, 3]);
    });

    it('is consumed once', async () => {
      // Arrange
      const challenge = challengeWith();
      await store.create(challenge);

      // Act
      const first = await store.consume(challenge.challengeId);
      const second = await store.consume(challenge.challengeId);

      // Assert
      expect([first, second]).toEqual([true, false]);
      expect(await store.get(challenge.challengeId)).toBeNull();
    });

    it('swaps in a new code while the resend rules hold', async () => {
      // Arrange
      const challenge = challengeWith();
      await store.create(challenge);
      const update = {
        codeHash: 'hash-2',
        expiresAt: '2026-01-01T00:06:00.000Z',
        sentAt: '2026-01-01T00:01:00.000Z',
      };

      // Act
      const replaced = await store.replaceCode(challenge.challengeId, update, {
        maxResends: 1,
        notSentAfter: '2026-01-01T00:00:30.000Z',
      });

      // Assert
      expect(replaced).toBe(true);
      expect(await store.get(challenge.challengeId)).toEqual({
        ...challenge,
        codeHash: 'hash-2',
        expiresAt: update.expiresAt,
        lastSentAt: update.sentAt,
        resends: 1,
      });
    });

    it('keeps the code when resends are used up, the last send is too recent, or the challenge is gone', async () => {
      // Arrange
      const usedUp = challengeWith({ resends: 2 });
      const recent = challengeWith({ lastSentAt: '2026-01-01T00:00:45.000Z' });
      await store.create(usedUp);
      await store.create(recent);
      const update = {
        codeHash: 'hash-2',
        expiresAt: '2026-01-01T00:06:00.000Z',
        sentAt: '2026-01-01T00:01:00.000Z',
      };
      const rules = { maxResends: 2, notSentAfter: '2026-01-01T00:00:30.000Z' };

      // Act
      const answers = [
        await store.replaceCode(usedUp.challengeId, update, rules),
        await store.replaceCode(recent.challengeId, update, rules),
        await store.replaceCode('unknown', update, rules),
      ];

      // Assert
      expect(answers).toEqual([false, false, false]);
      expect(await store.get(usedUp.challengeId)).toEqual(usedUp);
      expect(await store.get(recent.challengeId)).toEqual(recent);
    });

    it('never swaps a code into a challenge that was never sent one (TOTP)', async () => {
      // Arrange
      const { codeHash: _hash, lastSentAt: _sent, ...totp } = challengeWith({ method: 'TOTP' });
      await store.create(totp);
      const update = {
        codeHash: 'hash-2',
        expiresAt: '2026-01-01T00:06:00.000Z',
        sentAt: '2026-01-01T00:01:00.000Z',
      };

      // Act
      const replaced = await store.replaceCode(totp.challengeId, update, {
        maxResends: 3,
        notSentAfter: '2026-01-01T00:00:30.000Z',
      });

      // Assert
      expect(replaced).toBe(false);
      expect(await store.get(totp.challengeId)).toEqual(totp);
    });
  });
};
