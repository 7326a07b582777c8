/**
 * The HTTP edge's business metrics, read off each answer: its route id, status and problem code. The
 * use cases stay free of metrics; what they decided is visible in what the route answered.
 */
import type middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { BusinessMetric } from '../metric-names';
import { countMetric, flushMetrics } from '../metrics';
import type { RouteId } from '../routes';
import { ProblemCode } from './problem';
import { IDEMPOTENT_REPLAYED_HEADER } from './response';

/** The sign-in steps: a refusal by one of them is a sign-in failure. */
const SIGN_IN_ROUTES: ReadonlySet<RouteId> = new Set<RouteId>(['login', 'mfa-verify']);

/** Wrong password or unknown email, wrong 2FA code, expired or used-up challenge (PRODUCT.md §2). */
const SIGN_IN_FAILURE_CODES: ReadonlySet<string> = new Set<string>([
  ProblemCode.INVALID_CREDENTIALS,
  ProblemCode.INVALID_CODE,
  ProblemCode.CHALLENGE_EXPIRED,
]);

/** The metrics one answer of route `routeId` counts (each by 1); usually none. */
export const answerMetrics = (
  routeId: RouteId,
  status: number,
  code: string | undefined,
): readonly BusinessMetric[] => {
  if (routeId === 'checkout-create' && status === 201) return [BusinessMetric.CHECKOUTS_CREATED];
  if (status === 429 && code === ProblemCode.TOO_MANY_ATTEMPTS) return [BusinessMetric.THROTTLED_ATTEMPTS];
  if (SIGN_IN_ROUTES.has(routeId) && code !== undefined && SIGN_IN_FAILURE_CODES.has(code)) {
    return [BusinessMetric.SIGN_IN_FAILURES];
  }
  return [];
};

/**
 * The stable code of the error the problem boundary answered, if it carries one: problems and
 * application errors do, and the body's `code` is theirs. Read off the error, not by parsing the body again.
 */
const errorCodeOf = (error: unknown): string | undefined => {
  const code = (error as { code?: unknown } | null | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
};

/**
 * Counts the answer's metrics and flushes every metric of the invocation (also those adapters added, such
 * as SMS sent). Use it before the problem boundary, so that its `after`/`onError` run once the answer,
 * error or not, is final.
 */
export const httpMetrics = (
  routeId: RouteId,
): middy.MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2> => {
  const count = (request: {
    response: APIGatewayProxyStructuredResultV2 | null | undefined;
    error?: unknown;
  }): void => {
    try {
      const response = request.response;
      // A replayed answer (an Idempotency-Key retry) created nothing new.
      if (response?.headers?.[IDEMPOTENT_REPLAYED_HEADER] === 'true') return;
      for (const metric of answerMetrics(routeId, response?.statusCode ?? 0, errorCodeOf(request.error))) {
        countMetric(metric);
      }
    } finally {
      flushMetrics();
    }
  };
  return { after: count, onError: count };
};
