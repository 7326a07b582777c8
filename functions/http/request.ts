import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { Problem, ProblemCode } from './problem';

/** Largest request body accepted; no route needs more. */
export const MAX_BODY_BYTES = 64 * 1024;

/** Header names lower-cased (API Gateway v2 already does this; the local server does too). */
export const normalizeHeaders = (
  headers: APIGatewayProxyEventV2['headers'] | undefined,
): Record<string, string> => {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (value !== undefined) result[name.toLowerCase()] = value;
  }
  return result;
};

/**
 * Reads a JSON request body. An empty body reads as `undefined` (the schema then says what is missing);
 * anything that is not JSON is 400 MALFORMED_JSON, whatever `Content-Type` claims (PRODUCT.md §2), so a
 * client that forgot the header gets the same clear answer as one that sent broken JSON.
 */
export const readJsonBody = (event: APIGatewayProxyEventV2): unknown => {
  const raw = rawBodyOf(event);
  if (raw === '') return undefined;
  if (Buffer.byteLength(raw, 'utf8') > MAX_BODY_BYTES) {
    throw new Problem(413, ProblemCode.PAYLOAD_TOO_LARGE);
  }
  try {
    return JSON.parse(raw);
  } catch (error) {
    throw new Problem(400, ProblemCode.MALFORMED_JSON, { cause: error });
  }
};

/** The request body as text, decoded when API Gateway base64-encoded it. */
export const rawBodyOf = (event: APIGatewayProxyEventV2): string => {
  if (!event.body) return '';
  return event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
};

/** The bearer token of an `Authorization` header, if it is well formed. */
export const bearerToken = (headers: Record<string, string>): string | undefined => {
  const match = /^Bearer ([A-Za-z0-9._~+/-]+=*)$/i.exec(headers.authorization ?? '');
  return match?.[1];
};
