/**
 * Sign-in: password first, then (when the user has 2FA) a one-time code by SMS or from an
 * authenticator app. Failures of either step count against the email, known or not.
 */
import { AuthPolicy } from '../domain/auth-policy';
import type { Challenge } from '../domain/challenge';
import { normalizeEmail } from '../domain/identity';
import { smsCodeText } from '../domain/messages';
import { codeMatches, generateSmsCode, hashCode, keyedHash } from '../domain/one-time-code';
import { decoyPasswordHash, verifyPassword } from '../domain/password';
import { maskPhoneNumber } from '../domain/phone';
import { secondsUntil } from '../domain/throttle';
import { matchTotpStep } from '../domain/totp';
import type { User } from '../domain/user';
import type { AuthDeps } from './auth-common';
import {
  type AuthenticatedResult,
  giveBackAttempt,
  newId,
  openSession,
  takeAttempt,
  tooManyAttempts,
} from './auth-common';
import { type ApplicationError, conflict, ErrorCode, rateLimited, unauthorized } from './errors';
import { reserveSms } from './sms-limits';

export interface MfaRequiredResult {
  status: 'MFA_REQUIRED';
  challengeId: string;
  method: 'SMS' | 'TOTP';
  destination?: string;
  expiresAt: string;
}

/** The key failures are counted under: a keyed hash, so emails typed by strangers are not stored. */
const throttleSubject = (deps: AuthDeps, email: string): string =>
  keyedHash(deps.keys.codePepper, 'sign-in', normalizeEmail(email));

const challengeExpired = (): ApplicationError => unauthorized(ErrorCode.CHALLENGE_EXPIRED);

/** Step one: email and password. */
export const logIn = async (
  deps: AuthDeps,
  input: { email: string; password: string },
  now: Date,
): Promise<AuthenticatedResult | MfaRequiredResult> => {
  const email = normalizeEmail(input.email);
  const subject = throttleSubject(deps, email);
  // Reserved before the password is checked: a failure then needs no second write to count.
  const slot = await takeAttempt(deps.throttle, subject, now);

  const user = await deps.users.findByEmail(email);
  // An unknown email still pays for one scrypt check, so the answer's timing does not tell.
  const passwordHash = user?.passwordHash ?? decoyPasswordHash(deps.config.scryptLogN);
  const passwordOk = await verifyPassword(input.password, passwordHash);
  if (!user || !passwordOk) throw unauthorized(ErrorCode.INVALID_CREDENTIALS);

  if (user.mfa.method === 'NONE') {
    await deps.throttle.reset(subject);
    return openSession(deps, user, now);
  }
  // The right password is no failure, but sign-in is not complete: the code step resets the count.
  await giveBackAttempt(deps.throttle, slot);
  const challengeId = newId();
  const expiresAt = new Date(now.getTime() + AuthPolicy.smsCodeTtlSeconds * 1000).toISOString();
  const challenge: Challenge = {
    challengeId,
    email,
    userId: user.userId,
    method: user.mfa.method,
    expiresAt,
    wrongAttempts: 0,
    resends: 0,
  };
  if (user.mfa.method === 'TOTP') {
    await deps.challenges.create(challenge);
    return { status: 'MFA_REQUIRED', challengeId, method: 'TOTP', expiresAt };
  }
  // Counted before anything is created or sent: past the limit the sign-in stops here.
  await reserveSms(deps, user.userId, user.mfa.phoneNumber, now);
  const code = generateSmsCode();
  await deps.challenges.create({
    ...challenge,
    codeHash: hashCode(deps.keys.codePepper, challengeId, code),
    lastSentAt: now.toISOString(),
  });
  await deps.sms.send(user.mfa.phoneNumber, smsCodeText(user.locale, code));
  return {
    status: 'MFA_REQUIRED',
    challengeId,
    method: 'SMS',
    destination: maskPhoneNumber(user.mfa.phoneNumber),
    expiresAt,
  };
};

/** A challenge that can still take a code, or 401 CHALLENGE_EXPIRED. */
const liveChallenge = async (deps: AuthDeps, challengeId: string, now: Date): Promise<Challenge> => {
  const challenge = await deps.challenges.get(challengeId);
  if (
    !challenge ||
    new Date(challenge.expiresAt) <= now ||
    challenge.wrongAttempts >= AuthPolicy.maxWrongCodesPerChallenge
  ) {
    throw challengeExpired();
  }
  return challenge;
};

