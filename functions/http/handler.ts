/**
 * The HTTP engine every handler is built with. A handler declares its route id, its contract (the
 * schemas of its inputs and answers, `functions/contracts/`) and a function from a validated request to
 * one of the contract's answers; the engine runs it in a middy pipeline:
 * log context → metrics → problem boundary → request state → authentication (for `auth` routes of the route table) → locale → input validation →
 * the handler; the boundary answers every failure as RFC 9457 problem details.
 * It is given what it needs (`HttpEngineDeps`) by the composition root; it imports none of it.
 */
import middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type { z } from 'zod/mini';
import type { Contracts } from '../contracts';
import type { ContractAnswer, RouteContract } from '../contracts/route-contract';
import type { Actor } from '../domain/actor';
import type { Clock } from '../domain/clock';
import type { Locale } from '../domain/locale';
import type { Session } from '../domain/session';
import { type RouteDefinition, type RouteId, routes } from '../routes';
import { logContext } from './log-context';
import { httpMetrics } from './metrics';
import { type AuthenticationDeps, authentication } from './middlewares/authentication';
import { input } from './middlewares/input';
import { locale } from './middlewares/locale';
import { problemBoundary } from './middlewares/problem-boundary';
import { type HttpContext, type HttpMiddleware, requestState } from './middlewares/request-state';
import { rawBodyOf } from './request';
import { type HttpResponse, toResult } from './response';
import { unmatchedRouteProblem } from './unmatched-route';

export type { HttpResponse } from './response';

/** The validated type of a contract's `body` or `query`; undefined when it declares none. */
type Input<C, K extends 'body' | 'query'> = C extends { [P in K]: infer S extends z.ZodMiniType }
  ? z.output<S>
  : undefined;

/** What a handler's `run` receives: validated inputs and who is asking. */
export interface HttpRequest<
  TBody,
  TQuery,
  TSession extends Session | null,
  TActor extends Actor | null = null,
> {
  routeId: RouteId;
  body: TBody;
  query: TQuery;
  params: Record<string, string>;
  headers: Record<string, string>;
  /** The body exactly as received (for signatures); empty when there is none. */
  rawBody: string;
  locale: Locale;
  /** The signed-in user's session: on routes about a person, which keys cannot call. */
  session: TSession;
  /** Who the request acts for, a user or an API key: on routes keys may call. */
  actor: TActor;
  now: Date;
  sourceIp: string;
}

type Route<R extends RouteId> = (typeof routes)[R];
/** A session for `auth` routes about a person (no `scope`: keys cannot call them). */
type SessionOf<R extends RouteId> = Route<R>['auth'] extends true
  ? Route<R> extends { scope: string }
    ? null
    : Session
  : null;
/** An actor for routes keys may call (with a `scope`). */
type ActorOf<R extends RouteId> = Route<R> extends { scope: string } ? Actor : null;

export type ApiHandler = (
  event: APIGatewayProxyEventV2,
  context: Context,
) => Promise<APIGatewayProxyStructuredResultV2>;

/** What the engine needs from the composition root. */
export interface HttpEngineDeps extends AuthenticationDeps {
  clock: () => Clock;
}

/** The engine: builds route handlers and the fallback with the given dependencies. */
export const httpEngine = (deps: HttpEngineDeps) => {
  // The log context and the metrics come first, so their `after`/`onError` see the final answer.
  const pipeline = (routeId?: RouteId) => {
    const chain = middy<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Error, HttpContext>();
    chain.use(logContext() as HttpMiddleware);
    if (routeId) chain.use(httpMetrics(routeId) as HttpMiddleware);
    return chain.use(problemBoundary()).use(requestState(deps.clock));
  };

  /** Builds the Lambda handler of route `routeId`. */
  const httpHandler = <R extends RouteId>(
    routeId: R,
    contract: NoInfer<Contracts[R]>,
    run: NoInfer<
      (
        request: HttpRequest<
          Input<Contracts[R], 'body'>,
          Input<Contracts[R], 'query'>,
          SessionOf<R>,
          ActorOf<R>
        >,
      ) => Promise<ContractAnswer<Contracts[R]>>
    >,
  ): ApiHandler => {
    const chain = pipeline(routeId);
    const route: RouteDefinition = routes[routeId];
    if (route.auth) chain.use(authentication(deps, { scope: route.scope, readOnly: route.method === 'GET' }));
    return chain
      .use(locale())
      .use(input(contract as RouteContract))
      .handler(async (event, context) => {
        const state = context.request;
        const response = await run({
          routeId,
          body: state.body as never,
          query: state.query as never,
          params: (event.pathParameters ?? {}) as Record<string, string>,
          headers: state.headers,
          rawBody: rawBodyOf(event),
          locale: state.locale ?? 'en',
          session: state.session as SessionOf<R>,
          actor: state.actor as ActorOf<R>,
          now: state.now,
          sourceIp: event.requestContext?.http?.sourceIp ?? '',
        });
        return toResult(response as HttpResponse);
      }) as unknown as ApiHandler;
  };

  /**
   * The deployed API's `$default` route: a request that matches no route gets the same RFC 9457 answer
   * as locally (404 ROUTE_NOT_FOUND, or 405 with `Allow`) instead of API Gateway's own `{"message": …}`.
   */
  const fallbackHandler = (): ApiHandler =>
    pipeline().handler(async (event) => {
      throw unmatchedRouteProblem(event.rawPath ?? '/');
    }) as unknown as ApiHandler;

  return { httpHandler, fallbackHandler };
};
