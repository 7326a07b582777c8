import { actorOfApiKey, actorOfSession, apiKeySubject } from '../../domain/actor';
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
import type { RateLimitRule, RateLimitStore, RateLimitUsage } from '../../ports/rate-limits';
import type { TokenService } from '../../ports/tokens';
import { Problem, ProblemCode, retryLaterProblem } from '../problem';
import { bearerToken } from '../request';
import type { HttpMiddleware, RequestState } from './request-state';

/** Where the session or the API key behind a bearer credential is looked up. */
export interface AuthenticationDeps {
  tokens: () => Promise<TokenService>;
  sessions: () => Pick<SessionStore, 'get'>;
  apiKeys: () => Pick<ApiKeyStore, 'get' | 'recordUse'>;
  rateLimits: () => RateLimitStore;
  /** Requests each key may send per window (PRODUCT.md §6). */
  apiKeyRateLimit: RateLimitRule;
}

/**
 * What the route lets in: a user's session always; an API key only with `scope`. On a `readOnly` route a
 * key's rate-limit count runs alongside the handler and the answer waits for it; elsewhere it is settled
 * before the handler, so a refused request has no effect.
 */
export interface AuthenticationPolicy {
  scope?: ApiKeyScope;
  readOnly?: boolean;
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

/** `problem`, once the count in flight has landed: a refused request is counted as a served one is. */
const settled = async (usage: Promise<unknown>, problem: Problem): Promise<Problem> => {
  await usage.catch(() => undefined);
  return problem;
};

/**
 * The key behind an `rhk_` credential, usable and with the route's scope; or the answer: 401 for
 * anything unknown, revoked or expired (one read, no cache, so a revocation holds at once), 403
 * INSUFFICIENT_SCOPE. Its rate-limit count is returned still in flight (see `withinRateLimit`).
 */
const authenticateApiKey = async (
  deps: AuthenticationDeps,
  policy: AuthenticationPolicy,
  secret: string,
  now: Date,
): Promise<{ key: ApiKey; usage: Promise<RateLimitUsage> }> => {
  // A malformed or mistyped key is refused by its checksum, before any read.
  const apiKeyId = apiKeyIdOf(secret);
  if (!apiKeyId) throw unauthenticated();
  // The key's id is in the secret, so its count starts with its read: a well-formed but unknown key is
  // counted too. Marked handled now; whoever awaits it later still sees a failure.
  const usage = deps.rateLimits().hit(apiKeySubject(apiKeyId), deps.apiKeyRateLimit, now);
  usage.catch(() => undefined);
  const key = await deps.apiKeys().get(apiKeyId);
  if (!key || !secretMatches(key, secret) || !apiKeyUsable(key, now))
    throw await settled(usage, unauthenticated());
  if (!policy.scope || !key.scopes.includes(policy.scope))
    throw await settled(usage, insufficientScope(policy.scope));
  if (lastUsedIsStale(key, now)) {
    await deps.apiKeys().recordUse(key.apiKeyId, now, new Date(now.getTime() - LAST_USED_RESOLUTION_MS));
  }
  return { key, usage };
};

/** The answer's RateLimit headers, or 429 RATE_LIMITED carrying them when the key is over its limit. */
const withinRateLimit = (rule: RateLimitRule, usage: RateLimitUsage): Record<string, string> => {
  const headers = rateLimitHeaders(rule, usage.remaining, usage.resetSeconds);
  if (usage.allowed) return headers;
  const problem = retryLaterProblem(429, ProblemCode.RATE_LIMITED, usage.resetSeconds);
  Object.assign(problem.headers, headers);
  throw problem;
};

/** The count left in flight by a read-only route, awaited once (by `after`, or by `onError`). */
const takePendingUsage = (state: RequestState): Promise<RateLimitUsage> | undefined => {
  const pending = state.pendingRateLimit;
  state.pendingRateLimit = undefined;
  return pending;
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
      const { key, usage } = await authenticateApiKey(deps, policy, credential, state.now);
      state.actor = actorOfApiKey(key);
      // A read cannot be undone but has no effect, so its count need not hold it up: the key path then
      // costs what the session path does plus the client's work for one more request.
      if (policy.readOnly) state.pendingRateLimit = usage;
      else state.answerHeaders = withinRateLimit(deps.apiKeyRateLimit, await usage);
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
  // A key's answers say how much of its rate limit is left; over it, the read's answer becomes the 429.
  after: async (request) => {
    const state = request.context.request;
    const pending = takePendingUsage(state);
    if (pending) state.answerHeaders = withinRateLimit(deps.apiKeyRateLimit, await pending);
    const headers = state.answerHeaders;
    if (headers && request.response) request.response.headers = { ...request.response.headers, ...headers };
  },
  // The handler of a read-only route failed while the count was in flight: over the limit, the answer is
  // the 429 still; a count that failed leaves the handler's own error to answer.
  onError: async (request) => {
    const pending = request.context.request ? takePendingUsage(request.context.request) : undefined;
    const usage = pending ? await pending.catch(() => null) : null;
    if (!usage) return;
    try {
      const headers = withinRateLimit(deps.apiKeyRateLimit, usage);
      if (request.error instanceof Problem) Object.assign(request.error.headers, headers);
    } catch (problem) {
      request.error = problem as Problem;
    }
  },
});
