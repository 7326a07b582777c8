import { httpEngine } from '../http/handler';
import { clock, sessionStore, tokenService } from '../wiring';

/**
 * The HTTP engine as the route handlers use it, given its clock and the session lookup here, at the
 * edge, so the engine itself never reaches into the composition root. Not a route: no route id is
 * `http-engine`.
 */
export const { httpHandler, fallbackHandler } = httpEngine({
  clock,
  tokens: tokenService,
  sessions: sessionStore,
});
