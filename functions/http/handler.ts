/**
 * The HTTP engine every handler is built with. A handler declares its route id, the schemas of its
 * inputs and a function from a validated request to a response; this module does the rest: JSON
 * parsing, validation, authentication (for `auth` routes of the route table), language negotiation,
 * and RFC 9457 problem details for every failure, with no stack trace ever leaving the function.
 */
import middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type { z } from 'zod/mini';
import * as zm from 'zod/mini';
import { isDependencyUnavailable } from '../adapters/dependency-errors';
import { type Locale, negotiateLocale } from '../domain/locale';
import { problemDetail } from '../domain/messages';
import { logger } from '../logger';
import type { Session } from '../ports/auth-records';
import { type RouteId, routes } from '../routes';
import { clock, sessionStore, tokenService } from '../wiring';
import { logContext } from './log-context';
import { httpMetrics } from './metrics';
import { Problem, ProblemCode, problemBody, retryLaterProblem } from './problem';
import { bearerToken, normalizeHeaders, rawBodyOf, readJsonBody } from './request';
import { unmatchedRouteProblem } from './unmatched-route';
import { parseOrThrow } from './validation';

/** What a handler's `run` receives: validated inputs and who is asking. */
export interface HttpRequest<TBody, TQuery, TSession extends Session | null> {
  routeId: RouteId;
  body: TBody;
  query: TQuery;
  params: Record<string, string>;
  headers: Record<string, string>;
  /** The body exactly as received (for signatures); empty when there is none. */
  rawBody: string;
  locale: Locale;
  session: TSession;
  now: Date;
  sourceIp: string;
}

export interface HttpResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

interface InputSchemas<TBody, TQuery> {
  /** Without one, a route takes no body: anything but nothing or `{}` is refused. */
  body?: z.ZodMiniType<TBody>;
  query?: z.ZodMiniType<TQuery>;
  /** The handler reads `rawBody` itself (signed webhooks): the body is neither parsed nor checked. */
  rawBody?: true;
}

const NO_BODY = zm.optional(zm.strictObject({}));

type SessionOf<R extends RouteId> = (typeof routes)[R]['auth'] extends true ? Session : null;

const BASE_HEADERS = {
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
} as const;

export type ApiHandler = (
  event: APIGatewayProxyEventV2,
  context: Context,
) => Promise<APIGatewayProxyStructuredResultV2>;

/** Builds the Lambda handler of route `routeId`. */
export const httpHandler = <R extends RouteId, TBody = undefined, TQuery = undefined>(
  routeId: R,
  schemas: InputSchemas<TBody, TQuery>,
  run: (request: HttpRequest<TBody, TQuery, SessionOf<R>>) => Promise<HttpResponse>,
): ApiHandler => {
  const route = routes[routeId];
  const handle = async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> => {
    const headers = normalizeHeaders(event.headers);
    const now = clock().now();
    const session = route.auth ? await authenticate(headers, now) : null;
    const locale = negotiateLocale(headers['accept-language'], session?.locale);
    try {
      const body = readBody(schemas, event);
      const query = schemas.query
        ? parseOrThrow(schemas.query, event.queryStringParameters ?? {}, 'query')
        : undefined;
      const response = await run({
        routeId,
        body: body as TBody,
        query: query as TQuery,
        params: (event.pathParameters ?? {}) as Record<string, string>,
        headers,
        rawBody: rawBodyOf(event),
        locale,
        session: session as SessionOf<R>,
        now,
        sourceIp: event.requestContext?.http?.sourceIp ?? '',
      });
      return toResult(response);
    } catch (error) {
      throw Object.assign(error instanceof Error ? error : new Error(String(error)), { locale });
    }
  };
  return middy<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>()
    .use(logContext())
    .use(httpMetrics(routeId))
    .use(problemBoundary())
    .handler(handle) as unknown as ApiHandler;
};

/**
 * The deployed API's `$default` route: a request that matches no route gets the same RFC 9457 answer as
 * locally (404 ROUTE_NOT_FOUND, or 405 with `Allow`) instead of API Gateway's own `{"message": …}`.
 */
