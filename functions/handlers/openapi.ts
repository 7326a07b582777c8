import { createHash } from 'node:crypto';
import { openapi as contract } from '../contracts/openapi';
import document from '../openapi/openapi.json';
import { httpHandler } from './http-engine';

/** Hashed once per cold start; the document changes only with a deployment. */
const etag = `"${createHash('sha256').update(JSON.stringify(document)).digest('base64url').slice(0, 27)}"`;

/** Public and cacheable: the same bytes for everyone until the next deployment. */
const CACHE_HEADERS = { 'cache-control': 'public, max-age=300', etag };

/** The OpenAPI document, generated at build time by `npm run openapi`: only this bundle holds it. */
export const handler = httpHandler('openapi', contract, async ({ headers }) =>
  headers['if-none-match'] === etag
    ? { status: 304, headers: CACHE_HEADERS }
    : { status: 200, body: document, headers: CACHE_HEADERS },
);
