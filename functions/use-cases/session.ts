import { randomBytes } from 'node:crypto';
import type { Session } from '../domain/session';
import type { User } from '../domain/user';
import type { AuthDeps } from './auth-deps';

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
  deps: Pick<AuthDeps, 'sessions' | 'tokens' | 'config'>,
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
  const accessToken = await deps.tokens.sign(
    { sessionId: session.sessionId, userId: user.userId },
    now,
    new Date(session.expiresAt),
  );
  return { status: 'AUTHENTICATED', accessToken, tokenType: 'Bearer', expiresIn };
};
