/**
 * Translates between node:http and what a Lambda behind an API Gateway HTTP API sees: the payload
 * format 2.0 event and context going in, the structured result coming out. Kept faithful so a handler
 * behaves locally as it does deployed.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';

/** What the server knows about a request once it has matched a route and read the body. */
export interface LocalInvocation {
  request: IncomingMessage;
  /** The matched route: `METHOD /path/{param}` for the routeKey. */
  route: { method: string; path: string };
  rawPath: string;
  rawQueryString: string;
  pathParameters: Record<string, string>;
  body: Buffer;
  requestId: string;
  now: Date;
}

/** An API Gateway HTTP API (payload 2.0) event for a local request. */
export const toApiGatewayEvent = (invocation: LocalInvocation): APIGatewayProxyEventV2 => {
  const { request, route, rawPath, rawQueryString, pathParameters, body, requestId, now } = invocation;
  const routeKey = `${route.method} ${route.path}`;
  const { headers, cookies } = eventHeaders(request);
  const encodedBody = encodeBody(body);
  return {
    version: '2.0',
    routeKey,
    rawPath,
    rawQueryString,
    ...(cookies.length > 0 ? { cookies } : {}),
    headers,
    ...(rawQueryString ? { queryStringParameters: queryParameters(rawQueryString) } : {}),
    ...(Object.keys(pathParameters).length > 0 ? { pathParameters } : {}),
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: headers.host ?? '127.0.0.1',
      domainPrefix: (headers.host ?? '127.0.0.1').split('.')[0] ?? '',
      http: {
        method: route.method,
        path: rawPath,
        protocol: `HTTP/${request.httpVersion}`,
        sourceIp: request.socket.remoteAddress ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId,
      routeKey,
      stage: '$default',
      time: apiGatewayTime(now),
      timeEpoch: now.getTime(),
    },
    ...encodedBody,
  };
};

// API Gateway joins repeated headers with commas and moves Cookie headers into `cookies`.
const eventHeaders = (request: IncomingMessage): { headers: Record<string, string>; cookies: string[] } => {
  const headers: Record<string, string> = {};
  let cookies: string[] = [];
  for (const [name, values] of Object.entries(request.headersDistinct)) {
    if (!values) continue;
    if (name === 'cookie') cookies = values.flatMap((value) => value.split(';').map((c) => c.trim()));
    else headers[name] = values.join(',');
  }
  return { headers, cookies: cookies.filter(Boolean) };
};

const queryParameters = (rawQueryString: string): Record<string, string> => {
  const result: Record<string, string> = {};
  for (const [name, value] of new URLSearchParams(rawQueryString)) {
    result[name] = name in result ? `${result[name]},${value}` : value;
  }
  return result;
};

const utf8 = new TextDecoder('utf-8', { fatal: true });

// Text bodies arrive as strings; anything that is not valid UTF-8 arrives base64-encoded, as deployed.
const encodeBody = (body: Buffer): Pick<APIGatewayProxyEventV2, 'body' | 'isBase64Encoded'> => {
  if (body.length === 0) return { isBase64Encoded: false };
  try {
    return { body: utf8.decode(body), isBase64Encoded: false };
  } catch {
    return { body: body.toString('base64'), isBase64Encoded: true };
  }
};

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `12/Mar/2020:19:03:58 +0000`, the format of `requestContext.time`. */
const apiGatewayTime = (date: Date): string => {
  const pad = (value: number) => String(value).padStart(2, '0');
  return (
    `${pad(date.getUTCDate())}/${MONTHS[date.getUTCMonth()]}/${date.getUTCFullYear()}:` +
    `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} +0000`
  );
};

/** API Gateway HTTP API's own integration timeout: no invocation behind it can run longer. */
const INVOCATION_TIMEOUT_MS = 29_000;

/** A Lambda context for one local invocation of the function `functionName`. */
export const lambdaContext = (functionName: string, memoryMb: number): Context => {
  const deadline = Date.now() + INVOCATION_TIMEOUT_MS;
  const callbackStyle = (): never => {
    throw new Error('Callback-style Lambda handlers are not supported');
  };
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:us-east-1:000000000000:function:${functionName}`,
    memoryLimitInMB: String(memoryMb),
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: callbackStyle,
    fail: callbackStyle,
    succeed: callbackStyle,
  };
};

/** Writes a handler's structured result as the HTTP response, with `extraHeaders` (CORS) on top. */
export const writeResult = (
  response: ServerResponse,
  result: APIGatewayProxyStructuredResultV2,
  extraHeaders: Record<string, string>,
): void => {
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(result.headers ?? {}))
    headers[name.toLowerCase()] = String(value);
  if (result.cookies && result.cookies.length > 0) headers['set-cookie'] = result.cookies;
  for (const [name, value] of Object.entries(extraHeaders)) {
    // `Vary` from the handler (e.g. Accept-Language) and from CORS (Origin) both hold.
    headers[name] = name === 'vary' && headers.vary ? `${headers.vary}, ${value}` : value;
  }
  const body = result.body ? Buffer.from(result.body, result.isBase64Encoded ? 'base64' : 'utf8') : undefined;
  response.writeHead(result.statusCode ?? 200, headers);
  response.end(body);
};
