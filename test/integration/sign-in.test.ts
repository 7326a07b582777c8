import { totpCodeAt } from '../../functions/domain/totp';
import { callRoute } from '../support/api';
import { type AuthHarness, createAuthHarness, TEST_TOTP_SECRET } from '../support/auth-harness';
import { PRODUCTION_SCRYPT_LOG_N } from '../support/password-hashes';

let h: AuthHarness;

beforeEach(async () => {
  // The sign-in itself: at the production scrypt cost, as deployed.
  h = await createAuthHarness(undefined, { scryptLogN: PRODUCTION_SCRYPT_LOG_N });
  await h.addUser('plain@example.com', 'correct horse');
  await h.addUser('sms@example.com', 'sms password', { method: 'SMS', phoneNumber: '+48123456789' }, 'pl');
  await h.addUser('totp@example.com', 'totp password', { method: 'TOTP', secret: TEST_TOTP_SECRET });
});

afterEach(async () => {
  await h.close();
});

const login = (email: string, password: string, headers?: Record<string, string>) =>
  callRoute('login', { body: { email, password }, headers });

describe('password sign-in', () => {
  it('signs in a user without 2FA, and the token opens /v1/me until logout', async () => {
    // Act
    const answer = await login('Plain@Example.com ', 'correct horse');
    const token = answer.body.accessToken;
    const me = await callRoute('me', { token });
    const logout = await callRoute('logout', { token });
    const after = await callRoute('me', { token });

    // Assert
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      status: 'AUTHENTICATED',
      accessToken: expect.any(String),
      tokenType: 'Bearer',
      expiresIn: 3600,
    });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ email: 'plain@example.com', locale: 'en', mfa: { method: 'NONE' } });
    expect(logout.status).toBe(204);
    expect(after.status).toBe(401);
    expect(after.body.code).toBe('UNAUTHENTICATED');
  });

  it('answers a wrong password and an unknown email with the same body', async () => {
    const wrongPassword = await login('plain@example.com', 'wrong');
    const unknownEmail = await login('nobody@example.com', 'wrong');

    expect(wrongPassword.status).toBe(401);
    expect(unknownEmail.status).toBe(401);
    expect(unknownEmail.body).toEqual(wrongPassword.body);
    expect(wrongPassword.body.code).toBe('INVALID_CREDENTIALS');
  });

  it('refuses a token once the session has expired', async () => {
    const { body } = await login('plain@example.com', 'correct horse');

    h.clock.advance(3600 * 1000);
    const me = await callRoute('me', { token: body.accessToken });

    expect(me.status).toBe(401);
  });

  it('refuses missing, malformed and forged tokens', async () => {
    const { body } = await login('plain@example.com', 'correct horse');
    const forged = `${body.accessToken.slice(0, -4)}AAAA`;

    const answers = await Promise.all([
      callRoute('me'),
      callRoute('me', { headers: { authorization: 'Basic abc' } }),
      callRoute('me', { token: 'not.a.jwt' }),
      callRoute('me', { token: forged }),
    ]);

    expect(answers.map((a) => [a.status, a.body.code])).toEqual(Array(4).fill([401, 'UNAUTHENTICATED']));
  });
});

