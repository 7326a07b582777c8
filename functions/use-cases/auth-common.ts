/**
 * What the sign-in and two-step-settings use cases share: their dependencies, the attempt limit every
 * guessable secret goes through, and opening a session.
 */

import { randomBytes } from 'node:crypto';
import { AuditAction, auditActorOf, newAuditEvent } from '../domain/audit-event';
import { AuthPolicy } from '../domain/auth-policy';
import type { DerivedKeys } from '../domain/secrets';
import type { Session } from '../domain/session';
import { releaseAttempt, reserveAttempt, type ThrottleRule, type ThrottleState } from '../domain/throttle';
import type { User } from '../domain/user';
import type { AuditLog } from '../ports/audit-log';
import type { ChallengeStore, SessionStore, SmsQuotaStore, ThrottleStore } from '../ports/auth-records';
import type { SmsSender } from '../ports/messaging';
import type { TokenService } from '../ports/tokens';
import type { UserStore } from '../ports/users';
import type { WorkspaceStore } from '../ports/workspaces';
import { type ApplicationError, ErrorCode, rateLimited } from './errors';

/** The deployment's settings sign-in reads. */
export interface SignInSettings {
  sessionTtlSeconds: number;
  /** scrypt's cost (log2 N) of new password hashes and of the decoy that hides unknown emails. */
  scryptLogN: number;
}

/** What the sign-in use cases need; the handlers fill it from the wiring. */
export interface AuthDeps {
  users: UserStore;
  challenges: ChallengeStore;
  sessions: SessionStore;
  throttle: ThrottleStore;
  smsQuota: SmsQuotaStore;
  sms: SmsSender;
  tokens: TokenService;
  keys: DerivedKeys;
  config: SignInSettings;
  /** The signed-in user's workspaces each record the sign-in in their audit log. */
  workspaces: Pick<WorkspaceStore, 'listForAdmin'>;
  audit: AuditLog;
}

/** The back-off rule for consecutive failures, from the sign-in policy. */
export const failureThrottle: ThrottleRule = {
  afterFailures: AuthPolicy.throttleAfterFailures,
  baseSeconds: AuthPolicy.throttleBaseSeconds,
  maxSeconds: AuthPolicy.throttleMaxSeconds,
};

/** 429 TOO_MANY_ATTEMPTS with `Retry-After`. */
export const tooManyAttempts = (retryAfter: number): ApplicationError =>
  rateLimited(ErrorCode.TOO_MANY_ATTEMPTS, retryAfter);

/** An attempt slot taken before evaluating the attempt; it counts as a failure unless released or reset. */
export interface AttemptSlot {
  subject: string;
  /** The counter as this slot wrote it. */
  taken: ThrottleState;
}

/**
 * Reserves an attempt for `subject` before it is evaluated (PRODUCT.md §1: limits hold under
 * concurrency). A failed attempt then needs no further write.
 * @throws ApplicationError 429 TOO_MANY_ATTEMPTS while the subject is blocked, or when the counter could not be
 * updated for contention (fail closed).
 */
export const takeAttempt = async (
  throttle: ThrottleStore,
  subject: string,
  now: Date,
): Promise<AttemptSlot> => {
  let retryAfter = 1;
  const written = await throttle.update(subject, (current) => {
    const decision = reserveAttempt(current, now, failureThrottle);
    if ('retryAfter' in decision) {
      retryAfter = decision.retryAfter;
      return null;
    }
    return decision.next;
  });
  if (!written?.after) throw tooManyAttempts(retryAfter);
  return { subject, taken: written.after };
};

/**
 * Gives a slot back: the attempt was not a failure, but not a completed sign-in either (a right password
 * before the second factor). Not a reset, or knowing the password would buy unlimited code guesses.
 * Under extreme contention the slot simply stays counted (fail closed).
 */
export const giveBackAttempt = async (throttle: ThrottleStore, slot: AttemptSlot): Promise<void> => {
  await throttle.update(slot.subject, (current) => releaseAttempt(current, slot.taken, failureThrottle));
};

/** The body of a successful sign-in. */
export interface AuthenticatedResult {
  status: 'AUTHENTICATED';
  accessToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
}

/** An unguessable identifier: 256 bits from the CSPRNG, base64url. */
export const newId = (): string => randomBytes(32).toString('base64url');

/** Opens a session for a fully signed-in user and signs its access token. */
export const openSession = async (
  deps: Pick<AuthDeps, 'sessions' | 'tokens' | 'config' | 'workspaces' | 'audit'>,
  user: User,
  now: Date,
): Promise<AuthenticatedResult> => {
  const expiresIn = deps.config.sessionTtlSeconds;
  const session: Session = {
    sessionId: newId(),
    userId: user.userId,
    email: user.email,
    locale: user.locale,
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + expiresIn * 1000).toISOString(),
  };
  await deps.sessions.create(session);
  const workspaces = await deps.workspaces.listForAdmin(user.userId);
  await deps.audit.appendMany(
    workspaces.map((workspace) =>
      newAuditEvent({
        workspaceId: workspace.workspaceId,
        action: AuditAction.SIGNED_IN,
        at: session.createdAt,
        actor: auditActorOf(user),
      }),
    ),
  );
  const accessToken = await deps.tokens.sign(
    { sessionId: session.sessionId, userId: user.userId },
    now,
    new Date(session.expiresAt),
  );
  return { status: 'AUTHENTICATED', accessToken, tokenType: 'Bearer', expiresIn };
};
