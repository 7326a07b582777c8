/**
 * PRODUCT.md §1 "SMS limits": at most 5 SMS codes per user per rolling hour and 10 per phone number per
 * rolling 24 h, sign-in, resend and enrolment together, also under concurrency; past that 429
 * SMS_LIMIT_REACHED with Retry-After, and nothing is sent (counted with the harness's SMS recorder).
 */
import { openSession } from '../../functions/use-cases/auth-common';
import { authDeps, userStore } from '../../functions/wiring';
import { type ApiAnswer, callRoute } from '../support/api';
import { type AuthHarness, createAuthHarness } from '../support/auth-harness';
import { tally } from '../support/tally';

let h: AuthHarness;

beforeEach(async () => {
  h = await createAuthHarness();
});

afterEach(async () => {
  await h.close();
});

const PHONE = '+48123456789';
const MINUTE = 60 * 1000;

const login = (email: string, password: string) => callRoute('login', { body: { email, password } });

const expectSmsLimit = (answer: ApiAnswer, retryAfter: number) => {
  expect(answer.status).toBe(429);
  expect(answer.body.code).toBe('SMS_LIMIT_REACHED');
  expect(answer.headers['retry-after']).toBe(String(retryAfter));
};

/**
 * Users without 2FA with a session each, opened by the session use case directly: their password step is
 * not under test here, and skipping it saves a scrypt run per user.
 */
const signedInUsers = async (count: number): Promise<string[]> => {
  const deps = await authDeps();
  const tokens: string[] = [];
  for (let n = 0; n < count; n++) {
    await h.addUser(`user${n}@example.com`, 'user password');
    const user = await userStore().findByEmail(`user${n}@example.com`);
    if (!user) throw new Error('The user was not stored');
    tokens.push((await openSession(deps, user, h.clock.now())).accessToken);
  }
  return tokens;
};

describe('per user: 5 SMS per rolling hour', () => {
  it('refuses the 6th to 9th sign-in within the hour and sends nothing, then allows one once the first send leaves', async () => {
    await h.addUser('sms@example.com', 'sms password', { method: 'SMS', phoneNumber: PHONE });

    const answers: ApiAnswer[] = [];
    for (let n = 0; n < 9; n++) {
      answers.push(await login('sms@example.com', 'sms password'));
      h.clock.advance(MINUTE);
    }
    const sentWithinTheHour = h.sms.sent.length;
    h.clock.advance(60 * MINUTE - 9 * MINUTE);
    const afterTheHour = await login('sms@example.com', 'sms password');

    expect(answers.slice(0, 5).map((a) => a.body.status)).toEqual(Array(5).fill('MFA_REQUIRED'));
    // The first send (at minute 0) leaves the window at minute 60.
    answers.slice(5).forEach((answer, n) => {
      expectSmsLimit(answer, (60 - 5 - n) * 60);
    });
    expect(answers[8]?.body.retryAfter).toBe(52 * 60);
    expect(sentWithinTheHour).toBe(5);
    expect(afterTheHour.body.status).toBe('MFA_REQUIRED');
    expect(h.sms.sent).toHaveLength(6);
  });

  it('counts resends with sign-ins, and a refused resend leaves the current code working', async () => {
    await h.addUser('sms@example.com', 'sms password', { method: 'SMS', phoneNumber: PHONE });
    const first = await login('sms@example.com', 'sms password');
    const resends: number[] = [];
    for (let n = 0; n < 3; n++) {
      h.clock.advance(30 * 1000);
      resends.push((await callRoute('mfa-resend', { body: { challengeId: first.body.challengeId } })).status);
    }
    const second = await login('sms@example.com', 'sms password');
    const secondCode = h.sms.lastCode();

    h.clock.advance(30 * 1000);
    const refusedResend = await callRoute('mfa-resend', { body: { challengeId: second.body.challengeId } });
    const refusedLogin = await login('sms@example.com', 'sms password');
    const verified = await callRoute('mfa-verify', {
      body: { challengeId: second.body.challengeId, code: secondCode },
    });

    expect(resends).toEqual([202, 202, 202]);
    expect(second.body.status).toBe('MFA_REQUIRED');
    // 5 sent at 0, 30, 60, 90 and 90 s; it is now 120 s: the first leaves in 3600 − 120 s.
    expectSmsLimit(refusedResend, 3480);
    expectSmsLimit(refusedLogin, 3480);
    expect(h.sms.sent).toHaveLength(5);
    expect(verified.status).toBe(200);
  });

  it('counts the step-up code for turning 2FA off', async () => {
    await h.addUser('sms@example.com', 'sms password', { method: 'SMS', phoneNumber: PHONE });
    const challenge = await login('sms@example.com', 'sms password');
    const token = (
      await callRoute('mfa-verify', {
        body: { challengeId: challenge.body.challengeId, code: h.sms.lastCode() },
      })
    ).body.accessToken;
    const stepUps: number[] = [];
    for (let n = 0; n < 5; n++) {
      h.clock.advance(30 * 1000);
      stepUps.push((await callRoute('mfa-code', { token })).status);
    }

    const refused = await callRoute('mfa-code', { token });

    // The sign-in code at 0 s, step-up codes at 30 to 120 s; the 5th step-up at 150 s is the 6th SMS.
    expect(stepUps).toEqual([202, 202, 202, 202, 429]);
    expectSmsLimit(refused, 3600 - 150);
    expect(h.sms.sent).toHaveLength(5);
  });

  it('never sends more than 5 for 20 concurrent sign-ins of one SMS user', async () => {
    await h.addUser('sms@example.com', 'sms password', { method: 'SMS', phoneNumber: PHONE });

    const answers = await Promise.all(
      Array.from({ length: 20 }, () => login('sms@example.com', 'sms password')),
    );

    const counts = tally(answers);
    const admitted = counts['200 MFA_REQUIRED'] ?? 0;
    expect(admitted).toBe(h.sms.sent.length);
    expect(admitted).toBeLessThanOrEqual(5);
    // The rest are refused: by the SMS limit, or by the attempt limit while 5 passwords are being checked.
    expect(answers.filter((a) => a.status !== 200).every((a) => a.status === 429)).toBe(true);
    expect((counts['429 SMS_LIMIT_REACHED'] ?? 0) + (counts['429 TOO_MANY_ATTEMPTS'] ?? 0)).toBe(
      20 - admitted,
    );
  });

  it('never sends more than 5 for 20 concurrent enrolments of one user to different numbers', async () => {
    const [token] = await signedInUsers(1);

    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, n) =>
        callRoute('sms-enrol', { token, body: { phoneNumber: `+4850060${String(n).padStart(4, '0')}` } }),
      ),
    );

    const counts = tally(answers);
    expect(counts['202']).toBe(h.sms.sent.length);
    expect(h.sms.sent.length).toBeLessThanOrEqual(5);
    expect(answers.filter((a) => a.status !== 202).every((a) => a.status === 429)).toBe(true);
  });
});

