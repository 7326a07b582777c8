/**
 * PRODUCT.md §1: attempt limits hold under concurrency. Bursts of concurrent requests against DynamoDB
 * Local; whatever the interleaving, at most 5 failed attempts are evaluated before the rest answer 429.
 */
import { totpCodeAt } from '../../functions/domain/totp';
import { workspaceStore } from '../../functions/wiring';
import { type ApiAnswer, callRoute } from '../support/api';
import { type AuthHarness, createAuthHarness, TEST_TOTP_SECRET } from '../support/auth-harness';
import { licenseImportStore } from '../support/license-import';
import { tally } from '../support/tally';

let h: AuthHarness;

beforeEach(async () => {
  h = await createAuthHarness();
});

afterEach(async () => {
  await h.close();
});

const login = (email: string, password: string) => callRoute('login', { body: { email, password } });

/** Resolves with the first answer of `calls` that is a 429 (or when all are settled without one). */
const firstRefusal = (calls: Promise<ApiAnswer>[]): Promise<void> =>
  new Promise((resolve) => {
    for (const call of calls) void call.then((answer) => answer.status === 429 && resolve());
    void Promise.all(calls).then(() => resolve());
  });

describe('wrong passwords sent at once', () => {
  it('evaluates at most 5 of 30 and refuses the rest, and then even the right password', async () => {
    await h.addUser('plain@example.com', 'correct horse');

    const burst = Array.from({ length: 30 }, () => login('plain@example.com', 'wrong'));
    // The right password, sent as soon as the burst has exhausted the budget (its 5 may still be running).
    await firstRefusal(burst);
    const right = await login('plain@example.com', 'correct horse');
    const answers = await Promise.all(burst);
    const after = await login('plain@example.com', 'correct horse');

    const counts = tally(answers);
    expect(counts['401 INVALID_CREDENTIALS']).toBe(5);
    expect(counts['429 TOO_MANY_ATTEMPTS']).toBe(25);
    expect(right.status).toBe(429);
    expect(right.body.code).toBe('TOO_MANY_ATTEMPTS');
    expect(after.status).toBe(429);
    expect(after.headers['retry-after']).toBe('30');
  });

  it('holds the same way for an unknown email', async () => {
    const answers = await Promise.all(Array.from({ length: 20 }, () => login('ghost@example.com', 'guess')));

    expect(tally(answers)).toEqual({ '401 INVALID_CREDENTIALS': 5, '429 TOO_MANY_ATTEMPTS': 15 });
  });
});

describe('a right password before the second factor', () => {
  it('gives its attempt back without resetting the count, so knowing the password buys no extra code guesses', async () => {
    await h.addUser('totp@example.com', 'totp password', { method: 'TOTP', secret: TEST_TOTP_SECRET });
    for (let attempt = 0; attempt < 4; attempt++) {
      expect((await login('totp@example.com', 'wrong')).status).toBe(401);
    }

    const challenge = await login('totp@example.com', 'totp password');
    const wrongCode = await callRoute('mfa-verify', {
      body: { challengeId: challenge.body.challengeId, code: '000000' },
    });
    const rightCode = await callRoute('mfa-verify', {
      body: { challengeId: challenge.body.challengeId, code: totpCodeAt(TEST_TOTP_SECRET, h.clock.now()) },
    });

    expect(challenge.body.status).toBe('MFA_REQUIRED');
    expect(wrongCode.body.code).toBe('INVALID_CODE');
    expect(rightCode.status).toBe(429);
    expect(rightCode.headers['retry-after']).toBe('30');
  });

  it('does not keep its pessimistic block once given back, after an earlier block has passed', async () => {
    await h.addUser('totp@example.com', 'totp password', { method: 'TOTP', secret: TEST_TOTP_SECRET });
    for (let attempt = 0; attempt < 5; attempt++) await login('totp@example.com', 'wrong');
    h.clock.advance(30 * 1000);

    const challenge = await login('totp@example.com', 'totp password');
    const verified = await callRoute('mfa-verify', {
      body: { challengeId: challenge.body.challengeId, code: totpCodeAt(TEST_TOTP_SECRET, h.clock.now()) },
    });

    expect(challenge.body.status).toBe('MFA_REQUIRED');
    expect(verified.status).toBe(200);
  });
});