export const fallbackHandler = (): ApiHandler =>
  middy<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>()
    .use(logContext())
    .use(problemBoundary())
    .handler(async (event) => {
      throw unmatchedRouteProblem(event.rawPath ?? '/');
    }) as unknown as ApiHandler;

/** The validated body; a route without a body schema accepts none (or `{}`), unless it reads it raw. */
const readBody = <TBody, TQuery>(
  schemas: InputSchemas<TBody, TQuery>,
  event: APIGatewayProxyEventV2,
): TBody | undefined => {
  if (schemas.body) return parseOrThrow(schemas.body, readJsonBody(event), 'body');
  if (!schemas.rawBody) parseOrThrow(NO_BODY, readJsonBody(event), 'body');
  return undefined;
};

/** Resolves the bearer session or throws 401 UNAUTHENTICATED: bad signature, expired, or revoked. */
const authenticate = async (headers: Record<string, string>, now: Date): Promise<Session> => {
  const token = bearerToken(headers);
  const claims = token ? await (await tokenService()).verify(token, now) : null;
  const session = claims ? await sessionStore().get(claims.sessionId) : null;
  if (!session || session.userId !== claims?.userId || new Date(session.expiresAt) <= now) {
    throw new Problem(401, ProblemCode.UNAUTHENTICATED, {
      headers: { 'www-authenticate': 'Bearer realm="renewal-hub"' },
    });
  }
  return session;
};

const toResult = (response: HttpResponse): APIGatewayProxyStructuredResultV2 => ({
  statusCode: response.status,
  headers: {
    ...BASE_HEADERS,
    ...(response.body === undefined ? {} : { 'content-type': 'application/json; charset=utf-8' }),
    ...response.headers,
  },
  body: response.body === undefined ? '' : JSON.stringify(response.body),
});

/** Turns any error into problem details; unexpected ones are logged and answered 500 without detail. */
const problemBoundary = (): middy.MiddlewareObj<
  APIGatewayProxyEventV2,
  APIGatewayProxyStructuredResultV2
> => ({
  onError: (request) => {
    const error = request.error as (Error & { locale?: Locale }) | null;
    const locale =
      error?.locale ?? negotiateLocale(normalizeHeaders(request.event.headers)['accept-language']);
    const problem = toProblem(error);
    if (problem.code === ProblemCode.SERVICE_UNAVAILABLE) {
      logger.warn('Dependency unavailable', { error: error ?? undefined, path: request.event.rawPath });
    } else if (problem.status >= 500) {
      logger.error('Unhandled error', { error: error ?? undefined, path: request.event.rawPath });
    }
    const localized = problem.detail ? problem : withDetail(problem, locale);
    request.response = {
      statusCode: problem.status,
      headers: {
        ...BASE_HEADERS,
        'content-type': 'application/problem+json; charset=utf-8',
        ...problem.headers,
      },
      body: JSON.stringify(problemBody(localized)),
    };
  },
});

/** Seconds a client is told to wait after a 503: long enough for a throttle or a failover to pass. */
export const SERVICE_UNAVAILABLE_RETRY_AFTER_SECONDS = 2;

/**
 * A dependency that is down or throttling is 503 SERVICE_UNAVAILABLE with `Retry-After` (the caller may
 * retry, the store's webhook does); any other unexpected error is a defect: 500 INTERNAL_ERROR.
 */
const toProblem = (error: unknown): Problem => {
  if (error instanceof Problem) return error;
  if (isDependencyUnavailable(error)) {
    return retryLaterProblem(503, ProblemCode.SERVICE_UNAVAILABLE, SERVICE_UNAVAILABLE_RETRY_AFTER_SECONDS, {
      cause: error,
    });
  }
  return new Problem(500, ProblemCode.INTERNAL_ERROR, { cause: error });
};

const withDetail = (problem: Problem, locale: Locale): Problem =>
  new Problem(problem.status, problem.code, {
    detail: problemDetail(locale, problem.code),
    extensions: problem.extensions,
    headers: problem.headers,
  });
