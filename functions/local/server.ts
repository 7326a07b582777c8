/**
 * The local HTTP API: a node:http server that serves every route of `functions/routes.ts` by invoking
 * the route's real Lambda handler with an API Gateway HTTP API event, plus the local-only `/_local/*`
 * routes. Routing, CORS, the 404/405 answers and the body limit stand in for API Gateway's.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { localOutbox } from '../adapters/outbox';
import { negotiateLocale } from '../domain/locale';
import type { ApiHandler } from '../http/handler';
import { compilePath, matchPath, type PathTemplate, specificity } from '../http/paths';
import { Problem, ProblemCode, problemBody, titleFor } from '../http/problem';
import { problemDetail } from '../http/problem-messages';
import { unmatchedProblem } from '../http/unmatched-route';
import { type RouteId, routeList } from '../routes';
import { preflightHeaders, responseCorsHeaders } from './cors';
import { lambdaContext, toApiGatewayEvent, writeResult } from './lambda-event';
import { type LocalDependencies, localRoutes } from './local-routes';

/** Largest request body the local server reads; larger ones are refused 413 unread. */
export const LOCAL_MAX_BODY_BYTES = 1024 * 1024;

/**
 * Options of {@link createLocalServer}; all optional. `outbox` defaults to the process-wide
 * {@link localOutbox} the handlers send SMS to.
 */
export interface LocalServerOptions extends Partial<LocalDependencies> {
  /** Loads the Lambda handler of an API route; by default `functions/handlers/<id>.ts`'s `handler`. */
  loadHandler?: (id: RouteId) => Promise<ApiHandler>;
  /** Receives one line per request (method, path, status, duration) and server-side errors. */
  log?: (line: string) => void;
}

/** Raised when a route's handler module cannot be loaded or has no `handler` export. */
export class HandlerLoadError extends Error {
  public constructor(routeId: string, options: { cause?: unknown } = {}) {
    super(`Cannot load the handler of route "${routeId}" (functions/handlers/${routeId}.ts)`, options);
    this.name = 'HandlerLoadError';
  }
}

type Invoke = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;

interface ServedRoute {
  id: string;
  method: string;
  template: PathTemplate;
  memoryMb: number;
  invoke: Invoke;
}

const PROBLEM_HEADERS = {
  'content-type': 'application/problem+json; charset=utf-8',
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
} as const;

/**
 * Creates (does not start) the local API server. Handler modules load on their first request, like a
 * cold start, and stay loaded.
 */
