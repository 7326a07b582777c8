/** The answers of the local-only routes (`/_local/*`): JSON, and RFC 9457 problems, never cached. */
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { Problem, problemBody } from '../http/problem';

export const json = (statusCode: number, body: unknown): APIGatewayProxyStructuredResultV2 => ({
  statusCode,
  headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
  body: JSON.stringify(body),
});

export const problem = (status: number, code: string, detail: string): APIGatewayProxyStructuredResultV2 => ({
  statusCode: status,
  headers: { 'content-type': 'application/problem+json; charset=utf-8', 'cache-control': 'no-store' },
  body: JSON.stringify(problemBody(new Problem(status, code, { detail }))),
});
