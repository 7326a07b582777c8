import type { SessionStore } from '../../ports/auth-records';
import type { TokenService } from '../../ports/tokens';
import { Problem, ProblemCode } from '../problem';
import { bearerToken } from '../request';
import type { HttpMiddleware } from './request-state';

/** Where the session behind a bearer token is looked up. */
export interface AuthenticationDeps {
  tokens: () => Promise<TokenService>;
  sessions: () => Pick<SessionStore, 'get'>;
}

/**
 * Resolves the bearer session of a route that needs one, or answers 401 UNAUTHENTICATED: a bad
 * signature, an expired token, or a revoked session all look the same.
 */
export const authentication = (deps: AuthenticationDeps): HttpMiddleware => ({
  before: async (request) => {
    const state = request.context.request;
    const token = bearerToken(state.headers);
    const claims = token ? await (await deps.tokens()).verify(token, state.now) : null;
    const session = claims ? await deps.sessions().get(claims.sessionId) : null;
    if (!session || session.userId !== claims?.userId || new Date(session.expiresAt) <= state.now) {
      throw new Problem(401, ProblemCode.UNAUTHENTICATED, {
        headers: { 'www-authenticate': 'Bearer realm="renewal-hub"' },
      });
    }
    state.session = session;
  },
});
