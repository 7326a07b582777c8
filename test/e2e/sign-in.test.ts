/**
 * `npm start` end to end: the backend runs as a separate process, started exactly as `npm start` does,
 * and is driven over HTTP like a frontend would, through each demo account's sign-in. Stopping it with
 * SIGINT must exit 0 and leave no DynamoDB Local (Java) behind.
 */
import type { ChildProcess } from 'node:child_process';
import * as OTPAuth from 'otpauth';
import { DemoAccounts } from '../../functions/seed/demo-data';
import { type HttpAnswer, httpCall } from '../support/http-client';
import {
  exitOf,
  isProcessAlive,
  type ProcessOutput,
  START_TIMEOUT_MS,
  startBackendProcess,
} from '../support/process';

let child: ChildProcess;
let output: ProcessOutput;
let url: string;
let javaPid: number;

const api = (method: string, path: string, call?: Parameters<typeof httpCall>[3]) =>
  httpCall(url, method, path, call);

/** The code of the newest SMS to `phoneNumber`, read from the local outbox like a phone would. */
const lastSmsCode = async (phoneNumber: string): Promise<string> => {
  const outbox = await api('GET', '/_local/outbox');
  expect(outbox.status).toBe(200);
  const sms = (outbox.body.items as Array<{ channel: string; to: string; text: string }>)
    .filter((item) => item.channel === 'SMS' && item.to === phoneNumber)
    .at(-1);
  const code = /\b(\d{6})\b/.exec(sms?.text ?? '')?.[1];
  if (!code) throw new Error(`No SMS code for ${phoneNumber} in ${JSON.stringify(outbox.body)}`);
  return code;
};

const expectProblem = (answer: HttpAnswer, status: number, code: string) => {
  expect({ status: answer.status, code: answer.body?.code }).toEqual({ status, code });
  expect(answer.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(JSON.stringify(answer.body)).not.toMatch(/\bat .+\.(ts|js):\d+/);
};

beforeAll(async () => {
  ({ child, output, url, javaPid } = await startBackendProcess());
}, START_TIMEOUT_MS + 5_000);

afterAll(async () => {
  // Only if a test failed before the SIGINT test: never leave the backend running.
  if (child && child.exitCode === null && child.signalCode === null) {
    child.kill('SIGKILL');
    await exitOf(child);
  }
});

test('it answers health checks', async () => {
  const health = await api('GET', '/v1/health');
  expect(health).toMatchObject({ status: 200, body: { status: 'ok' } });
});

test('the SMS demo user signs in with the code from the outbox, and a logout revokes the session', async () => {
  const { email, password, phoneNumber } = DemoAccounts.sms;

  const login = await api('POST', '/v1/auth/login', { body: { email, password } });
  expect(login.status).toBe(200);
  expect(login.body).toMatchObject({ status: 'MFA_REQUIRED', method: 'SMS' });
  expect(login.body.destination).toBe(
    `${phoneNumber.slice(0, 3)}${'*'.repeat(phoneNumber.length - 5)}${phoneNumber.slice(-2)}`,
  );
  expect(login.body.challengeId).toEqual(expect.any(String));
  // The console stands in for the phone: the code is printed there too.
  const code = await lastSmsCode(phoneNumber);
  await output.waitFor(new RegExp(`SMS to \\${phoneNumber}: .*${code}`), 5_000);

  const verify = await api('POST', '/v1/auth/mfa/verify', {
    body: { challengeId: login.body.challengeId, code },
  });
  expect(verify.status).toBe(200);
  expect(verify.body).toMatchObject({ status: 'AUTHENTICATED', tokenType: 'Bearer' });
  const token: string = verify.body.accessToken;
  expect(token).toEqual(expect.any(String));

  const me = await api('GET', '/v1/me', { token });
  expect(me.status).toBe(200);
  expect(me.body).toMatchObject({ email, mfa: { method: 'SMS' } });

  const logout = await api('POST', '/v1/auth/logout', { token });
  expect(logout.status).toBe(204);

  expectProblem(await api('GET', '/v1/me', { token }), 401, 'UNAUTHENTICATED');
});

test('the TOTP demo user signs in with an authenticator code', async () => {
  const { email, password, secret } = DemoAccounts.totp;
  const login = await api('POST', '/v1/auth/login', { body: { email, password } });
  expect(login.status).toBe(200);
  expect(login.body).toMatchObject({ status: 'MFA_REQUIRED', method: 'TOTP' });

  const totp = new OTPAuth.TOTP({
    secret: OTPAuth.Secret.fromBase32(secret),
    digits: 6,
    period: 30,
    algorithm: 'SHA1',
  });
  const verify = await api('POST', '/v1/auth/mfa/verify', {
    body: { challengeId: login.body.challengeId, code: totp.generate() },
  });
  expect(verify.status).toBe(200);
  expect(verify.body).toMatchObject({ status: 'AUTHENTICATED', tokenType: 'Bearer' });

  const me = await api('GET', '/v1/me', { token: verify.body.accessToken });
  expect(me.body).toMatchObject({ email, mfa: { method: 'TOTP' } });
});

test('the demo user without 2FA signs straight in', async () => {
  const { email, password } = DemoAccounts.noMfa;
  const login = await api('POST', '/v1/auth/login', { body: { email, password } });
  expect(login.status).toBe(200);
  expect(login.body).toMatchObject({
    status: 'AUTHENTICATED',
    tokenType: 'Bearer',
    expiresIn: expect.any(Number),
  });

  const me = await api('GET', '/v1/me', { token: login.body.accessToken });
  expect(me.body).toMatchObject({ email, mfa: { method: 'NONE' } });
});

test('SIGINT stops it cleanly: exit code 0 and no DynamoDB Local left running', async () => {
  expect(isProcessAlive(javaPid)).toBe(true);
  child.kill('SIGINT');
  const { code, signal } = await exitOf(child);
  expect({ code, signal }).toEqual({ code: 0, signal: null });
  expect(isProcessAlive(javaPid)).toBe(false);
});
