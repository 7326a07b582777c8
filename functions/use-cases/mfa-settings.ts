/**
 * Turning two-step verification on (with an SMS phone or an authenticator app) and off. Each change
 * is confirmed with a code, so a stolen session alone cannot move or remove the second factor.
 */
import { AuthPolicy } from '../domain/auth-policy';
import { smsCodeText } from '../domain/messages';
import { codeMatches, generateSmsCode, hashCode, keyedHash } from '../domain/one-time-code';
import { maskPhoneNumber } from '../domain/phone';
import type { Session } from '../domain/session';
import { secondsUntil } from '../domain/throttle';
import { generateTotpSecret, matchTotpStep, totpUri } from '../domain/totp';
import type { MfaSetting, User } from '../domain/user';
import type { AuthDeps } from './auth-common';
import { takeAttempt, tooManyAttempts } from './auth-common';
import { conflict, ErrorCode, rejected, unauthorized } from './errors';
import { acceptTotpCode } from './sign-in';
import { reserveSms } from './sms-limits';

/** The 2FA setting as `GET /v1/me` shows it: never the secret, the phone only masked. */
export const describeMfa = (mfa: MfaSetting): { method: MfaSetting['method']; destination?: string } =>
  mfa.method === 'SMS'
    ? { method: 'SMS', destination: maskPhoneNumber(mfa.phoneNumber) }
    : { method: mfa.method };

/** The signed-in user; a session whose user vanished is no session. */
export const currentUser = async (deps: Pick<AuthDeps, 'users'>, session: Session): Promise<User> => {
  const user = await deps.users.findByEmail(session.email);
  if (!user || user.userId !== session.userId) throw unauthorized(ErrorCode.UNAUTHENTICATED);
  return user;
};

const requireNoMfa = (user: User): void => {
  if (user.mfa.method !== 'NONE') throw conflict(ErrorCode.MFA_ALREADY_ENABLED);
};

/**
 * Runs a code check under the per-user attempt limit: 5 wrong codes in a row block further checks
 * with back-off, like sign-in. A wrong code answers 422 INVALID_CODE (the session itself is fine).
 */
const checkCode = async (
  deps: AuthDeps,
  user: User,
  now: Date,
  check: () => Promise<boolean>,
): Promise<void> => {
  const subject = keyedHash(deps.keys.codePepper, 'mfa-settings', user.userId);
  // Reserved before the check, so concurrent guesses cannot pass the limit.
  const slot = await takeAttempt(deps.throttle, subject, now);
  if (await check()) {
    await deps.throttle.reset(subject);
    return;
  }
  const { failures } = slot.taken;
  throw rejected(ErrorCode.INVALID_CODE, {
    attemptsRemaining: Math.max(0, AuthPolicy.throttleAfterFailures - failures),
  });
};

/** One SMS per 30 s at most, so these routes cannot be used to flood a phone. */
const refuseIfSentRecently = (sentAt: string, now: Date): void => {
  const nextAllowed = new Date(new Date(sentAt).getTime() + AuthPolicy.resendIntervalSeconds * 1000);
  const wait = secondsUntil(nextAllowed.toISOString(), now);
  if (wait > 0) throw tooManyAttempts(wait);
};

const enrolmentExpiry = (now: Date): string =>
  new Date(now.getTime() + AuthPolicy.enrolmentTtlSeconds * 1000).toISOString();

/** Starts authenticator-app enrolment: a new secret, shown once, to be confirmed with a code. */
export const startTotpEnrolment = async (deps: AuthDeps, session: Session, now: Date) => {
  const user = await currentUser(deps, session);
  requireNoMfa(user);
  const secret = generateTotpSecret();
  const expiresAt = enrolmentExpiry(now);
  await deps.users.setPendingEnrolment(user.email, { method: 'TOTP', secret, expiresAt });
  return { secret, otpauthUri: totpUri(secret, user.email), expiresAt };
};

