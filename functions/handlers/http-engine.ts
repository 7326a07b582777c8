import { API_KEY_RATE_LIMIT } from '../domain/api-key';
import { httpEngine } from '../http/handler';
import { apiKeyStore, clock, rateLimitStore, sessionStore, tokenService } from '../wiring';

/**
 * The HTTP engine as the route handlers use it, given its clock and the session lookup here, at the
 * edge, so the engine itself never reaches into the composition root. Not a route: no route id is
 * `http-engine`.
 */
export const { httpHandler, fallbackHandler } = httpEngine({
  clock,
  tokens: tokenService,
  sessions: sessionStore,
  apiKeys: apiKeyStore,
  rateLimits: rateLimitStore,
  apiKeyRateLimit: API_KEY_RATE_LIMIT,
});
