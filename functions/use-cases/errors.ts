/**
 * Application errors: what a use case reports when it cannot do what was asked. Each carries a stable
 * {@link ErrorCode} (part of the API contract) and a {@link ErrorKind}. The edges translate them: the
 * HTTP edge maps the kind to a status and the code to a text in the caller's language
 * (`http/problem-messages.ts`), the workflow's task edge maps them to the error names its rules match.
 */

/** Stable codes of the use cases' refusals. Clients switch on these; never rename one. */
export const ErrorCode = {
  VALIDATION_FAILED: 'VALIDATION_FAILED',
  NOT_FOUND: 'NOT_FOUND',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  INVALID_CREDENTIALS: 'INVALID_CREDENTIALS',
  TOO_MANY_ATTEMPTS: 'TOO_MANY_ATTEMPTS',
  INVALID_CODE: 'INVALID_CODE',
  CHALLENGE_EXPIRED: 'CHALLENGE_EXPIRED',
  RESEND_NOT_AVAILABLE: 'RESEND_NOT_AVAILABLE',
  RESEND_LIMIT_REACHED: 'RESEND_LIMIT_REACHED',
  MFA_ALREADY_ENABLED: 'MFA_ALREADY_ENABLED',
  MFA_NOT_ENABLED: 'MFA_NOT_ENABLED',
  ENROLMENT_NOT_STARTED: 'ENROLMENT_NOT_STARTED',
  INVALID_ACTIVATION_CODE: 'INVALID_ACTIVATION_CODE',
  INVALID_UNSUBSCRIBE_LINK: 'INVALID_UNSUBSCRIBE_LINK',
  ACTIVATION_CODE_IN_USE: 'ACTIVATION_CODE_IN_USE',
  NOT_ELIGIBLE: 'NOT_ELIGIBLE',
  IDEMPOTENCY_KEY_REUSED: 'IDEMPOTENCY_KEY_REUSED',
  IDEMPOTENCY_KEY_IN_PROGRESS: 'IDEMPOTENCY_KEY_IN_PROGRESS',
  INVALID_SIGNATURE: 'INVALID_SIGNATURE',
  SMS_LIMIT_REACHED: 'SMS_LIMIT_REACHED',
  CONCURRENT_UPDATE: 'CONCURRENT_UPDATE',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** What sort of refusal it is: the HTTP edge answers each kind with one status. */
export const ErrorKind = {
  /** The input is not valid; `details.errors` says where. */
  INVALID_INPUT: 'INVALID_INPUT',
  /** It does not exist, or is not the caller's: the two look the same. */
  NOT_FOUND: 'NOT_FOUND',
  /** Who is asking could not be proved (credentials, code, signature). */
  UNAUTHORIZED: 'UNAUTHORIZED',
  /** The current state does not allow it (already on, not started, not eligible, in use). */
  CONFLICT: 'CONFLICT',
  /** Understood, and refused as given (a wrong confirmation code, a reused key). */
  REJECTED: 'REJECTED',
  /** A limit was reached; the caller may try again after `retryAfterSeconds`. */
  RATE_LIMITED: 'RATE_LIMITED',
} as const;
export type ErrorKind = (typeof ErrorKind)[keyof typeof ErrorKind];

/** Options of an {@link ApplicationError}. */
export interface ApplicationErrorOptions {
  /** Facts the caller may act on, sent as extension members (e.g. `attemptsRemaining`). */
  details?: Record<string, unknown>;
  /** Seconds after which trying again may succeed. */
  retryAfterSeconds?: number;
  cause?: unknown;
}

/** A use case's refusal, with its stable code. */
export class ApplicationError extends Error {
  public override readonly name = 'ApplicationError';
  public readonly details: Record<string, unknown>;
  public readonly retryAfterSeconds: number | undefined;

  public constructor(
    public readonly kind: ErrorKind,
    public readonly code: ErrorCode,
    options: ApplicationErrorOptions = {},
  ) {
    super(code, { cause: options.cause });
    this.details = options.details ?? {};
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}

/** VALIDATION_FAILED, with where and why. */
export const invalidInput = (errors: readonly { path: string; message: string }[]): ApplicationError =>
  new ApplicationError(ErrorKind.INVALID_INPUT, ErrorCode.VALIDATION_FAILED, { details: { errors } });

/** NOT_FOUND: the thing does not exist or is not the caller's. */
export const notFound = (): ApplicationError =>
  new ApplicationError(ErrorKind.NOT_FOUND, ErrorCode.NOT_FOUND);

/** The caller could not be proved to be who they say, for `code`'s reason. */
export const unauthorized = (code: ErrorCode, details?: Record<string, unknown>): ApplicationError =>
  new ApplicationError(ErrorKind.UNAUTHORIZED, code, { details });

/** The current state does not allow it; `retryAfterSeconds` when it may change soon. */
export const conflict = (
  code: ErrorCode,
  options: Pick<ApplicationErrorOptions, 'details' | 'retryAfterSeconds'> = {},
): ApplicationError => new ApplicationError(ErrorKind.CONFLICT, code, options);

/** Refused as given. */
export const rejected = (code: ErrorCode, details?: Record<string, unknown>): ApplicationError =>
  new ApplicationError(ErrorKind.REJECTED, code, { details });

/** A limit was reached: try again after `retryAfterSeconds`, or not at all when it is absent. */
export const rateLimited = (code: ErrorCode, retryAfterSeconds?: number): ApplicationError =>
  new ApplicationError(ErrorKind.RATE_LIMITED, code, { retryAfterSeconds });

/** The error name the purchase workflow's Retry rules match. */
export const TRANSIENT_ERROR = 'TransientError';

/** A purchase step's failure that may go away if the step runs again (a record kept changing, SES said later). */
export class TransientError extends Error {
  public override readonly name = TRANSIENT_ERROR;

  public constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}
