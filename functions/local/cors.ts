/**
 * CORS as the deployed HTTP API answers it, with the local origin rule of PRODUCT.md §2: any
 * `http://localhost:*` or `http://127.0.0.1:*` page may call the local API.
 */

/** Request headers a browser frontend may send (the stack's `allowHeaders`, lib/api.ts). */
export const CORS_ALLOW_HEADERS = ['Authorization', 'Content-Type', 'Idempotency-Key', 'Accept-Language'];
/** Response headers a frontend must be able to read: the 429 back-off. */
export const CORS_EXPOSE_HEADERS = ['Retry-After'];
/** How long a browser may cache a preflight answer, in seconds (the stack's `maxAge`). */
export const CORS_MAX_AGE_SECONDS = 3600;

const LOCAL_ORIGIN = /^http:\/\/(localhost|127\.0\.0\.1)(:\d{1,5})?$/;

/** Whether a page at `origin` may call the local API. */
export const isLocalOrigin = (origin: string): boolean => LOCAL_ORIGIN.test(origin);

/** The headers of a preflight (`OPTIONS` with `Access-Control-Request-Method`) answer. */
export const preflightHeaders = (
  origin: string | undefined,
  methods: readonly string[],
): Record<string, string> =>
  origin && isLocalOrigin(origin)
    ? {
        'access-control-allow-origin': origin,
        'access-control-allow-methods': methods.join(','),
        'access-control-allow-headers': CORS_ALLOW_HEADERS.join(','),
        'access-control-max-age': String(CORS_MAX_AGE_SECONDS),
        vary: 'Origin',
      }
    : // A refused origin gets no CORS headers at all: the browser then blocks the call.
      { vary: 'Origin' };

/** The CORS headers added to an actual (non-preflight) response. */
export const responseCorsHeaders = (origin: string | undefined): Record<string, string> =>
  origin && isLocalOrigin(origin)
    ? {
        'access-control-allow-origin': origin,
        'access-control-expose-headers': CORS_EXPOSE_HEADERS.join(','),
        vary: 'Origin',
      }
    : { vary: 'Origin' };
