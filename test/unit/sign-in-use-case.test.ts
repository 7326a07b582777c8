/** Sign-in edge cases (throttling, codes, SMS limits) over the in-memory fakes. */
import { ManualClock } from '../../functions/domain/clock';
import { logIn, verifyCode } from '../../functions/use-cases/sign-in';
import { createFakes, type Fakes } from '../fakes';
import { fakeAuthDeps } from '../support/fake-deps';
import { FIXTURE_PASSWORD, FixtureBuilder, loadIntoFakes } from '../support/fixtures';

const START = '2026-11-28T10:00:00.000Z';
const PHONE = '+48123456789';

describe('sign-in over the fakes', () => {
  let fakes: Fakes;
  let clock: ManualClock;
  const deps = () => fakeAuthDeps(fakes);
  const logInAs = (email: string, password = FIXTURE_PASSWORD) =>
    logIn(deps(), { email, password }, clock.now());
  const failTimes = async (email: string, times: number) => {
    for (let i = 0; i < times; i++) {
      await expect(logInAs(email, 'wrong password')).rejects.toMatchObject({ code: 'INVALID_CREDENTIALS' });
    }
  };

  beforeEach(async () => {
    fakes = createFakes();
    clock = new ManualClock(START);
    await loadIntoFakes(
      new FixtureBuilder(START)
        .user('plain@example.com')
        .user('sms@example.com', { mfa: { method: 'SMS', phoneNumber: PHONE }, locale: 'pl' })
        .user('sms2@example.com', { mfa: { method: 'SMS', phoneNumber: PHONE } })
        .build(),
      fakes,
    );
  });

  it('blocks an email after five wrong passwords, even the right one, until the block passes', async () => {
    // Arrange
    for (let i = 0; i < 5; i++) {
      await expect(logInAs('plain@example.com', 'wrong password')).rejects.toMatchObject({
        code: 'INVALID_CREDENTIALS',
      });
    }

    // Act
    const blocked = logInAs('plain@example.com');

    // Assert
    await expect(blocked).rejects.toMatchObject({ code: 'TOO_MANY_ATTEMPTS' });
    clock.advance(30_000);
    await expect(logInAs('plain@example.com')).resolves.toMatchObject({ status: 'AUTHENTICATED' });
  });

  it('counts failures for an unknown email as for a known one', async () => {
    // Arrange
    for (let i = 0; i < 5; i++) {
      await expect(logInAs('ghost@example.com', 'whatever')).rejects.toMatchObject({
        code: 'INVALID_CREDENTIALS',
      });
    }

    // Act
    const blocked = logInAs('ghost@example.com', 'whatever');

    // Assert
    await expect(blocked).rejects.toMatchObject({ code: 'TOO_MANY_ATTEMPTS' });
  });

  it('resets the count on a completed sign-in', async () => {
    // Arrange
    await failTimes('plain@example.com', 4);
    await logInAs('plain@example.com');

    // Act
    await failTimes('plain@example.com', 4);
    const fifth = logInAs('plain@example.com', 'wrong password');

    // Assert
    await expect(fifth).rejects.toMatchObject({ code: 'INVALID_CREDENTIALS' });
  });

  it('does not reset the count on a right password that still needs a code', async () => {
    // Arrange
    await failTimes('sms@example.com', 4);
    await expect(logInAs('sms@example.com')).resolves.toMatchObject({ status: 'MFA_REQUIRED' });

    // Act
    await failTimes('sms@example.com', 1);
    const blocked = logInAs('sms@example.com');

    // Assert
    await expect(blocked).rejects.toMatchObject({ code: 'TOO_MANY_ATTEMPTS' });
  });

  it('fails closed when the counter cannot be written for contention', async () => {
    // Arrange
    fakes.throttle.contended = true;

    // Act
    const attempt = logInAs('plain@example.com');

    // Assert
    await expect(attempt).rejects.toMatchObject({ code: 'TOO_MANY_ATTEMPTS' });
  });

  it('signs in with the SMS code once; the same code again finds the challenge gone', async () => {
    // Arrange
    const started = await logInAs('sms@example.com');
    if (started.status !== 'MFA_REQUIRED') throw new Error('expected a challenge');
    const code = fakes.sms.lastCode();

    // Act
    const signedIn = await verifyCode(deps(), { challengeId: started.challengeId, code }, clock.now());
    const again = verifyCode(deps(), { challengeId: started.challengeId, code }, clock.now());

    // Assert
    expect(signedIn).toMatchObject({ status: 'AUTHENTICATED', tokenType: 'Bearer', expiresIn: 3600 });
    expect(fakes.sms.sent).toEqual([{ to: PHONE, text: expect.stringContaining(code) }]);
    await expect(again).rejects.toMatchObject({ code: 'CHALLENGE_EXPIRED' });
  });

  it('counts wrong codes per challenge, then ends it', async () => {
    // Arrange
    const started = await logInAs('sms@example.com');
    if (started.status !== 'MFA_REQUIRED') throw new Error('expected a challenge');
    const right = fakes.sms.lastCode();
    const wrong = right === '000000' ? '111111' : '000000';
    const guess = (code: string) =>
      verifyCode(deps(), { challengeId: started.challengeId, code }, clock.now());

    // Act
    const first = guess(wrong);

    // Assert
    await expect(first).rejects.toMatchObject({ code: 'INVALID_CODE' });
    for (let i = 0; i < 4; i++) await guess(wrong).catch(() => undefined);
    await expect(guess(right)).rejects.toMatchObject({ code: 'CHALLENGE_EXPIRED' });
  });

  it('refuses the right code after the challenge expired', async () => {
    // Arrange
    const started = await logInAs('sms@example.com');
    if (started.status !== 'MFA_REQUIRED') throw new Error('expected a challenge');
    const code = fakes.sms.lastCode();
    clock.advance(5 * 60_000);

    // Act
    const late = verifyCode(deps(), { challengeId: started.challengeId, code }, clock.now());

    // Assert
    await expect(late).rejects.toMatchObject({ code: 'CHALLENGE_EXPIRED' });
  });

  it('stops sending codes to a user past the hourly SMS limit, and sends nothing then', async () => {
    // Arrange
    for (let i = 0; i < 5; i++) {
      await logInAs('sms@example.com');
      clock.advance(60_000);
    }

    // Act
    const sixth = logInAs('sms@example.com');

    // Assert
    await expect(sixth).rejects.toMatchObject({ code: 'SMS_LIMIT_REACHED' });
    expect(fakes.sms.sent).toHaveLength(5);
  });

  it('limits SMS per phone number across users', async () => {
    // Arrange: ten codes to one number, five each for two users sharing it, spread over the day.
    for (let i = 0; i < 5; i++) {
      await logInAs('sms@example.com');
      await logInAs('sms2@example.com');
      clock.advance(61 * 60_000);
    }

    // Act
    const eleventh = logInAs('sms2@example.com');

    // Assert
    await expect(eleventh).rejects.toMatchObject({ code: 'SMS_LIMIT_REACHED' });
    expect(fakes.sms.sent).toHaveLength(10);
  });
});