describe('per phone number: 10 SMS per rolling 24 h', () => {
  it('refuses the 11th enrolment to one number, whoever asks, and sends nothing', async () => {
    const tokens = await signedInUsers(11);

    const answers: ApiAnswer[] = [];
    for (const token of tokens) {
      answers.push(await callRoute('sms-enrol', { token, body: { phoneNumber: '+48500600700' } }));
      h.clock.advance(MINUTE);
    }

    expect(answers.slice(0, 10).map((a) => a.status)).toEqual(Array(10).fill(202));
    expectSmsLimit(answers[10] as ApiAnswer, 24 * 3600 - 10 * 60);
    expect(h.sms.sent).toHaveLength(10);
  });

  it('counts sign-in codes and enrolments to the same number together', async () => {
    const tokens = await signedInUsers(6);
    for (const token of tokens) await callRoute('sms-enrol', { token, body: { phoneNumber: PHONE } });
    await h.addUser('sms@example.com', 'sms password', { method: 'SMS', phoneNumber: PHONE });

    const logins = [];
    for (let n = 0; n < 5; n++) logins.push(await login('sms@example.com', 'sms password'));

    expect(logins.slice(0, 4).map((a) => a.body.status)).toEqual(Array(4).fill('MFA_REQUIRED'));
    expect(logins[4]?.body.code).toBe('SMS_LIMIT_REACHED');
    expect(h.sms.sent).toHaveLength(10);
  });

  it('sends exactly 10 for 20 concurrent enrolments of 20 users to one number', async () => {
    const tokens = await signedInUsers(20);

    const answers = await Promise.all(
      tokens.map((token) => callRoute('sms-enrol', { token, body: { phoneNumber: '+48500600700' } })),
    );

    expect(tally(answers)).toEqual({ '202': 10, '429 SMS_LIMIT_REACHED': 10 });
    expect(h.sms.sent).toHaveLength(10);
  });
});
