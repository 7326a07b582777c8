/**
 * CORS as the deployed HTTP API answers it, with the local origin rule of PRODUCT.md §2: any
 * `http://localhost:*` or `http://127.0.0.1:*` page may call the local API.
 * The headers and preflight cache time are the stack's (functions/cors-policy.ts).
 */
import { CORS_ALLOW_HEADERS, CORS_EXPOSE_HEADERS, CORS_MAX_AGE_SECONDS } from '../cors-policy';

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
