import type { User } from '../../functions/domain/user';
import type { UserStore } from '../../functions/ports/users';
import { uniqueId } from './ids';

const userWith = (changes: Partial<User> = {}): User => {
  const email = `${uniqueId('user')}@example.com`;
  return {
    userId: `usr_${email}`,
    email,
    passwordHash: 'hash',
    locale: 'en',
    mfa: { method: 'NONE' },
    ...changes,
  };
};

/** What {@link UserStore} promises, for any implementation `make` returns. */
export const describeUserStoreContract = (name: string, make: () => Promise<{ store: UserStore }>) => {
  describe(`UserStore contract: ${name}`, () => {
    let store: UserStore;
    beforeEach(async () => {
      ({ store } = await make());
    });

    it('finds nobody under an unknown email', async () => {
      // Act
      const user = await store.findByEmail('nobody@example.com');

      // Assert
      expect(user).toBeNull();
    });

    it('returns a put user as it was put, and put replaces', async () => {
      // Arrange
      const user = userWith();
      await store.put(user);

      // Act
      await store.put({ ...user, locale: 'pl' });

      // Assert
      expect(await store.findByEmail(user.email)).toEqual({ ...user, locale: 'pl' });
    });

    it('accepts each TOTP step once, and never an earlier one', async () => {
      // Arrange
      const user = userWith({ mfa: { method: 'TOTP', secret: 'JBSWY3DPEHPK3PXP' } });
      await store.put(user);

      // Act
      const answers = [
        await store.useTotpStep(user.email, 100),
        await store.useTotpStep(user.email, 100),
        await store.useTotpStep(user.email, 99),
        await store.useTotpStep(user.email, 101),
      ];

      // Assert
      expect(answers).toEqual([true, false, false, true]);
      expect((await store.findByEmail(user.email))?.lastTotpStep).toBe(101);
    });

    it('accepts no TOTP step of an unknown user', async () => {
      // Act
      const accepted = await store.useTotpStep('nobody@example.com', 1);

      // Assert
      expect(accepted).toBe(false);
    });

    it('accepts only one of concurrent uses of the same step', async () => {
      // Arrange
      const user = userWith();
      await store.put(user);

      // Act
      const answers = await Promise.all([1, 2, 3, 4].map(() => store.useTotpStep(user.email, 7)));

      // Assert
      expect(answers.filter(Boolean)).toHaveLength(1);
    });

    it('sets the second factor and forgets a pending enrolment and a step-up code', async () => {
      // Arrange
      const user = userWith();
      await store.put(user);
      await store.setPendingEnrolment(user.email, {
        method: 'TOTP',
        secret: 'JBSWY3DPEHPK3PXP',
        expiresAt: '2026-01-01T00:10:00.000Z',
      });
      await store.setStepUpCode(user.email, {
        codeHash: 'h',
        sentAt: '2026-01-01T00:00:00.000Z',
        expiresAt: '2026-01-01T00:05:00.000Z',
      });

      // Act
      await store.setMfa(user.email, { method: 'SMS', phoneNumber: '+48123456789' });

      // Assert
      expect(await store.findByEmail(user.email)).toEqual({
        ...user,
        mfa: { method: 'SMS', phoneNumber: '+48123456789' },
      });
    });

    it('sets and clears a pending enrolment and a step-up code', async () => {
      // Arrange
      const user = userWith();
      await store.put(user);
      const pending = {
        method: 'SMS' as const,
        phoneNumber: '+48123456789',
        codeHash: 'h',
        sentAt: '2026-01-01T00:00:00.000Z',
        expiresAt: '2026-01-01T00:05:00.000Z',
      };
      const stepUp = { codeHash: 'h2', sentAt: pending.sentAt, expiresAt: pending.expiresAt };

      // Act
      await store.setPendingEnrolment(user.email, pending);
      await store.setStepUpCode(user.email, stepUp);
      const set = await store.findByEmail(user.email);
      await store.setPendingEnrolment(user.email, null);
      await store.setStepUpCode(user.email, null);
      const cleared = await store.findByEmail(user.email);

      // Assert
      expect(set).toEqual({ ...user, pendingEnrolment: pending, stepUpCode: stepUp });
      expect(cleared).toEqual(user);
    });

    it('refuses to change the second factor of an unknown user', async () => {
      // Act
      const change = store.setMfa('nobody@example.com', { method: 'NONE' });

      // Assert
      await expect(change).rejects.toMatchObject({ name: 'ConditionalCheckFailedException' });
    });

    it('forgets the last TOTP step when the user is put again without it (a re-import)', async () => {
      // Arrange
      const user = userWith();
      await store.put(user);
      await store.useTotpStep(user.email, 50);

      // Act
      await store.put(user);

      // Assert
      expect(await store.useTotpStep(user.email, 10)).toBe(true);
    });
  });
};
