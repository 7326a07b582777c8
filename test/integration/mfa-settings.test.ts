import { totpCodeAt } from '../../functions/domain/totp';
import { callRoute } from '../support/api';
import { type AuthHarness, createAuthHarness, TEST_TOTP_SECRET } from '../support/auth-harness';

let h: AuthHarness;

beforeEach(async () => {
  h = await createAuthHarness();
});

afterEach(async () => {
  await h.close();
});

const signIn = async (email: string, password: string): Promise<string> => {
  const answer = await callRoute('login', { body: { email, password } });
  expect(answer.body.status).toBe('AUTHENTICATED');
  return answer.body.accessToken;
};

const signInWithTotp = async (email: string, password: string): Promise<string> => {
  const login = await callRoute('login', { body: { email, password } });
  const code = totpCodeAt(TEST_TOTP_SECRET, h.clock.now());
  return (await callRoute('mfa-verify', { body: { challengeId: login.body.challengeId, code } })).body
    .accessToken;
};

describe('turning on an authenticator app', () => {
  it('shows a secret once, turns TOTP on with a code from it, and asks for a code at the next sign-in', async () => {
    await h.addUser('user@example.com', 'password-1');
    const token = await signIn('user@example.com', 'password-1');

    const started = await callRoute('totp-enrol', { token });
    const secret: string = started.body.secret;
    const wrong = await callRoute('totp-confirm', { token, body: { code: '000000' } });
    const confirmed = await callRoute('totp-confirm', {
      token,
      body: { code: totpCodeAt(secret, h.clock.now()) },
    });
    const me = await callRoute('me', { token });
    const nextLogin = await callRoute('login', {
      body: { email: 'user@example.com', password: 'password-1' },
    });

    expect(started.status).toBe(201);
    expect(started.body.otpauthUri).toMatch(/^otpauth:\/\/totp\/Renewal%20Hub:user%40example\.com\?/);
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(wrong.status).toBe(422);
    expect(wrong.body.code).toBe('INVALID_CODE');
    expect(confirmed.status).toBe(200);
    expect(me.body.mfa).toEqual({ method: 'TOTP' });
    expect(nextLogin.body).toMatchObject({ status: 'MFA_REQUIRED', method: 'TOTP' });
  });

  it('does not accept the confirming code again at sign-in', async () => {
    await h.addUser('user@example.com', 'password-1');
    const token = await signIn('user@example.com', 'password-1');
    const { body } = await callRoute('totp-enrol', { token });
    const code = totpCodeAt(body.secret, h.clock.now());
    await callRoute('totp-confirm', { token, body: { code } });

    const login = await callRoute('login', { body: { email: 'user@example.com', password: 'password-1' } });
    const verify = await callRoute('mfa-verify', { body: { challengeId: login.body.challengeId, code } });

    expect(verify.body.code).toBe('INVALID_CODE');
  });

  it('refuses confirmation without a started enrolment, and enrolment when 2FA is on', async () => {
    await h.addUser('user@example.com', 'password-1');
    await h.addUser('totp@example.com', 'password-2', { method: 'TOTP', secret: TEST_TOTP_SECRET });
    const token = await signIn('user@example.com', 'password-1');
    const login = await callRoute('login', { body: { email: 'totp@example.com', password: 'password-2' } });
    const totpToken = (
      await callRoute('mfa-verify', {
        body: { challengeId: login.body.challengeId, code: totpCodeAt(TEST_TOTP_SECRET, h.clock.now()) },
      })
    ).body.accessToken;

    const notStarted = await callRoute('totp-confirm', { token, body: { code: '123456' } });
    const alreadyOn = await callRoute('totp-enrol', { token: totpToken });

    expect(notStarted.status).toBe(409);
    expect(notStarted.body.code).toBe('ENROLMENT_NOT_STARTED');
    expect(alreadyOn.status).toBe(409);
    expect(alreadyOn.body.code).toBe('MFA_ALREADY_ENABLED');
  });
});

