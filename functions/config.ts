/**
 * Runtime configuration, read once from the environment. CDK sets these variables on every function;
 * the local runner sets the same ones, so one wiring serves both.
 */
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
  /** Comma-separated origins allowed by CORS. */
  CORS_ALLOWED_ORIGINS: 'CORS_ALLOWED_ORIGINS',
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
} as const;

/** Sign-in policy. PRODUCT.md fixes these numbers; they are named here, once. */
export const AuthPolicy = {
  smsCodeTtlSeconds: 5 * 60,
  maxWrongCodesPerChallenge: 5,
  maxResends: 3,
  resendIntervalSeconds: 30,
  /** Consecutive failures (password or code) before an email is throttled. */
  throttleAfterFailures: 5,
  throttleBaseSeconds: 30,
  throttleMaxSeconds: 15 * 60,
  /** An enrolment (new phone or authenticator) must be confirmed within this time. */
  enrolmentTtlSeconds: 10 * 60,
  /** TOTP challenges have no code to send; they live as long as an SMS code would. */
  challengeTtlSeconds: 5 * 60,
  /** SMS codes (sign-in, resend, enrolment, step-up together) per user per rolling window. */
  smsPerUser: { maxSends: 5, windowSeconds: 3600 },
  /** SMS codes per phone number per rolling window, whoever asks. */
  smsPerPhoneNumber: { maxSends: 10, windowSeconds: 24 * 3600 },
} as const;

export interface Config {
  tableName: string;
  dynamoDbEndpoint?: string;
  sesEndpoint?: string;
  smsTransport: 'sns' | 'outbox';
  tokenSecretArn?: string;
  tokenSigningKey?: string;
  emailFrom: string;
  corsAllowedOrigins: string[];
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
}

const intFrom = (value: string | undefined, fallback: number): number => {
  const parsed = Number.parseInt(value ?? '', 10);
  return Number.isFinite(parsed) ? parsed : fallback;
};

const dateFrom = (value: string | undefined, fallback: string): Date => {
  const parsed = new Date(value ?? '');
  return Number.isNaN(parsed.getTime()) ? new Date(fallback) : parsed;
};

/** Reads the configuration from an environment (defaults to `process.env`). */
export const readConfig = (env: NodeJS.ProcessEnv = process.env): Config => ({
  tableName: env[EnvName.TABLE_NAME] ?? 'renewal-hub',
  dynamoDbEndpoint: env[EnvName.DYNAMODB_ENDPOINT] || undefined,
  sesEndpoint: env[EnvName.SES_ENDPOINT] || undefined,
  smsTransport: env[EnvName.SMS_TRANSPORT] === 'outbox' ? 'outbox' : 'sns',
  tokenSecretArn: env[EnvName.TOKEN_SECRET_ARN] || undefined,
  tokenSigningKey: env[EnvName.TOKEN_SIGNING_KEY] || undefined,
  emailFrom: env[EnvName.EMAIL_FROM] ?? 'no-reply@renewal-hub.example',
  corsAllowedOrigins: (env[EnvName.CORS_ALLOWED_ORIGINS] ?? '')
    .split(',')
    .map((origin) => origin.trim())
    .filter(Boolean),
  sessionTtlSeconds: Math.min(3600, Math.max(60, intFrom(env[EnvName.SESSION_TTL_SECONDS], 3600))),
  scryptLogN: Math.max(17, intFrom(env[EnvName.SCRYPT_LOG_N], 17)),
  renewalWindowDays: Math.max(1, intFrom(env[EnvName.RENEWAL_WINDOW_DAYS], 30)),
  legacyCutoff: dateFrom(env[EnvName.LEGACY_CUTOFF], '2019-04-01T00:00:00.000Z'),
  checkoutTtlMinutes: Math.max(5, intFrom(env[EnvName.CHECKOUT_TTL_MINUTES], 60)),
  storeCheckoutUrl:
    env[EnvName.STORE_CHECKOUT_URL] ?? 'https://store.renewal-hub.example/checkouts/{checkoutId}',
  purchaseStateMachineArn: env[EnvName.PURCHASE_STATE_MACHINE_ARN] || undefined,
  storeWebhookSecretArn: env[EnvName.STORE_WEBHOOK_SECRET_ARN] || undefined,
  storeWebhookSecret: env[EnvName.STORE_WEBHOOK_SECRET] || undefined,
  opsTransport: env[EnvName.OPS_TRANSPORT] === 'outbox' ? 'outbox' : 'sns',
  opsTopicArn: env[EnvName.OPS_TOPIC_ARN] || undefined,
});