describe('wrong codes across the challenges of one user', () => {
  /** Sends 5 wrong codes to each challenge, all at once. */
  const guessEverywhere = (challengeIds: string[], wrongCode: string) =>
    Promise.all(
      challengeIds.flatMap((challengeId) =>
        Array.from({ length: 5 }, () => callRoute('mfa-verify', { body: { challengeId, code: wrongCode } })),
      ),
    );

  it('evaluates at most 5 wrong codes in all for an SMS user with every challenge it may open', async () => {
    await h.addUser('sms@example.com', 'sms password', { method: 'SMS', phoneNumber: '+48123456789' });
    // 5 live SMS challenges are the most the SMS limit allows (5 per user per hour; a code lives 5 min).
    const challengeIds: string[] = [];
    for (let n = 0; n < 5; n++) {
      const answer = await login('sms@example.com', 'sms password');
      expect(answer.body.status).toBe('MFA_REQUIRED');
      challengeIds.push(answer.body.challengeId);
    }
    const codes = h.sms.sent.map((sms) => /\b(\d{6})\b/.exec(sms.text)?.[1]);
    const wrongCode = ['000000', '111111', '222222', '333333', '444444', '555555'].find(
      (code) => !codes.includes(code),
    ) as string;

    const answers = await guessEverywhere(challengeIds, wrongCode);
    const next = await login('sms@example.com', 'sms password');

    expect(tally(answers)).toEqual({ '401 INVALID_CODE': 5, '429 TOO_MANY_ATTEMPTS': 20 });
    expect(next.status).toBe(429);
  });

  it('evaluates at most 5 wrong codes in all across 10 challenges of a TOTP user', async () => {
    await h.addUser('totp@example.com', 'totp password', { method: 'TOTP', secret: TEST_TOTP_SECRET });
    const challengeIds: string[] = [];
    for (let n = 0; n < 10; n++) {
      challengeIds.push((await login('totp@example.com', 'totp password')).body.challengeId);
    }
    const now = h.clock.now().getTime();
    const valid = [-30, 0, 30].map((offset) => totpCodeAt(TEST_TOTP_SECRET, new Date(now + offset * 1000)));
    const wrongCode = ['000000', '111111', '222222', '333333'].find(
      (code) => !valid.includes(code),
    ) as string;

    const answers = await guessEverywhere(challengeIds, wrongCode);

    expect(tally(answers)).toEqual({ '401 INVALID_CODE': 5, '429 TOO_MANY_ATTEMPTS': 45 });
  });
});

describe('activation-code guesses', () => {
  const setUp = async () => {
    const userId = await h.addUser('admin@example.com', 'admin password');
    await workspaceStore().put({ workspaceId: 'ws-1', name: 'Acme', countryCode: 'PL' }, [userId]);
    await licenseImportStore().put(
      {
        licenseId: 'lic-partner',
        workspaceId: null,
        productCode: 'EPS-CLOUD',
        seats: 10,
        termMonths: 12,
        purchaseChannel: 'PARTNER',
        purchasedAt: '2025-01-10T00:00:00.000Z',
        startsAt: '2025-01-10T00:00:00.000Z',
        expiresAt: '2027-01-10T00:00:00.000Z',
        activationCode: 'ABCDEFGHJKMNPQRSTUVW',
      },
      null,
    );
    const token = (await login('admin@example.com', 'admin password')).body.accessToken;
    return (activationCode: string) =>
      callRoute('activation-code', { token, params: { workspaceId: 'ws-1' }, body: { activationCode } });
  };

  it('evaluates at most 5 of 25 concurrent wrong guesses', async () => {
    const enter = await setUp();

    const answers = await Promise.all(Array.from({ length: 25 }, () => enter('YYYYY-YYYYY-YYYYY-YYYYY')));

    expect(tally(answers)).toEqual({ '422 INVALID_ACTIVATION_CODE': 5, '429 TOO_MANY_ATTEMPTS': 20 });
  });

  it('resets the count on a successful entry', async () => {
    const enter = await setUp();
    for (let attempt = 0; attempt < 4; attempt++) await enter('YYYYY-YYYYY-YYYYY-YYYYY');

    const right = await enter('ABCDE-FGHJK-MNPQR-STUVW');
    const after = await Promise.all(Array.from({ length: 4 }, () => enter('YYYYY-YYYYY-YYYYY-YYYYY')));

    expect(right.status).toBe(201);
    expect(tally(after)).toEqual({ '422 INVALID_ACTIVATION_CODE': 4 });
  });

  it('does not reset the count for a code already attached here, so it cannot be used to keep guessing', async () => {
    const enter = await setUp();
    await enter('ABCDE-FGHJK-MNPQR-STUVW');
    for (let attempt = 0; attempt < 4; attempt++) await enter('YYYYY-YYYYY-YYYYY-YYYYY');

    const again = await enter('ABCDE-FGHJK-MNPQR-STUVW');
    const after = await Promise.all(Array.from({ length: 3 }, () => enter('YYYYY-YYYYY-YYYYY-YYYYY')));

    expect(again.status).toBe(200);
    expect(tally(after)).toEqual({ '422 INVALID_ACTIVATION_CODE': 1, '429 TOO_MANY_ATTEMPTS': 2 });
  });
});

describe('codes that change 2FA settings', () => {
  it('evaluates at most 5 of 20 concurrent wrong codes', async () => {
    await h.addUser('totp@example.com', 'totp password', { method: 'TOTP', secret: TEST_TOTP_SECRET });
    const challenge = await login('totp@example.com', 'totp password');
    const token = (
      await callRoute('mfa-verify', {
        body: { challengeId: challenge.body.challengeId, code: totpCodeAt(TEST_TOTP_SECRET, h.clock.now()) },
      })
    ).body.accessToken;

    const answers = await Promise.all(
      Array.from({ length: 20 }, () => callRoute('mfa-disable', { token, body: { code: '000000' } })),
    );

    expect(tally(answers)).toEqual({ '422 INVALID_CODE': 5, '429 TOO_MANY_ATTEMPTS': 15 });
  });
});
