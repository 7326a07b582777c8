/** Turning 2FA on and off (enrolment, step-up codes, wrong codes), through the use case over the fakes. */
import { ManualClock } from '../../functions/domain/clock';
import { userIdFor } from '../../functions/domain/identity';
import type { Session } from '../../functions/domain/session';
import { totpCodeAt } from '../../functions/domain/totp';
import {
  confirmSmsEnrolment,
  confirmTotpEnrolment,
  disableMfa,
  sendStepUpCode,
  startSmsEnrolment,
  startTotpEnrolment,
} from '../../functions/use-cases/mfa-settings';
import { acceptTotpCode } from '../../functions/use-cases/sign-in';
import { createFakes, type Fakes } from '../fakes';
import { fakeAuthDeps } from '../support/fake-deps';
import { FixtureBuilder, loadIntoFakes } from '../support/fixtures';

const START = '2026-11-28T10:00:00.000Z';
const PHONE = '+48123456789';
const sessionOf = (email: string): Session => ({
  sessionId: `ses-${email}`,
  userId: userIdFor(email),
  email,
  locale: 'en',
  createdAt: START,
  expiresAt: START,
});
const PLAIN = sessionOf('plain@example.com');
const SMS = sessionOf('sms@example.com');

describe('2FA settings over the fakes', () => {
  let fakes: Fakes;
  let clock: ManualClock;
  const deps = () => fakeAuthDeps(fakes);

  beforeEach(async () => {
    fakes = createFakes();
    clock = new ManualClock(START);
    await loadIntoFakes(
      new FixtureBuilder(START)
        .user('plain@example.com')
        .user('sms@example.com', { mfa: { method: 'SMS', phoneNumber: PHONE } })
        .build(),
      fakes,
    );
  });

  it('enrols an authenticator app; the confirming code cannot sign in again', async () => {
    // Arrange
    const { secret } = await startTotpEnrolment(deps(), PLAIN, clock.now());
    const code = totpCodeAt(secret, clock.now());

    // Act
    const confirmed = await confirmTotpEnrolment(deps(), PLAIN, code, clock.now());

    // Assert
    expect(confirmed).toEqual({ mfa: { method: 'TOTP' } });
    const user = await fakes.users.findByEmail('plain@example.com');
    expect(user).toMatchObject({ mfa: { method: 'TOTP', secret } });
    expect(user).not.toHaveProperty('pendingEnrolment');
    expect(await acceptTotpCode(deps(), user as NonNullable<typeof user>, code, clock.now())).toBe(false);
  });

  it('refuses to confirm an enrolment that expired, or was never started', async () => {
    // Arrange
    const { secret } = await startTotpEnrolment(deps(), PLAIN, clock.now());
    clock.advance(10 * 60_000);

    // Act
    const late = confirmTotpEnrolment(deps(), PLAIN, totpCodeAt(secret, clock.now()), clock.now());

    // Assert
    await expect(late).rejects.toMatchObject({ code: 'ENROLMENT_NOT_STARTED' });
    await expect(confirmSmsEnrolment(deps(), PLAIN, '123456', clock.now())).rejects.toMatchObject({
      code: 'ENROLMENT_NOT_STARTED',
    });
  });

  it('enrols a phone with the code sent to it, once 30 seconds have passed between sends', async () => {
    // Arrange
    await startSmsEnrolment(deps(), PLAIN, PHONE, clock.now());
    const tooSoon = startSmsEnrolment(deps(), PLAIN, PHONE, clock.now());
    await expect(tooSoon).rejects.toMatchObject({ code: 'TOO_MANY_ATTEMPTS' });

    // Act
    const confirmed = await confirmSmsEnrolment(deps(), PLAIN, fakes.sms.lastCode(), clock.now());

    // Assert
    expect(confirmed).toMatchObject({ mfa: { method: 'SMS' } });
    expect((await fakes.users.findByEmail('plain@example.com'))?.mfa).toEqual({
      method: 'SMS',
      phoneNumber: PHONE,
    });
    expect(fakes.sms.sent).toHaveLength(1);
  });

  it('counts wrong enrolment codes and blocks after five', async () => {
    // Arrange
    await startSmsEnrolment(deps(), PLAIN, PHONE, clock.now());
    const right = fakes.sms.lastCode();
    const wrong = right === '000000' ? '111111' : '000000';
    const first = confirmSmsEnrolment(deps(), PLAIN, wrong, clock.now());
    await expect(first).rejects.toMatchObject({ code: 'INVALID_CODE' });
    for (let i = 0; i < 4; i++)
      await confirmSmsEnrolment(deps(), PLAIN, wrong, clock.now()).catch(() => undefined);

    // Act
    const blocked = confirmSmsEnrolment(deps(), PLAIN, right, clock.now());

    // Assert
    await expect(blocked).rejects.toMatchObject({ code: 'TOO_MANY_ATTEMPTS' });
    expect((await fakes.users.findByEmail('plain@example.com'))?.mfa).toEqual({ method: 'NONE' });
  });

  it('refuses a second factor for a user who has one', async () => {
    // Act
    const again = startTotpEnrolment(deps(), SMS, clock.now());

    // Assert
    await expect(again).rejects.toMatchObject({ code: 'MFA_ALREADY_ENABLED' });
  });

  it('turns SMS 2FA off with the step-up code, not with a stale one', async () => {
    // Arrange
    await sendStepUpCode(deps(), SMS, clock.now());
    const code = fakes.sms.lastCode();
    clock.advance(5 * 60_000);
    const stale = disableMfa(deps(), SMS, code, clock.now());
    await expect(stale).rejects.toMatchObject({ code: 'INVALID_CODE' });
    await sendStepUpCode(deps(), SMS, clock.now());

    // Act
    const disabled = await disableMfa(deps(), SMS, fakes.sms.lastCode(), clock.now());

    // Assert
    expect(disabled).toEqual({ mfa: { method: 'NONE' } });
    const user = await fakes.users.findByEmail('sms@example.com');
    expect(user?.mfa).toEqual({ method: 'NONE' });
    expect(user).not.toHaveProperty('stepUpCode');
  });

  it('answers MFA_NOT_ENABLED to a user without 2FA', async () => {
    // Act
    const disable = disableMfa(deps(), PLAIN, '123456', clock.now());

    // Assert
    await expect(disable).rejects.toMatchObject({ code: 'MFA_NOT_ENABLED' });
    await expect(sendStepUpCode(deps(), PLAIN, clock.now())).rejects.toMatchObject({
      code: 'MFA_NOT_ENABLED',
    });
  });

  it('answers UNAUTHENTICATED to a session whose user is gone or replaced', async () => {
    // Act
    const ghost = startTotpEnrolment(deps(), { ...PLAIN, userId: 'usr_someone_else' }, clock.now());

    // Assert
    await expect(ghost).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });
});
