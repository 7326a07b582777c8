/**
 * The API's CORS policy (PRODUCT.md §2), written once for the two places that answer it: the deployed
 * HTTP API's preflight settings (lib/api.ts) and the local server (functions/local/cors.ts). Which
 * origins are allowed differs between them, so it is not here. No imports: CDK code loads this too.
 */

/** Request headers a browser frontend may send cross-origin. */
export const CORS_ALLOW_HEADERS: readonly string[] = [
  'Authorization',
  'Content-Type',
  'Idempotency-Key',
  'Accept-Language',
];

/** Response headers a frontend must be able to read: a throttled call's 429 answers with Retry-After. */
export const CORS_EXPOSE_HEADERS: readonly string[] = ['Retry-After'];

/** How long a browser may cache a preflight answer, in seconds. */
export const CORS_MAX_AGE_SECONDS = 3600;