describe('turning on SMS', () => {
  it('sends a code to the new phone and turns SMS on once it is confirmed', async () => {
    await h.addUser('user@example.com', 'password-1');
    const token = await signIn('user@example.com', 'password-1');

    const started = await callRoute('sms-enrol', { token, body: { phoneNumber: '+48500600700' } });
    const tooSoon = await callRoute('sms-enrol', { token, body: { phoneNumber: '+48500600700' } });
    const confirmed = await callRoute('sms-confirm', { token, body: { code: h.sms.lastCode() } });
    const me = await callRoute('me', { token });

    expect(started.status).toBe(202);
    expect(started.body.destination).toBe('+48*******00');
    expect(h.sms.sent[0]?.to).toBe('+48500600700');
    expect(tooSoon.status).toBe(429);
    expect(confirmed.status).toBe(200);
    expect(me.body.mfa).toEqual({ method: 'SMS', destination: '+48*******00' });
  });

  it('refuses a phone number that is not E.164', async () => {
    await h.addUser('user@example.com', 'password-1');
    const token = await signIn('user@example.com', 'password-1');

    const answer = await callRoute('sms-enrol', { token, body: { phoneNumber: '500 600 700' } });

    expect(answer.status).toBe(400);
    expect(answer.body.errors[0].path).toBe('body.phoneNumber');
  });
});

describe('turning 2FA off', () => {
  it('needs a current TOTP code', async () => {
    await h.addUser('totp@example.com', 'password-2', { method: 'TOTP', secret: TEST_TOTP_SECRET });
    const token = await signInWithTotp('totp@example.com', 'password-2');
    h.clock.advance(30 * 1000);

    const wrong = await callRoute('mfa-disable', { token, body: { code: '000000' } });
    const right = await callRoute('mfa-disable', {
      token,
      body: { code: totpCodeAt(TEST_TOTP_SECRET, h.clock.now()) },
    });
    const me = await callRoute('me', { token });

    expect(wrong.status).toBe(422);
    expect(right.status).toBe(200);
    expect(me.body.mfa).toEqual({ method: 'NONE' });
  });

  it('needs a code sent by SMS for an SMS user', async () => {
    await h.addUser('sms@example.com', 'password-3', { method: 'SMS', phoneNumber: '+48123456789' });
    const login = await callRoute('login', { body: { email: 'sms@example.com', password: 'password-3' } });
    const token = (
      await callRoute('mfa-verify', { body: { challengeId: login.body.challengeId, code: h.sms.lastCode() } })
    ).body.accessToken;

    const withoutCode = await callRoute('mfa-disable', { token, body: { code: h.sms.lastCode() } });
    const sent = await callRoute('mfa-code', { token });
    const disabled = await callRoute('mfa-disable', { token, body: { code: h.sms.lastCode() } });

    expect(withoutCode.status).toBe(422);
    expect(sent.status).toBe(202);
    expect(disabled.status).toBe(200);
    expect(disabled.body).toEqual({ mfa: { method: 'NONE' } });
  });

  it('blocks code guessing after 5 wrong codes', async () => {
    await h.addUser('totp@example.com', 'password-2', { method: 'TOTP', secret: TEST_TOTP_SECRET });
    const token = await signInWithTotp('totp@example.com', 'password-2');

    for (let attempt = 0; attempt < 5; attempt++) {
      expect((await callRoute('mfa-disable', { token, body: { code: '000000' } })).status).toBe(422);
    }
    const blocked = await callRoute('mfa-disable', { token, body: { code: '000000' } });

    expect(blocked.status).toBe(429);
    expect(blocked.headers['retry-after']).toBe('30');
  });
});

describe('my workspaces', () => {
  it('needs a session and lists none for a user who administers none', async () => {
    await h.addUser('user@example.com', 'password-1');
    const token = await signIn('user@example.com', 'password-1');

    const anonymous = await callRoute('workspaces');
    const mine = await callRoute('workspaces', { token });

    expect(anonymous.status).toBe(401);
    expect(mine.body).toEqual({ items: [] });
  });
});
