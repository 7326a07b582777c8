import { actorOfApiKey, actorOfSession } from '../../domain/actor';
import {
  type ApiKey,
  type ApiKeyScope,
  apiKeyIdOf,
  apiKeyUsable,
  LAST_USED_RESOLUTION_MS,
  lastUsedIsStale,
  looksLikeApiKey,
  secretMatches,
} from '../../domain/api-key';
import type { ApiKeyStore } from '../../ports/api-keys';
import type { SessionStore } from '../../ports/auth-records';
import type { RateLimitRule, RateLimitStore } from '../../ports/rate-limits';
import type { TokenService } from '../../ports/tokens';
import { Problem, ProblemCode, retryLaterProblem } from '../problem';
import { bearerToken } from '../request';
import type { HttpMiddleware } from './request-state';

/** Where the session or the API key behind a bearer credential is looked up. */
export interface AuthenticationDeps {
  tokens: () => Promise<TokenService>;
  sessions: () => Pick<SessionStore, 'get'>;
  apiKeys: () => Pick<ApiKeyStore, 'get' | 'recordUse'>;
  rateLimits: () => RateLimitStore;
  /** Requests each key may send per window (PRODUCT.md §6). */
  apiKeyRateLimit: RateLimitRule;
}

/** What the route lets in: a user's session always; an API key only with `scope`. */
export interface AuthenticationPolicy {
  scope?: ApiKeyScope;
}

const unauthenticated = (): Problem =>
  new Problem(401, ProblemCode.UNAUTHENTICATED, {
    headers: { 'www-authenticate': 'Bearer realm="renewal-hub"' },
  });

const insufficientScope = (scope: ApiKeyScope | undefined): Problem =>
  new Problem(403, ProblemCode.INSUFFICIENT_SCOPE, { extensions: { requiredScope: scope ?? null } });

/** IETF RateLimit headers (draft-ietf-httpapi-ratelimit-headers): the policy, and what is left of it. */
const rateLimitHeaders = (rule: RateLimitRule, remaining: number, resetSeconds: number) => ({
  'ratelimit-policy': `"per-key";q=${rule.limit};w=${rule.windowSeconds}`,
  ratelimit: `"per-key";r=${remaining};t=${resetSeconds}`,
});

/**
 * The key behind an `rhk_` credential, usable and with the route's scope, within its rate limit; or the
 * answer: 401 for anything unknown, revoked or expired (one read, no cache, so a revocation holds at
 * once), 403 INSUFFICIENT_SCOPE, 429 RATE_LIMITED.
 */
const authenticateApiKey = async (
  deps: AuthenticationDeps,
  policy: AuthenticationPolicy,
  secret: string,
  now: Date,
): Promise<{ key: ApiKey; headers: Record<string, string> }> => {
  // A malformed or mistyped key is refused by its checksum, before any read.
  const apiKeyId = apiKeyIdOf(secret);
  if (!apiKeyId) throw unauthenticated();
  // The key's id is in the secret, so its read and its rate-limit count go out together: the key path
  // costs one round trip, as a session does. A request with a well-formed but unknown key is counted too.
  const rule = deps.apiKeyRateLimit;
  const [key, usage] = await Promise.all([
    deps.apiKeys().get(apiKeyId),
    deps.rateLimits().hit(`api-key:${apiKeyId}`, rule, now),
  ]);
  if (!key || !secretMatches(key, secret) || !apiKeyUsable(key, now)) throw unauthenticated();
  if (!policy.scope || !key.scopes.includes(policy.scope)) throw insufficientScope(policy.scope);
  const headers = rateLimitHeaders(rule, usage.remaining, usage.resetSeconds);
  if (!usage.allowed) {
    const problem = retryLaterProblem(429, ProblemCode.RATE_LIMITED, usage.resetSeconds);
    Object.assign(problem.headers, headers);
    throw problem;
  }
  if (lastUsedIsStale(key, now)) {
    await deps.apiKeys().recordUse(key.apiKeyId, now, new Date(now.getTime() - LAST_USED_RESOLUTION_MS));
  }
  return { key, headers };
};

/**
 * Resolves who is asking on a route that needs it, or answers 401 UNAUTHENTICATED: a bad signature, an
 * expired token, a revoked session, an unknown or revoked key all look the same. A bearer credential
 * starting `rhk_` is an API key; anything else an access token naming a session.
 */
export const authentication = (deps: AuthenticationDeps, policy: AuthenticationPolicy): HttpMiddleware => ({
  before: async (request) => {
    const state = request.context.request;
    const credential = bearerToken(state.headers);
    if (credential && looksLikeApiKey(credential)) {
      const { key, headers } = await authenticateApiKey(deps, policy, credential, state.now);
      state.actor = actorOfApiKey(key);
      state.answerHeaders = headers;
      return;
    }
    const claims = credential ? await (await deps.tokens()).verify(credential, state.now) : null;
    const session = claims ? await deps.sessions().get(claims.sessionId) : null;
    if (!session || session.userId !== claims?.userId || new Date(session.expiresAt) <= state.now) {
      throw unauthenticated();
    }
    state.session = session;
    state.actor = actorOfSession(session);
  },
  // A key's answers say how much of its rate limit is left.
  after: (request) => {
    const headers = request.context.request.answerHeaders;
    if (headers && request.response) request.response.headers = { ...request.response.headers, ...headers };
  },
});