/**
 * Checks a TOTP code for a user and marks its time step used, so the same code (or an older one)
 * is never accepted twice.
 */
export const acceptTotpCode = async (deps: Pick<AuthDeps, 'users'>, user: User, code: string, now: Date) => {
  if (user.mfa.method !== 'TOTP') return false;
  const step = matchTotpStep(user.mfa.secret, code, now);
  return step !== null && (await deps.users.useTotpStep(user.email, step));
};

/** Step two: the one-time code. */
export const verifyCode = async (
  deps: AuthDeps,
  input: { challengeId: string; code: string },
  now: Date,
): Promise<AuthenticatedResult> => {
  const challenge = await liveChallenge(deps, input.challengeId, now);
  const user = await deps.users.findByEmail(challenge.email);
  if (!user || user.userId !== challenge.userId) throw challengeExpired();

  // Codes of all the user's challenges share the email's attempt budget.
  const subject = throttleSubject(deps, challenge.email);
  const slot = await takeAttempt(deps.throttle, subject, now);
  const accepted =
    challenge.method === 'SMS'
      ? challenge.codeHash !== undefined &&
        codeMatches(deps.keys.codePepper, challenge.challengeId, input.code, challenge.codeHash)
      : await acceptTotpCode(deps, user, input.code, now);

  if (!accepted) {
    const wrongAttempts = await deps.challenges.recordWrongAttempt(
      challenge.challengeId,
      AuthPolicy.maxWrongCodesPerChallenge,
    );
    if (wrongAttempts === null) throw challengeExpired();
    throw unauthorized(ErrorCode.INVALID_CODE, {
      attemptsRemaining: AuthPolicy.maxWrongCodesPerChallenge - wrongAttempts,
    });
  }
  // Deleting the challenge is what makes the code single-use, even against a concurrent request.
  if (!(await deps.challenges.consume(challenge.challengeId))) {
    // Another request used this code first: not a guess that failed.
    await giveBackAttempt(deps.throttle, slot);
    throw challengeExpired();
  }
  await deps.throttle.reset(subject);
  return openSession(deps, user, now);
};

/** A new SMS code for a live challenge: at most 3 resends, 30 s apart. */
export const resendCode = async (
  deps: AuthDeps,
  input: { challengeId: string },
  now: Date,
): Promise<{ challengeId: string; destination: string; expiresAt: string; resendsRemaining: number }> => {
  const challenge = await liveChallenge(deps, input.challengeId, now);
  if (challenge.method !== 'SMS') throw conflict(ErrorCode.RESEND_NOT_AVAILABLE);
  if (challenge.resends >= AuthPolicy.maxResends) throw rateLimited(ErrorCode.RESEND_LIMIT_REACHED);
  const nextAllowed = new Date(
    new Date(challenge.lastSentAt ?? 0).getTime() + AuthPolicy.resendIntervalSeconds * 1000,
  ).toISOString();
  const wait = secondsUntil(nextAllowed, now);
  if (wait > 0) throw tooManyAttempts(wait);

  const user = await deps.users.findByEmail(challenge.email);
  if (user?.mfa.method !== 'SMS') throw challengeExpired();
  // Counted before the code is replaced, so a refused resend leaves the current code working.
  await reserveSms(deps, user.userId, user.mfa.phoneNumber, now);
  const code = generateSmsCode();
  const expiresAt = new Date(now.getTime() + AuthPolicy.smsCodeTtlSeconds * 1000).toISOString();
  const replaced = await deps.challenges.replaceCode(
    challenge.challengeId,
    {
      codeHash: hashCode(deps.keys.codePepper, challenge.challengeId, code),
      expiresAt,
      sentAt: now.toISOString(),
    },
    {
      maxResends: AuthPolicy.maxResends,
      notSentAfter: new Date(now.getTime() - AuthPolicy.resendIntervalSeconds * 1000).toISOString(),
    },
  );
  // Lost a race with another resend: that one's code stands.
  if (!replaced) throw tooManyAttempts(AuthPolicy.resendIntervalSeconds);
  await deps.sms.send(user.mfa.phoneNumber, smsCodeText(user.locale, code));
  return {
    challengeId: challenge.challengeId,
    destination: maskPhoneNumber(user.mfa.phoneNumber),
    expiresAt,
    resendsRemaining: AuthPolicy.maxResends - challenge.resends - 1,
  };
};
