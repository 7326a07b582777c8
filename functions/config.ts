/**
 * Runtime configuration, read once from the environment. CDK sets these variables on every function;
 * the local runner sets the same ones, so one wiring serves both.
 */
import * as z from 'zod/mini';

export const EnvName = {
  TABLE_NAME: 'TABLE_NAME',
  /** Endpoint override for DynamoDB (DynamoDB Local). Unset in AWS. */
  DYNAMODB_ENDPOINT: 'DYNAMODB_ENDPOINT',
  /** Endpoint override for SES v2 (aws-ses-v2-local). Unset in AWS. */
  SES_ENDPOINT: 'SES_ENDPOINT',
  /** `sns` (AWS) or `outbox` (local): where SMS codes go. */
  SMS_TRANSPORT: 'SMS_TRANSPORT',
  /** ARN of the Secrets Manager secret holding the token signing key (AWS). */
  TOKEN_SECRET_ARN: 'TOKEN_SECRET_ARN',
  /** The token signing key itself (local runs and tests only). */
  TOKEN_SIGNING_KEY: 'TOKEN_SIGNING_KEY',
  EMAIL_FROM: 'EMAIL_FROM',
  /** Session lifetime in seconds, at most 3600. */
  SESSION_TTL_SECONDS: 'SESSION_TTL_SECONDS',
  /** scrypt cost exponent for new password hashes: 17 (N = 2^17, OWASP) or more. */
  SCRYPT_LOG_N: 'SCRYPT_LOG_N',
  /** Days before expiry that online renewal opens (default 30). */
  RENEWAL_WINDOW_DAYS: 'RENEWAL_WINDOW_DAYS',
  /** Licenses bought before this instant cannot be renewed (default 2019-04-01T00:00:00Z, version 8.0). */
  LEGACY_CUTOFF: 'LEGACY_CUTOFF',
  /** How long a checkout's quote holds and can be paid, in minutes (default 60). */
  CHECKOUT_TTL_MINUTES: 'CHECKOUT_TTL_MINUTES',
  /** The store's page for a checkout; `{checkoutId}` is replaced. */
  STORE_CHECKOUT_URL: 'STORE_CHECKOUT_URL',
  /** ARN of the purchase state machine (AWS). */
  PURCHASE_STATE_MACHINE_ARN: 'PURCHASE_STATE_MACHINE_ARN',
  /** ARN of the Secrets Manager secret holding the store's webhook signing secret (AWS). */
  STORE_WEBHOOK_SECRET_ARN: 'STORE_WEBHOOK_SECRET_ARN',
  /** The store's webhook signing secret itself (local runs and tests only). */
  STORE_WEBHOOK_SECRET: 'STORE_WEBHOOK_SECRET',
  /** `sns` (AWS) or `outbox` (local): where notifications to operations go. */
  OPS_TRANSPORT: 'OPS_TRANSPORT',
  /** ARN of the operations SNS topic (AWS). */
  OPS_TOPIC_ARN: 'OPS_TOPIC_ARN',
  /** `sqs` (AWS) or `local` (`npm start`: the in-process queue, and http:// receivers on this machine). */
  WEBHOOK_TRANSPORT: 'WEBHOOK_TRANSPORT',
  /** URL of the webhook delivery queue (AWS). */
  WEBHOOK_QUEUE_URL: 'WEBHOOK_QUEUE_URL',
  /** The portal page of a license, linked from reminders; `{licenseId}` is replaced. */
  PORTAL_LICENSE_URL: 'PORTAL_LICENSE_URL',
  /** The one-click unsubscribe endpoint linked from reminders; `{token}` is replaced. */
  UNSUBSCRIBE_URL: 'UNSUBSCRIBE_URL',
  /** How many days back the reminder job catches up missed milestones (default 3). */
  REMINDER_LOOKBACK_DAYS: 'REMINDER_LOOKBACK_DAYS',
  REMINDER_QUEUE_URL: 'REMINDER_QUEUE_URL',
  REMINDER_SENDS_PER_SECOND: 'REMINDER_SENDS_PER_SECOND',
  REMINDER_PAGE_SIZE: 'REMINDER_PAGE_SIZE',
} as const;

