/**
 * Names shared by the code that emits metrics (`functions/metrics.ts`) and the CDK dashboard and alarms
 * that read them (`lib/`). Constants only, no imports: CDK code may import this file without pulling any
 * runtime dependency into the synth.
 */

/** The CloudWatch namespace of every metric of this service: the EMF ones and those from log filters. */
export const METRIC_NAMESPACE = 'RenewalHub';

/** Powertools' service name: the `service` dimension of every EMF metric and the logger's `service`. */
export const SERVICE_NAME = 'renewal-hub';

/** Business metrics, emitted as CloudWatch EMF (no API call, nothing to grant). */
export const BusinessMetric = {
  /** A paid order's renewal was applied (Fulfil, once per order). Count. */
  RENEWALS_COMPLETED: 'RenewalsCompleted',
  /** The amount of a completed renewal, in minor units of its currency (dimension `Currency`). None. */
  REVENUE: 'RevenueMinorUnits',
  /** 201 from `POST /v1/licenses/{licenseId}/checkouts` (an idempotent replay counts again). Count. */
  CHECKOUTS_CREATED: 'CheckoutsCreated',
  /** A paid order recorded as NEEDS_REVIEW (MarkNeedsReview). Count. */
  ORDERS_NEEDS_REVIEW: 'OrdersNeedsReview',
  /** A paid order recorded as FAILED (MarkFailed). Count. */
  ORDERS_FAILED: 'OrdersFailed',
  /** A sign-in step refused: wrong password or unknown email, wrong or expired 2FA code. Count. */
  SIGN_IN_FAILURES: 'SignInFailures',
  /** A request refused by the attempt limits: 429 TOO_MANY_ATTEMPTS. Count. */
  THROTTLED_ATTEMPTS: 'ThrottledAttempts',
  /** An SMS SNS accepted for delivery. Count. */
  SMS_SENT: 'SmsSent',
  /** A webhook delivery attempt was made (sent, answered or not). Count. */
  WEBHOOK_ATTEMPTS: 'WebhookAttempts',
  /** A webhook delivery attempt that did not get a 2xx. Count. */
  WEBHOOK_ATTEMPTS_FAILED: 'WebhookAttemptsFailed',
  /** A webhook delivery gave up: FAILED after its last retry, or its endpoint answered 410. Count. */
  WEBHOOK_DELIVERIES_FAILED: 'WebhookDeliveriesFailed',
  /** A renewal-reminder email sent. Count. */
  REMINDER_EMAILS_SENT: 'ReminderEmailsSent',
  /** A renewal-reminder email that failed; its reminder stays open for a retry. Count. */
  REMINDER_EMAILS_FAILED: 'ReminderEmailsFailed',
} as const;
export type BusinessMetric = (typeof BusinessMetric)[keyof typeof BusinessMetric];

/** Dimensions besides Powertools' own `service`. */
export const MetricDimension = {
  SERVICE: 'service',
  /** ISO 4217 code of {@link BusinessMetric.REVENUE}. */
  CURRENCY: 'Currency',
} as const;
