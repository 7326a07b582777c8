/** Resending a sign-in SMS code: interval, limit and the code it replaces, over the fakes. */
import { ManualClock } from '../../functions/domain/clock';
import { logIn, resendCode, verifyCode } from '../../functions/use-cases/sign-in';
import { createFakes, type Fakes } from '../fakes';
import { fakeAuthDeps } from '../support/fake-deps';
import { FIXTURE_PASSWORD, FixtureBuilder, loadIntoFakes } from '../support/fixtures';

const START = '2026-11-28T10:00:00.000Z';

describe('SMS code resend over the fakes', () => {
  let fakes: Fakes;
  let clock: ManualClock;
  let challengeId: string;
  const deps = () => fakeAuthDeps(fakes);
  const resend = () => resendCode(deps(), { challengeId }, clock.now());

  beforeEach(async () => {
    fakes = createFakes();
    clock = new ManualClock(START);
    await loadIntoFakes(
      new FixtureBuilder(START)
        .user('sms@example.com', { mfa: { method: 'SMS', phoneNumber: '+48123456789' } })
        .user('totp@example.com', { mfa: { method: 'TOTP', secret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP' } })
        .build(),
      fakes,
    );
    const started = await logIn(
      deps(),
      { email: 'sms@example.com', password: FIXTURE_PASSWORD },
      clock.now(),
    );
    if (started.status !== 'MFA_REQUIRED') throw new Error('expected a challenge');
    challengeId = started.challengeId;
  });

  it('waits 30 seconds between sends', async () => {
    // Arrange
    clock.advance(10_000);

    // Act
    const early = resend();

    // Assert
    await expect(early).rejects.toMatchObject({ code: 'TOO_MANY_ATTEMPTS' });
    expect(fakes.sms.sent).toHaveLength(1);
  });

  it('replaces the code: the old one stops working, the new one signs in', async () => {
    // Arrange
    const oldCode = fakes.sms.lastCode();
    clock.advance(30_000);

    // Act
    const resent = await resend();

    // Assert
    const newCode = fakes.sms.lastCode();
    expect(resent).toMatchObject({ challengeId, resendsRemaining: 2 });
    if (oldCode !== newCode) {
      await expect(verifyCode(deps(), { challengeId, code: oldCode }, clock.now())).rejects.toMatchObject({
        code: 'INVALID_CODE',
      });
    }
    await expect(verifyCode(deps(), { challengeId, code: newCode }, clock.now())).resolves.toMatchObject({
      status: 'AUTHENTICATED',
    });
  });

  it('resends three times at most', async () => {
    // Arrange
    for (let i = 0; i < 3; i++) {
      clock.advance(30_000);
      await resend();
    }
    clock.advance(30_000);

    // Act
    const fourth = resend();

    // Assert
    await expect(fourth).rejects.toMatchObject({ code: 'RESEND_LIMIT_REACHED' });
    expect(fakes.sms.sent).toHaveLength(4);
  });

  it('has nothing to resend for an authenticator-app challenge', async () => {
    // Arrange
    const totp = await logIn(deps(), { email: 'totp@example.com', password: FIXTURE_PASSWORD }, clock.now());
    if (totp.status !== 'MFA_REQUIRED') throw new Error('expected a challenge');

    // Act
    const resent = resendCode(deps(), { challengeId: totp.challengeId }, clock.now());

    // Assert
    await expect(resent).rejects.toMatchObject({ code: 'RESEND_NOT_AVAILABLE' });
  });
});
