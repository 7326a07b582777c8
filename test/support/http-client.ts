/** Tiny HTTP clients for tests that talk to a running server over real HTTP. */

import { request as httpRequest, type IncomingHttpHeaders, type OutgoingHttpHeaders } from 'node:http';
import { routeOfRequest, validateAnswer } from './openapi-validator';

export interface HttpAnswer {
  status: number;
  headers: Headers;
  /** Parsed JSON, or the raw text when the body is not JSON, or undefined when empty. */
  // biome-ignore lint/suspicious/noExplicitAny: tests read any field of a JSON answer
  body: any;
}

export interface HttpCall {
  body?: unknown;
  token?: string;
  headers?: Record<string, string>;
}

/** Calls `baseUrl + path` and reads the whole answer; an API route's answer is validated against the document. */
export const httpCall = async (
  baseUrl: string,
  method: string,
  path: string,
  call: HttpCall = {},
): Promise<HttpAnswer> => {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: {
      ...(call.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(call.token ? { authorization: `Bearer ${call.token}` } : {}),
      ...call.headers,
    },
    body: call.body === undefined ? undefined : JSON.stringify(call.body),
  });
  const text = await response.text();
  let body: unknown = text || undefined;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    // Not JSON: keep the text for the assertion message.
  }
  const routeId = routeOfRequest(method, new URL(`${baseUrl}${path}`).pathname);
  if (routeId) {
    validateAnswer(routeId, {
      status: response.status,
      contentType: response.headers.get('content-type') ?? undefined,
      body,
    });
  }
  return { status: response.status, headers: response.headers, body };
};

export interface RawAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
}

/**
 * A request through node:http, for what fetch cannot send: repeated header lines, and bodies streamed
 * in chunks without a Content-Length. Stops writing as soon as the server answers.
 */
export const rawRequest = (
  baseUrl: string,
  method: string,
  path: string,
  options: { headers?: OutgoingHttpHeaders; chunks?: readonly Buffer[] } = {},
): Promise<RawAnswer> =>
  new Promise((resolve, reject) => {
    let answered = false;
    const request = httpRequest(`${baseUrl}${path}`, { method, headers: options.headers }, (response) => {
      answered = true;
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        text += chunk;
      });
      response.once('end', () =>
        resolve({ status: response.statusCode ?? 0, headers: response.headers, text }),
      );
      response.once('error', reject);
    });
    // A server that refuses a body may hang up while it is still being sent: only an unanswered error counts.
    request.on('error', (error) => {
      if (!answered) reject(error);
    });
    const chunks = [...(options.chunks ?? [])];
    const writeNext = (): void => {
      const chunk = chunks.shift();
      if (!chunk || answered) return void request.end();
      if (request.write(chunk)) setImmediate(writeNext);
      else request.once('drain', writeNext);
    };
    writeNext();
  });
