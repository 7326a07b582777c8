/**
 * Calls route handlers the way API Gateway does: through the route table, with an HTTP API v2
 * event, so handler tests exercise the same code path as the deployed functions.
 */
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type { ApiHandler } from '../../functions/http/handler';
import { type RouteId, routes } from '../../functions/routes';
import { validateAnswer } from './openapi-validator';

export interface ApiCall {
  body?: unknown;
  /** A raw body string, sent as is (for malformed JSON). */
  rawBody?: string;
  headers?: Record<string, string>;
  params?: Record<string, string>;
  query?: Record<string, string>;
  token?: string;
}

export interface ApiAnswer {
  status: number;
  headers: Record<string, string>;
  // biome-ignore lint/suspicious/noExplicitAny: tests read any field of a JSON answer
  body: any;
}

const handlers = new Map<RouteId, ApiHandler>();

const loadHandler = async (routeId: RouteId): Promise<ApiHandler> => {
  const cached = handlers.get(routeId);
  if (cached) return cached;
  const module = (await import(`../../functions/handlers/${routeId}`)) as { handler: ApiHandler };
  handlers.set(routeId, module.handler);
  return module.handler;
};

export const buildEvent = (routeId: RouteId, call: ApiCall = {}): APIGatewayProxyEventV2 => {
  const route = routes[routeId];
  const rawPath = route.path.replace(/\{(\w+)\}/g, (_, name: string) =>
    encodeURIComponent(call.params?.[name] ?? ''),
  );
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    ...(call.token ? { authorization: `Bearer ${call.token}` } : {}),
    ...Object.fromEntries(Object.entries(call.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v])),
  };
  return {
    version: '2.0',
    routeKey: `${route.method} ${route.path}`,
    rawPath,
    rawQueryString: new URLSearchParams(call.query ?? {}).toString(),
    headers,
    queryStringParameters: call.query,
    pathParameters: call.params,
    body: call.rawBody ?? (call.body === undefined ? undefined : JSON.stringify(call.body)),
    isBase64Encoded: false,
    requestContext: {
      accountId: 'test',
      apiId: 'test',
      domainName: 'localhost',
      domainPrefix: 'localhost',
      http: {
        method: route.method,
        path: rawPath,
        protocol: 'HTTP/1.1',
        sourceIp: '127.0.0.1',
        userAgent: 'jest',
      },
      requestId: 'test-request',
      routeKey: `${route.method} ${route.path}`,
      stage: '$default',
      time: '',
      timeEpoch: 0,
    },
  };
};

/** Invokes a route's handler, parses its answer and validates it against the OpenAPI document. */
export const callRoute = async (routeId: RouteId, call: ApiCall = {}): Promise<ApiAnswer> => {
  const handler = await loadHandler(routeId);
  const result = (await handler(buildEvent(routeId, call), {
    awsRequestId: 'test',
  } as Context)) as APIGatewayProxyStructuredResultV2;
  const text = typeof result.body === 'string' ? result.body : '';
  const answer = {
    status: result.statusCode ?? 0,
    headers: (result.headers ?? {}) as Record<string, string>,
    body: text ? JSON.parse(text) : undefined,
  };
  validateAnswer(routeId, {
    status: answer.status,
    contentType: answer.headers['content-type'],
    body: answer.body,
  });
  return answer;
};
