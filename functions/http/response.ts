import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

/** What a handler answers: a status, a JSON body (none for 204), and extra headers. */
export interface HttpResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** Set (`true`) on an answer replayed for an Idempotency-Key, as Stripe does. */
export const IDEMPOTENT_REPLAYED_HEADER = 'idempotent-replayed';

/** Headers of every answer: nothing is cached, and nothing is sniffed. */
export const BASE_HEADERS = {
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
} as const;

/** The Lambda proxy result of a handler's answer. */
export const toResult = (response: HttpResponse): APIGatewayProxyStructuredResultV2 => ({
  statusCode: response.status,
  headers: {
    ...BASE_HEADERS,
    ...(response.body === undefined ? {} : { 'content-type': 'application/json; charset=utf-8' }),
    ...response.headers,
  },
  body: response.body === undefined ? '' : JSON.stringify(response.body),
});