describe('SMS two-step verification', () => {
  it('sends a code to the phone and signs in with it, once', async () => {
    const first = await login('sms@example.com', 'sms password');
    const code = h.sms.lastCode();

    const verified = await callRoute('mfa-verify', { body: { challengeId: first.body.challengeId, code } });
    const replay = await callRoute('mfa-verify', { body: { challengeId: first.body.challengeId, code } });

    expect(first.body).toEqual({
      status: 'MFA_REQUIRED',
      challengeId: expect.any(String),
      method: 'SMS',
      destination: '+48*******89',
      expiresAt: '2026-11-28T10:05:00.000Z',
    });
    expect(h.sms.sent[0]?.to).toBe('+48123456789');
    expect(verified.status).toBe(200);
    expect(verified.body.status).toBe('AUTHENTICATED');
    expect(replay.status).toBe(401);
    expect(replay.body.code).toBe('CHALLENGE_EXPIRED');
  });

  it('ends the challenge after 5 wrong codes, even for the right code, and then throttles the email', async () => {
    const { body } = await login('sms@example.com', 'sms password');
    const right = h.sms.lastCode();
    const wrong = right === '000000' ? '111111' : '000000';

    const remaining: number[] = [];
    for (let attempt = 0; attempt < 5; attempt++) {
      const answer = await callRoute('mfa-verify', { body: { challengeId: body.challengeId, code: wrong } });
      expect(answer.status).toBe(401);
      expect(answer.body.code).toBe('INVALID_CODE');
      remaining.push(answer.body.attemptsRemaining);
    }
    const sixth = await callRoute('mfa-verify', { body: { challengeId: body.challengeId, code: right } });
    const nextLogin = await login('sms@example.com', 'sms password');

    expect(remaining).toEqual([4, 3, 2, 1, 0]);
    expect(sixth.status).toBe(401);
    expect(sixth.body.code).toBe('CHALLENGE_EXPIRED');
    expect(nextLogin.status).toBe(429);
    expect(nextLogin.headers['retry-after']).toBe('30');
  });

  it('lets a code expire after 5 minutes', async () => {
    const { body } = await login('sms@example.com', 'sms password');
    const code = h.sms.lastCode();

    h.clock.advance(5 * 60 * 1000);
    const answer = await callRoute('mfa-verify', { body: { challengeId: body.challengeId, code } });

    expect(answer.status).toBe(401);
    expect(answer.body.code).toBe('CHALLENGE_EXPIRED');
  });

  it('resends at most 3 times, 30 s apart, and only the newest code works', async () => {
    const { body } = await login('sms@example.com', 'sms password');
    const firstCode = h.sms.lastCode();

    const tooSoon = await callRoute('mfa-resend', { body: { challengeId: body.challengeId } });
    const sent: number[] = [];
    for (let resend = 0; resend < 3; resend++) {
      h.clock.advance(30 * 1000);
      sent.push((await callRoute('mfa-resend', { body: { challengeId: body.challengeId } })).status);
    }
    h.clock.advance(30 * 1000);
    const fourth = await callRoute('mfa-resend', { body: { challengeId: body.challengeId } });
    const newestCode = h.sms.lastCode();
    const oldCode = await callRoute('mfa-verify', {
      body: { challengeId: body.challengeId, code: firstCode },
    });
    const newCode = await callRoute('mfa-verify', {
      body: { challengeId: body.challengeId, code: newestCode },
    });

    expect(tooSoon.status).toBe(429);
    expect(tooSoon.headers['retry-after']).toBe('30');
    expect(sent).toEqual([202, 202, 202]);
    expect(fourth.status).toBe(429);
    expect(fourth.body.code).toBe('RESEND_LIMIT_REACHED');
    expect(h.sms.sent).toHaveLength(4);
    expect(firstCode === newestCode || oldCode.body.code === 'INVALID_CODE').toBe(true);
    expect(newCode.status).toBe(200);
  });

  it('writes the SMS in the user locale but answers in the request language', async () => {
    const { body } = await login('sms@example.com', 'sms password');

    const wrong = await callRoute('mfa-verify', {
      body: { challengeId: body.challengeId, code: h.sms.lastCode() === '123456' ? '654321' : '123456' },
    });

    expect(h.sms.lastCode()).toMatch(/^\d{6}$/);
    expect(h.sms.sent[0]?.text).toContain('Twój kod');
    expect(wrong.body.detail).toBe('The code is incorrect.');
  });
});

