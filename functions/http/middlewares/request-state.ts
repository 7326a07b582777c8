import type middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type { Actor } from '../../domain/actor';
import type { Clock } from '../../domain/clock';
import type { Locale } from '../../domain/locale';
import type { Session } from '../../domain/session';
import type { RateLimitUsage } from '../../ports/rate-limits';
import { normalizeHeaders } from '../request';

/**
 * What the HTTP middlewares learn about a request, kept on middy's context for the next ones and the
 * handler: when it arrived, its headers, who is asking, in which language to answer, and its inputs.
 */
export interface RequestState {
  now: Date;
  /** Lower-cased names. */
  headers: Record<string, string>;
  /** The signed-in user's session; null on public routes and for API keys. */
  session: Session | null;
  /** Who the request acts for: a session's user, or an API key. Null on public routes. */
  actor: Actor | null;
  /** Headers the authentication adds to a successful answer (a key's rate-limit headers). */
  answerHeaders?: Record<string, string>;
  /** A key's rate-limit count still in flight on a read-only route; the answer waits for it. */
  pendingRateLimit?: Promise<RateLimitUsage>;
  /** Unset until the locale middleware ran; the error boundary then negotiates from the headers. */
  locale?: Locale;
  body: unknown;
  query: unknown;
}

/** The Lambda context with the request's state. */
export type HttpContext = Context & { request: RequestState };

/** A middleware of the HTTP pipeline. */
export type HttpMiddleware = middy.MiddlewareObj<
  APIGatewayProxyEventV2,
  APIGatewayProxyStructuredResultV2,
  Error,
  HttpContext
>;

/** First of the pipeline: the arrival time (one clock read per request) and the normalized headers. */
export const requestState = (clock: () => Clock): HttpMiddleware => ({
  before: (request) => {
    request.context.request = {
      now: clock().now(),
      headers: normalizeHeaders(request.event.headers),
      session: null,
      actor: null,
      body: undefined,
      query: undefined,
    };
  },
});
