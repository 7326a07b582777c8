/**
 * RFC 9457 problem details. Every failure the API reports is a {@link Problem}: a stable `code`
 * (UPPER_SNAKE, part of the contract), an HTTP status, and optional extension members.
 */

import { type ApplicationError, ErrorCode, ErrorKind } from '../use-cases/errors';

/**
 * Stable error codes. Clients switch on these; never rename one. The use cases' codes, and the ones only
 * the HTTP edge gives (bad input, unknown routes, failures of the service itself).
 */
export const ProblemCode = {
  ...ErrorCode,
  MALFORMED_JSON: 'MALFORMED_JSON',
  ROUTE_NOT_FOUND: 'ROUTE_NOT_FOUND',
  METHOD_NOT_ALLOWED: 'METHOD_NOT_ALLOWED',
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  IDEMPOTENCY_KEY_REQUIRED: 'IDEMPOTENCY_KEY_REQUIRED',
  /** An API key on a route its scopes do not cover, or on a route about a person. */
  INSUFFICIENT_SCOPE: 'INSUFFICIENT_SCOPE',
  /** An API key past its request-rate limit. */
  RATE_LIMITED: 'RATE_LIMITED',
  SERVICE_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
  INTERNAL_ERROR: 'INTERNAL_ERROR',
} as const;
export type ProblemCode = (typeof ProblemCode)[keyof typeof ProblemCode];

/** One invalid input location, as reported in `errors` of a VALIDATION_FAILED problem. */
export interface FieldError {
  path: string;
  message: string;
}

/** Options of a {@link Problem}: extension members and response headers. */
export interface ProblemOptions {
  detail?: string;
  /** Extension members added to the body, e.g. `attemptsRemaining`. */
  extensions?: Record<string, unknown>;
  headers?: Record<string, string>;
  cause?: unknown;
}

/**
 * A failure that maps to an RFC 9457 response. Thrown anywhere below a handler; the error boundary
 * turns it into `application/problem+json`.
 */
export class Problem extends Error {
  public readonly status: number;
  public readonly code: ProblemCode | (string & {});
  public readonly detail: string;
  public readonly extensions: Record<string, unknown>;
  public readonly headers: Record<string, string>;

  public constructor(status: number, code: ProblemCode | (string & {}), options: ProblemOptions = {}) {
    super(options.detail ?? code, { cause: options.cause });
    this.name = 'Problem';
    this.status = status;
    this.code = code;
    this.detail = options.detail ?? '';
    this.extensions = options.extensions ?? {};
    this.headers = options.headers ?? {};
  }
}

/**
 * A problem the caller should retry after `seconds`: the `Retry-After` header, and `retryAfter` in the
 * body for clients that cannot read headers.
 */
export const retryLaterProblem = (
  status: number,
  code: ProblemCode,
  seconds: number,
  options: Pick<ProblemOptions, 'cause' | 'extensions'> = {},
): Problem =>
  new Problem(status, code, {
    cause: options.cause,
    headers: { 'retry-after': String(seconds) },
    extensions: { ...options.extensions, retryAfter: seconds },
  });

/** The status each kind of application error is answered with. */
const STATUS_OF_KIND = {
  [ErrorKind.INVALID_INPUT]: 400,
  [ErrorKind.NOT_FOUND]: 404,
  [ErrorKind.UNAUTHORIZED]: 401,
  [ErrorKind.CONFLICT]: 409,
  [ErrorKind.REJECTED]: 422,
  [ErrorKind.RATE_LIMITED]: 429,
} as const satisfies Record<ErrorKind, number>;

/** A use case's refusal as the API answers it: its kind's status, its details as extension members. */
export const problemOf = (error: ApplicationError): Problem => {
  const status = STATUS_OF_KIND[error.kind];
  const options = { extensions: error.details, cause: error };
  return error.retryAfterSeconds === undefined
    ? new Problem(status, error.code, options)
    : retryLaterProblem(status, error.code, error.retryAfterSeconds, options);
};

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Content Too Large',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  431: 'Request Header Fields Too Large',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
};

/** Title for a status code (RFC 9110 reason phrase). */
export const titleFor = (status: number): string => TITLES[status] ?? 'Error';

/** The problem body sent on the wire. `type` points at the code's documentation. */
export const problemBody = (problem: Problem, instance?: string): Record<string, unknown> => ({
  type: `https://docs.renewal-hub.example/problems/${problem.code.toLowerCase().replaceAll('_', '-')}`,
  title: titleFor(problem.status),
  status: problem.status,
  detail: problem.detail || titleFor(problem.status),
  code: problem.code,
  ...(instance ? { instance } : {}),
  ...problem.extensions,
});
