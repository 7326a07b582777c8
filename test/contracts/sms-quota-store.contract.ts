import type { SmsQuotaStore } from '../../functions/ports/auth-records';
import { uniqueId } from './ids';

const NOW = new Date('2026-01-01T12:00:00.000Z');
const at = (seconds: number) => new Date(NOW.getTime() + seconds * 1000);

/** What {@link SmsQuotaStore} promises, for any implementation `make` returns. */
export const describeSmsQuotaStoreContract = (
  name: string,
  make: () => Promise<{ store: SmsQuotaStore }>,
) => {
  describe(`SmsQuotaStore contract: ${name}`, () => {
    let store: SmsQuotaStore;
    beforeEach(async () => {
      ({ store } = await make());
    });

    it('admits sends up to the limit, then says when the window has room', async () => {
      // Arrange
      const quota = { subject: uniqueId('user'), rule: { maxSends: 2, windowSeconds: 60 } };

      // Act
      const answers = [
        await store.reserve([quota], at(0)),
        await store.reserve([quota], at(10)),
        await store.reserve([quota], at(20)),
        await store.reserve([quota], at(60)),
      ];

      // Assert
      expect(answers).toEqual([
        { reserved: true },
        { reserved: true },
        { retryAfter: 40 },
        { reserved: true },
      ]);
    });

    it('counts nothing on any quota when one of them is full', async () => {
      // Arrange
      const full = { subject: uniqueId('phone'), rule: { maxSends: 1, windowSeconds: 600 } };
      const roomy = { subject: uniqueId('user'), rule: { maxSends: 2, windowSeconds: 600 } };
      await store.reserve([full], at(0));

      // Act
      const refused = await store.reserve([roomy, full], at(1));

      // Assert
      expect(refused).toEqual({ retryAfter: 599 });
      expect(await store.reserve([roomy], at(2))).toEqual({ reserved: true });
      expect(await store.reserve([roomy], at(3))).toEqual({ reserved: true });
      expect(await store.reserve([roomy], at(4))).toEqual({ retryAfter: 598 });
    });

    it('waits for the slowest quota', async () => {
      // Arrange
      const short = { subject: uniqueId('user'), rule: { maxSends: 1, windowSeconds: 60 } };
      const long = { subject: uniqueId('phone'), rule: { maxSends: 1, windowSeconds: 3600 } };
      await store.reserve([short, long], at(0));

      // Act
      const refused = await store.reserve([short, long], at(30));

      // Assert
      expect(refused).toEqual({ retryAfter: 3570 });
    });

    it('never admits more concurrent sends than the limit', async () => {
      // Arrange
      const quota = { subject: uniqueId('user'), rule: { maxSends: 3, windowSeconds: 60 } };

      // Act
      const answers = await Promise.all([1, 2, 3, 4, 5, 6].map(() => store.reserve([quota], at(0))));

      // Assert
      expect(answers.filter((answer) => 'reserved' in answer)).toHaveLength(3);
    });
  });
};