export const createLocalServer = (options: LocalServerOptions = {}): Server => {
  const { outbox = localOutbox, readEmails, loadHandler = importHandler, log = () => undefined } = options;
  const served = servedRoutes(loadHandler, localRoutes({ outbox, readEmails }));
  const apiMethods = [...new Set(routeList().map((route) => route.method))];

  const server = createServer((request, response) => {
    const started = performance.now();
    response.once('finish', () => {
      const path = (request.url ?? '').split('?')[0];
      log(`${request.method} ${path} ${response.statusCode} ${Math.round(performance.now() - started)}ms`);
    });
    handle(request, response, { served, apiMethods, log }).catch((error: unknown) => {
      log(`Local server error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      if (!response.headersSent) sendProblem(request, response, new Problem(500, ProblemCode.INTERNAL_ERROR));
      else response.destroy();
    });
  });
  server.on('clientError', answerClientError);
  return server;
};

/**
 * Requests Node's HTTP parser refuses never reach a handler; Node would answer a bare 400 or 431 (or
 * nothing). Answer problem+json like every other refusal, raw since there is no response object,
 * then hang up: the rest of the connection cannot be parsed.
 */
const answerClientError = (error: Error & { code?: string }, socket: Duplex): void => {
  if (error.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const tooLarge = error.code === 'HPE_HEADER_OVERFLOW';
  const problem = tooLarge
    ? new Problem(431, 'HEADERS_TOO_LARGE', { detail: 'The request headers are too large.' })
    : new Problem(400, 'MALFORMED_REQUEST', { detail: 'The request is not valid HTTP/1.1.' });
  const body = JSON.stringify(problemBody(problem));
  const headers = {
    ...PROBLEM_HEADERS,
    'content-length': String(Buffer.byteLength(body)),
    connection: 'close',
  };
  socket.end(
    `HTTP/1.1 ${problem.status} ${titleFor(problem.status)}\r\n` +
      Object.entries(headers)
        .map(([name, value]) => `${name}: ${value}\r\n`)
        .join('') +
      `\r\n${body}`,
  );
};

interface ServerState {
  served: readonly ServedRoute[];
  apiMethods: readonly string[];
  log: (line: string) => void;
}

const handle = async (request: IncomingMessage, response: ServerResponse, state: ServerState) => {
  const method = request.method ?? 'GET';
  const [rawPath = '/', ...query] = (request.url ?? '/').split('?');
  const origin = request.headers.origin;

  if (method === 'OPTIONS' && request.headers['access-control-request-method']) {
    response.writeHead(204, preflightHeaders(origin, state.apiMethods)).end();
    return;
  }
  const cors = responseCorsHeaders(origin);
  const candidates = state.served
    .map((route) => ({ route, params: matchPath(route.template, rawPath) }))
    .filter((match): match is { route: ServedRoute; params: Record<string, string> } => !!match.params);
  const match = candidates
    .filter(({ route }) => route.method === method)
    .sort((a, b) => specificity(b.route.template) - specificity(a.route.template))[0];
  if (!match) {
    return sendProblem(
      request,
      response,
      unmatchedProblem(candidates.map(({ route }) => route.method)),
      cors,
    );
  }

  const body = await readBody(request);
  if (body === TOO_LARGE) {
    // Say so and hang up (node closes the socket after a `connection: close` answer): the rest is never read.
    return sendProblem(request, response, new Problem(413, ProblemCode.PAYLOAD_TOO_LARGE), {
      ...cors,
      connection: 'close',
    });
  }

  const requestId = randomUUID();
  const { route, params } = match;
  const event = toApiGatewayEvent({
    request,
    route: { method: route.method, path: route.template.template },
    rawPath,
    rawQueryString: query.join('?'),
    pathParameters: params,
    body,
    requestId,
    now: new Date(),
  });
  const context = lambdaContext(`renewal-hub-local-${route.id}`, route.memoryMb);
  let result: APIGatewayProxyStructuredResultV2;
  try {
    result = await route.invoke(event, context);
  } catch (error) {
    // A handler must answer every error itself; one that throws is a bug, shown on the console only.
    state.log(`Route ${route.id} threw: ${error instanceof Error ? (error.stack ?? error.message) : error}`);
    return sendProblem(request, response, new Problem(500, ProblemCode.INTERNAL_ERROR), cors);
  }
  writeResult(response, result, { ...cors, 'apigw-requestid': requestId });
};

const servedRoutes = (
  loadHandler: (id: RouteId) => Promise<ApiHandler>,
  local: readonly { method: string; path: string; handler: Invoke }[],
): ServedRoute[] => [
  ...routeList().map((route) => ({
    id: route.id,
    method: route.method,
    template: compilePath(route.path),
    memoryMb: route.memoryMb ?? 128,
    invoke: lazyHandler(() => loadHandler(route.id)),
  })),
  ...local.map((route) => ({
    id: `local${route.path.replaceAll('/', '-')}`,
    method: route.method,
    template: compilePath(route.path),
    memoryMb: 128,
    invoke: route.handler,
  })),
];

/** Loads a handler on first use and keeps it; a failed load is retried on the next request. */
const lazyHandler = (load: () => Promise<ApiHandler>): Invoke => {
  let loading: Promise<ApiHandler> | undefined;
  return async (event, context) => {
    loading ??= load().catch((error: unknown) => {
      loading = undefined;
      throw error;
    });
    return (await loading)(event, context);
  };
};

const importHandler = async (id: RouteId): Promise<ApiHandler> => {
  let module: { handler?: unknown };
  try {
    module = await import(`../handlers/${id}`);
  } catch (error) {
    throw new HandlerLoadError(id, { cause: error });
  }
  if (typeof module.handler !== 'function') throw new HandlerLoadError(id);
  return module.handler as ApiHandler;
};

const TOO_LARGE = Symbol('too large');

/** Reads the whole body, or stops at the first byte past {@link LOCAL_MAX_BODY_BYTES}. */
const readBody = (request: IncomingMessage): Promise<Buffer | typeof TOO_LARGE> => {
  if (Number(request.headers['content-length'] ?? 0) > LOCAL_MAX_BODY_BYTES)
    return Promise.resolve(TOO_LARGE);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= LOCAL_MAX_BODY_BYTES) return void chunks.push(chunk);
      request.off('data', onData);
      request.pause();
      resolve(TOO_LARGE);
    };
    request.on('data', onData);
    request.once('end', () => resolve(Buffer.concat(chunks)));
    request.once('error', reject);
  });
};

const sendProblem = (
  request: IncomingMessage,
  response: ServerResponse,
  problem: Problem,
  headers: Record<string, string> = {},
): void => {
  const locale = negotiateLocale(request.headers['accept-language']);
  const detailed = new Problem(problem.status, problem.code, { detail: problemDetail(locale, problem.code) });
  response.writeHead(problem.status, { ...PROBLEM_HEADERS, ...problem.headers, ...headers });
  response.end(JSON.stringify(problemBody(detailed)));
};
