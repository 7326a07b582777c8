import { isDependencyUnavailable } from '../../adapters/dependency-errors';
import { type Locale, negotiateLocale } from '../../domain/locale';
import { logger } from '../../logger';
import { ApplicationError } from '../../use-cases/errors';
import { Problem, ProblemCode, problemBody, problemOf, retryLaterProblem } from '../problem';
import { problemDetail } from '../problem-messages';
import { normalizeHeaders } from '../request';
import { BASE_HEADERS } from '../response';
import type { HttpMiddleware } from './request-state';

/** Seconds a client is told to wait after a 503: long enough for a throttle or a failover to pass. */
export const SERVICE_UNAVAILABLE_RETRY_AFTER_SECONDS = 2;

/**
 * Turns any error into RFC 9457 problem details in the request's language; unexpected ones are logged
 * and answered 500 without detail. No stack trace ever leaves the function.
 */
export const problemBoundary = (): HttpMiddleware => ({
  onError: (request) => {
    const { error } = request;
    const locale =
      request.context.request?.locale ??
      negotiateLocale(normalizeHeaders(request.event.headers)['accept-language']);
    const problem = toProblem(error);
    if (problem.code === ProblemCode.SERVICE_UNAVAILABLE) {
      logger.warn('Dependency unavailable', { error: error ?? undefined, path: request.event.rawPath });
    } else if (problem.status >= 500) {
      logger.error('Unhandled error', { error: error ?? undefined, path: request.event.rawPath });
    }
    const localized = problem.detail ? problem : withDetail(problem, locale);
    request.response = {
      statusCode: problem.status,
      headers: {
        ...BASE_HEADERS,
        'content-type': 'application/problem+json; charset=utf-8',
        ...problem.headers,
      },
      body: JSON.stringify(problemBody(localized)),
    };
  },
});

/**
 * A use case's refusal keeps its code; a dependency that is down or throttling is 503
 * SERVICE_UNAVAILABLE with `Retry-After` (the caller may retry, the store's webhook does); any other
 * unexpected error is a defect: 500 INTERNAL_ERROR.
 */
const toProblem = (error: unknown): Problem => {
  if (error instanceof Problem) return error;
  if (error instanceof ApplicationError) return problemOf(error);
  if (isDependencyUnavailable(error)) {
    return retryLaterProblem(503, ProblemCode.SERVICE_UNAVAILABLE, SERVICE_UNAVAILABLE_RETRY_AFTER_SECONDS, {
      cause: error,
    });
  }
  return new Problem(500, ProblemCode.INTERNAL_ERROR, { cause: error });
};

const withDetail = (problem: Problem, locale: Locale): Problem =>
  new Problem(problem.status, problem.code, {
    detail: problemDetail(locale, problem.code),
    extensions: problem.extensions,
    headers: problem.headers,
  });