export interface Config {
  tableName: string;
  dynamoDbEndpoint?: string;
  sesEndpoint?: string;
  smsTransport: 'sns' | 'outbox';
  tokenSecretArn?: string;
  tokenSigningKey?: string;
  emailFrom: string;
  sessionTtlSeconds: number;
  scryptLogN: number;
  renewalWindowDays: number;
  legacyCutoff: Date;
  checkoutTtlMinutes: number;
  storeCheckoutUrl: string;
  purchaseStateMachineArn?: string;
  storeWebhookSecretArn?: string;
  storeWebhookSecret?: string;
  opsTransport: 'sns' | 'outbox';
  opsTopicArn?: string;
  webhookTransport: 'sqs' | 'local';
  webhookQueueUrl?: string;
  portalLicenseUrl: string;
  unsubscribeUrl: string;
  reminderLookbackDays: number;
  /** Where the reminder job's shares are queued (AWS); local runs run them in process. */
  reminderQueueUrl?: string;
  /** The most reminder emails one invocation sends a second; 0 (the local runs' default): unpaced. */
  reminderSendsPerSecond: number;
  /** Licenses the reminder job reads (and reminds) per page. */
  reminderPageSize: number;
}

/** The environment did not describe a working deployment; `problems` names each variable and what is wrong. */
export class ConfigError extends Error {
  public override readonly name = 'ConfigError';

  public constructor(public readonly problems: string[]) {
    super(`Invalid configuration: ${problems.join('; ')}`);
  }
}

/** An optional whole number in a range; unset or empty means the default. */
const wholeNumber = (min: number, max: number, fallback: number) =>
  z
    .pipe(
      z.optional(z.string().check(z.regex(/^\d+$/, `a whole number from ${min} to ${max}`))),
      z.transform((value) => (value ? Number(value) : fallback)),
    )
    .check(z.refine((value) => value >= min && value <= max, `a whole number from ${min} to ${max}`));

const optionalText = z.pipe(
  z.optional(z.string()),
  z.transform((value) => value || undefined),
);

const transport = z.pipe(
  z.optional(z.enum(['sns', 'outbox', ''], 'either sns or outbox')),
  z.transform((value): 'sns' | 'outbox' => (value === 'outbox' ? 'outbox' : 'sns')),
);

const instant = (fallback: string) =>
  z
    .pipe(
      z.optional(z.string()),
      z.transform((value) => new Date(value || fallback)),
    )
    .check(z.refine((date) => !Number.isNaN(date.getTime()), 'an ISO 8601 instant'));

/**
 * The environment's schema. Only the table is required everywhere; a value that is set must be valid,
 * since a typo silently replaced by a default (a table named `renewal-hub`, a 30-day window) would be
 * found by customers, not at start.
 */