describe('authenticator app (TOTP)', () => {
  it('accepts a current code once, refuses its replay, accepts the next step', async () => {
    const now = h.clock.now();
    const first = await login('totp@example.com', 'totp password');
    const verified = await callRoute('mfa-verify', {
      body: { challengeId: first.body.challengeId, code: totpCodeAt(TEST_TOTP_SECRET, now) },
    });
    const second = await login('totp@example.com', 'totp password');
    const replay = await callRoute('mfa-verify', {
      body: { challengeId: second.body.challengeId, code: totpCodeAt(TEST_TOTP_SECRET, now) },
    });
    h.clock.advance(30 * 1000);
    const next = await callRoute('mfa-verify', {
      body: { challengeId: second.body.challengeId, code: totpCodeAt(TEST_TOTP_SECRET, h.clock.now()) },
    });

    expect(first.body).toMatchObject({ status: 'MFA_REQUIRED', method: 'TOTP' });
    expect(first.body.destination).toBeUndefined();
    expect(verified.status).toBe(200);
    expect(replay.status).toBe(401);
    expect(replay.body.code).toBe('INVALID_CODE');
    expect(next.status).toBe(200);
  });

  it('tolerates one step of clock drift either side, not two', async () => {
    const now = h.clock.now().getTime();
    const codeAt = (offsetSeconds: number) =>
      totpCodeAt(TEST_TOTP_SECRET, new Date(now + offsetSeconds * 1000));

    const { body: a } = await login('totp@example.com', 'totp password');
    const twoBehind = await callRoute('mfa-verify', {
      body: { challengeId: a.challengeId, code: codeAt(-60) },
    });
    const oneBehind = await callRoute('mfa-verify', {
      body: { challengeId: a.challengeId, code: codeAt(-30) },
    });
    const { body: b } = await login('totp@example.com', 'totp password');
    const oneAhead = await callRoute('mfa-verify', {
      body: { challengeId: b.challengeId, code: codeAt(30) },
    });

    expect(twoBehind.body.code).toBe('INVALID_CODE');
    expect(oneBehind.status).toBe(200);
    expect(oneAhead.status).toBe(200);
  });
});

describe('bad input', () => {
  it.each([
    ['malformed JSON', { rawBody: '{"email": ' }, 400, 'MALFORMED_JSON'],
    ['an unknown field', { body: { email: 'a@b.c', password: 'x', admin: true } }, 400, 'VALIDATION_FAILED'],
    ['a wrong type', { body: { email: 42, password: ['x'] } }, 400, 'VALIDATION_FAILED'],
    ['a missing body', {}, 400, 'VALIDATION_FAILED'],
    ['a JSON array', { rawBody: '[]' }, 400, 'VALIDATION_FAILED'],
    ['a huge string', { body: { email: 'a@b.c', password: 'x'.repeat(10_000) } }, 400, 'VALIDATION_FAILED'],
    ['a huge body', { rawBody: JSON.stringify({ email: 'x'.repeat(100_000) }) }, 413, 'PAYLOAD_TOO_LARGE'],
    [
      'a form body sent as text/plain',
      { rawBody: 'email=a', headers: { 'content-type': 'text/plain' } },
      400,
      'MALFORMED_JSON',
    ],
  ])('answers %s on login with a problem, never a 5xx or a stack trace', async (_, call, status, code) => {
    const answer = await callRoute('login', call);

    expect(answer.status).toBe(status);
    expect(answer.headers['content-type']).toContain('application/problem+json');
    expect(answer.body).toMatchObject({
      status,
      code,
      title: expect.any(String),
      detail: expect.any(String),
    });
    expect(JSON.stringify(answer.body)).not.toMatch(/at .+\.(ts|js):\d+/);
  });

  it('names each unknown field', async () => {
    const answer = await callRoute('mfa-verify', {
      body: { challengeId: 'abc', code: '123456', x: 1, y: 2 },
    });

    expect(answer.body.errors).toEqual([
      { path: 'body.x', message: 'Unknown field' },
      { path: 'body.y', message: 'Unknown field' },
    ]);
  });

  it('answers in Polish when asked', async () => {
    const answer = await login('plain@example.com', 'wrong', {
      'accept-language': 'de-DE, pl;q=0.8, en;q=0.5',
    });

    expect(answer.body.detail).toBe('Nieprawidłowy adres e-mail lub hasło.');
  });

  it('treats an unknown challenge as expired', async () => {
    const answer = await callRoute('mfa-verify', {
      body: { challengeId: 'no-such-challenge', code: '123456' },
    });

    expect(answer.status).toBe(401);
    expect(answer.body.code).toBe('CHALLENGE_EXPIRED');
  });
});