export const confirmTotpEnrolment = async (deps: AuthDeps, session: Session, code: string, now: Date) => {
  const user = await currentUser(deps, session);
  requireNoMfa(user);
  const pending = user.pendingEnrolment;
  if (pending?.method !== 'TOTP' || new Date(pending.expiresAt) <= now) {
    throw conflict(ErrorCode.ENROLMENT_NOT_STARTED);
  }
  const step = matchTotpStep(pending.secret, code, now);
  await checkCode(deps, user, now, async () => step !== null);
  await deps.users.setMfa(user.email, { method: 'TOTP', secret: pending.secret });
  // The confirming code must not also work for the next sign-in.
  if (step !== null) await deps.users.useTotpStep(user.email, step);
  return { mfa: { method: 'TOTP' as const } };
};

/** Starts SMS enrolment: sends a code to the new phone, to be confirmed. */
export const startSmsEnrolment = async (deps: AuthDeps, session: Session, phoneNumber: string, now: Date) => {
  const user = await currentUser(deps, session);
  requireNoMfa(user);
  const pending = user.pendingEnrolment;
  if (pending?.method === 'SMS') refuseIfSentRecently(pending.sentAt, now);
  await reserveSms(deps, user.userId, phoneNumber, now);
  const code = generateSmsCode();
  const expiresAt = enrolmentExpiry(now);
  await deps.users.setPendingEnrolment(user.email, {
    method: 'SMS',
    phoneNumber,
    codeHash: hashCode(deps.keys.codePepper, `enrol:${user.userId}:${phoneNumber}`, code),
    sentAt: now.toISOString(),
    expiresAt,
  });
  await deps.sms.send(phoneNumber, smsCodeText(user.locale, code));
  return { destination: maskPhoneNumber(phoneNumber), expiresAt };
};

export const confirmSmsEnrolment = async (deps: AuthDeps, session: Session, code: string, now: Date) => {
  const user = await currentUser(deps, session);
  requireNoMfa(user);
  const pending = user.pendingEnrolment;
  if (pending?.method !== 'SMS' || new Date(pending.expiresAt) <= now) {
    throw conflict(ErrorCode.ENROLMENT_NOT_STARTED);
  }
  await checkCode(deps, user, now, async () =>
    codeMatches(deps.keys.codePepper, `enrol:${user.userId}:${pending.phoneNumber}`, code, pending.codeHash),
  );
  await deps.users.setMfa(user.email, { method: 'SMS', phoneNumber: pending.phoneNumber });
  return { mfa: { method: 'SMS' as const, destination: maskPhoneNumber(pending.phoneNumber) } };
};

/** Sends an SMS user a code that confirms turning 2FA off. */
export const sendStepUpCode = async (deps: AuthDeps, session: Session, now: Date) => {
  const user = await currentUser(deps, session);
  if (user.mfa.method === 'NONE') throw conflict(ErrorCode.MFA_NOT_ENABLED);
  if (user.mfa.method === 'TOTP') throw conflict(ErrorCode.RESEND_NOT_AVAILABLE);
  if (user.stepUpCode) refuseIfSentRecently(user.stepUpCode.sentAt, now);
  await reserveSms(deps, user.userId, user.mfa.phoneNumber, now);
  const code = generateSmsCode();
  const expiresAt = new Date(now.getTime() + AuthPolicy.smsCodeTtlSeconds * 1000).toISOString();
  await deps.users.setStepUpCode(user.email, {
    codeHash: hashCode(deps.keys.codePepper, `step-up:${user.userId}`, code),
    sentAt: now.toISOString(),
    expiresAt,
  });
  await deps.sms.send(user.mfa.phoneNumber, smsCodeText(user.locale, code));
  return { destination: maskPhoneNumber(user.mfa.phoneNumber), expiresAt };
};

/** Turns 2FA off, with a current code (from the app, or the step-up SMS). */
export const disableMfa = async (deps: AuthDeps, session: Session, code: string, now: Date) => {
  const user = await currentUser(deps, session);
  if (user.mfa.method === 'NONE') throw conflict(ErrorCode.MFA_NOT_ENABLED);
  await checkCode(deps, user, now, async () => {
    if (user.mfa.method === 'TOTP') return acceptTotpCode(deps, user, code, now);
    const stepUp = user.stepUpCode;
    return (
      stepUp !== undefined &&
      new Date(stepUp.expiresAt) > now &&
      codeMatches(deps.keys.codePepper, `step-up:${user.userId}`, code, stepUp.codeHash)
    );
  });
  await deps.users.setMfa(user.email, { method: 'NONE' });
  return { mfa: { method: 'NONE' as const } };
};