const environmentSchema = z.object({
  [EnvName.TABLE_NAME]: z
    .string('the DynamoDB table name is required')
    .check(z.minLength(1, 'must not be empty')),
  [EnvName.DYNAMODB_ENDPOINT]: optionalText,
  [EnvName.SES_ENDPOINT]: optionalText,
  [EnvName.SMS_TRANSPORT]: transport,
  [EnvName.TOKEN_SECRET_ARN]: optionalText,
  [EnvName.TOKEN_SIGNING_KEY]: optionalText,
  [EnvName.EMAIL_FROM]: z.pipe(
    optionalText,
    z.transform((value) => value ?? 'no-reply@renewal-hub.example'),
  ),
  [EnvName.SESSION_TTL_SECONDS]: wholeNumber(60, 3600, 3600),
  [EnvName.SCRYPT_LOG_N]: wholeNumber(17, 22, 17),
  [EnvName.RENEWAL_WINDOW_DAYS]: wholeNumber(1, 365, 30),
  [EnvName.LEGACY_CUTOFF]: instant('2019-04-01T00:00:00.000Z'),
  [EnvName.CHECKOUT_TTL_MINUTES]: wholeNumber(5, 24 * 60, 60),
  [EnvName.STORE_CHECKOUT_URL]: z.pipe(
    optionalText,
    z.transform((value) => value ?? 'https://store.renewal-hub.example/checkouts/{checkoutId}'),
  ),
  [EnvName.PURCHASE_STATE_MACHINE_ARN]: optionalText,
  [EnvName.STORE_WEBHOOK_SECRET_ARN]: optionalText,
  [EnvName.STORE_WEBHOOK_SECRET]: optionalText,
  [EnvName.OPS_TRANSPORT]: transport,
  [EnvName.OPS_TOPIC_ARN]: optionalText,
  [EnvName.WEBHOOK_TRANSPORT]: z.pipe(
    z.optional(z.enum(['sqs', 'local', ''], 'either sqs or local')),
    z.transform((value): 'sqs' | 'local' => (value === 'local' ? 'local' : 'sqs')),
  ),
  [EnvName.WEBHOOK_QUEUE_URL]: optionalText,
  [EnvName.PORTAL_LICENSE_URL]: z.pipe(
    optionalText,
    z.transform((value) => value ?? 'https://portal.renewal-hub.example/licenses/{licenseId}'),
  ),
  [EnvName.UNSUBSCRIBE_URL]: z.pipe(
    optionalText,
    z.transform(
      (value) => value ?? 'https://api.renewal-hub.example/v1/notifications/unsubscribe?token={token}',
    ),
  ),
  [EnvName.REMINDER_LOOKBACK_DAYS]: wholeNumber(1, 30, 3),
  [EnvName.REMINDER_QUEUE_URL]: optionalText,
  [EnvName.REMINDER_SENDS_PER_SECOND]: wholeNumber(0, 10_000, 0),
  [EnvName.REMINDER_PAGE_SIZE]: wholeNumber(1, 1000, 100),
});

/**
 * Reads the configuration from an environment (defaults to `process.env`).
 *
 * @throws {ConfigError} naming every missing or invalid variable, so a misconfigured function fails at its
 *   first use with a message that says what to set.
 */
export const readConfig = (env: NodeJS.ProcessEnv = process.env): Config => {
  const parsed = z.safeParse(environmentSchema, env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  }
  const e = parsed.data;
  return {
    tableName: e.TABLE_NAME,
    dynamoDbEndpoint: e.DYNAMODB_ENDPOINT,
    sesEndpoint: e.SES_ENDPOINT,
    smsTransport: e.SMS_TRANSPORT,
    tokenSecretArn: e.TOKEN_SECRET_ARN,
    tokenSigningKey: e.TOKEN_SIGNING_KEY,
    emailFrom: e.EMAIL_FROM,
    sessionTtlSeconds: e.SESSION_TTL_SECONDS,
    scryptLogN: e.SCRYPT_LOG_N,
    renewalWindowDays: e.RENEWAL_WINDOW_DAYS,
    legacyCutoff: e.LEGACY_CUTOFF,
    checkoutTtlMinutes: e.CHECKOUT_TTL_MINUTES,
    storeCheckoutUrl: e.STORE_CHECKOUT_URL,
    purchaseStateMachineArn: e.PURCHASE_STATE_MACHINE_ARN,
    storeWebhookSecretArn: e.STORE_WEBHOOK_SECRET_ARN,
    storeWebhookSecret: e.STORE_WEBHOOK_SECRET,
    opsTransport: e.OPS_TRANSPORT,
    opsTopicArn: e.OPS_TOPIC_ARN,
    webhookTransport: e.WEBHOOK_TRANSPORT,
    webhookQueueUrl: e.WEBHOOK_QUEUE_URL,
    portalLicenseUrl: e.PORTAL_LICENSE_URL,
    unsubscribeUrl: e.UNSUBSCRIBE_URL,
    reminderLookbackDays: e.REMINDER_LOOKBACK_DAYS,
    reminderQueueUrl: e.REMINDER_QUEUE_URL,
    reminderSendsPerSecond: e.REMINDER_SENDS_PER_SECOND,
    reminderPageSize: e.REMINDER_PAGE_SIZE,
  };
};
