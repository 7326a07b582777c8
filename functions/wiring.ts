/**
 * The composition root: the one place that picks adapters for the ports, from the configuration.
 * Each factory is memoized and separate, so a handler bundle only contains the adapters it uses.
 * Tests replace any of them with {@link overrideDependencies}.
 */

import { SecretsProvider } from '@aws-lambda-powertools/parameters/secrets';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SESv2Client, type SESv2ClientConfig } from '@aws-sdk/client-sesv2';
import { SFNClient } from '@aws-sdk/client-sfn';
import { SNSClient } from '@aws-sdk/client-sns';
import { SQSClient } from '@aws-sdk/client-sqs';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { awsClientOptions } from './adapters/aws-client-options';
import { DynamoApiKeyStore } from './adapters/dynamodb/api-key-store';
import { DynamoAuditLog } from './adapters/dynamodb/audit-log';
import { DynamoCatalogStore } from './adapters/dynamodb/catalog-store';
import { DynamoChallengeStore } from './adapters/dynamodb/challenge-store';
import { DynamoCheckoutStore } from './adapters/dynamodb/checkout-store';
import { createDocumentClient } from './adapters/dynamodb/client';
import { DynamoIdempotencyStore } from './adapters/dynamodb/idempotency-store';
import { DynamoLicenseStore } from './adapters/dynamodb/license-store';
import { DynamoNotificationPreferencesStore } from './adapters/dynamodb/notification-preferences-store';
import { DynamoOrderStore } from './adapters/dynamodb/order-store';
import { DynamoPurchaseStore } from './adapters/dynamodb/purchase-store';
import { DynamoRateLimitStore } from './adapters/dynamodb/rate-limit-store';
import { DynamoReminderStore } from './adapters/dynamodb/reminder-store';
import { DynamoSessionStore } from './adapters/dynamodb/session-store';
import { DynamoSmsQuotaStore } from './adapters/dynamodb/sms-quota-store';
import { DynamoThrottleStore } from './adapters/dynamodb/throttle-store';
import { DynamoUserStore } from './adapters/dynamodb/user-store';
import {
  DynamoDeliveryStore,
  DynamoWebhookEndpointStore,
  DynamoWebhookEventStore,
} from './adapters/dynamodb/webhook-stores';
import { DynamoWorkspaceStore } from './adapters/dynamodb/workspace-store';
import { HttpWebhookSender } from './adapters/http-webhook-sender';
import { JwtTokenService } from './adapters/jwt-token-service';
import { localOutbox } from './adapters/outbox';
import { OutboxOpsNotifier } from './adapters/outbox-ops-notifier';
import { pacedEmailSender } from './adapters/paced-email-sender';
import { refusalClassifying } from './adapters/refusal-classifying-email-sender';
import { SesEmailSender } from './adapters/ses-email-sender';
import { SfnPurchaseWorkflow } from './adapters/sfn-purchase-workflow';
import { SnsOpsNotifier } from './adapters/sns-ops-notifier';
import { SnsSmsSender } from './adapters/sns-sms-sender';
import { SqsDeliveryQueue } from './adapters/sqs-delivery-queue';
import { SqsReminderTaskQueue } from './adapters/sqs-reminder-task-queue';
import { type Config, readConfig } from './config';
import { type Clock, systemClock } from './domain/clock';
import { type DerivedKeys, deriveKeys } from './domain/secrets';
import { unsubscribeToken } from './domain/unsubscribe-token';
import type { EndpointUrlPolicy } from './domain/webhook-endpoint';
import type { ApiKeyStore } from './ports/api-keys';
import type { AuditLog } from './ports/audit-log';
import type { ChallengeStore, SessionStore, SmsQuotaStore, ThrottleStore } from './ports/auth-records';
import type { CatalogStore } from './ports/catalog';
import type { CheckoutStore } from './ports/checkouts';
import type { IdempotencyStore } from './ports/idempotency';
import type { LicenseStore } from './ports/licenses';
import type { EmailSender, OpsNotifier, SmsSender } from './ports/messaging';
import type { NotificationPreferencesStore } from './ports/notification-preferences';
import type { OrderStore } from './ports/orders';
import type { PurchaseWorkflow } from './ports/purchase-workflow';
import type { PurchaseStore } from './ports/purchases';
import type { RateLimitStore } from './ports/rate-limits';
import type { ReminderStore, ReminderTaskQueue } from './ports/reminders';
import type { TokenService } from './ports/tokens';
import type { UserStore } from './ports/users';
import type { AddressChecker, WebhookSender } from './ports/webhook-sender';
import type { DeliveryQueue, DeliveryStore, WebhookEndpointStore, WebhookEventStore } from './ports/webhooks';
import type { WorkspaceStore } from './ports/workspaces';
import type { ActivationCodeDeps } from './use-cases/activation-codes';
import type { ApiKeyDeps } from './use-cases/api-keys';
import type { AuthDeps } from './use-cases/auth-common';
import type { CheckoutDeps } from './use-cases/checkouts';
import type { LicenseDeps } from './use-cases/licenses';
import type { ReminderDeps } from './use-cases/renewal-reminders';
import type { WebhookDeliveryDeps, WebhookFanOutDeps } from './use-cases/webhook-delivery';
import type { WebhookEndpointDeps } from './use-cases/webhook-endpoints';

interface Overrides {
  config?: Config;
  /** The local run's in-process queue; tests' too. */
  deliveryQueue?: DeliveryQueue;
  /** Tests' receiver-side fake; the real sender otherwise. */
  webhookSender?: WebhookSender & AddressChecker;
  clock?: Clock;
  keys?: DerivedKeys;
  sms?: SmsSender;
  email?: EmailSender;
  /** The local run's in-process Step Functions; tests' too. */
  workflow?: PurchaseWorkflow;
  /** Tests' recorder of the reminder job's queued shares. */
  reminderQueue?: ReminderTaskQueue;
  ops?: OpsNotifier;
}

let overrides: Overrides = {};
const cache = new Map<string, unknown>();

const once = <T>(name: string, build: () => T): T => {
  if (!cache.has(name)) cache.set(name, build());
  return cache.get(name) as T;
};

/** Replaces parts of the wiring (tests, the local runner) and forgets everything built so far. */
export const overrideDependencies = (next: Overrides): void => {
  overrides = next;
  cache.clear();
};

export const config = (): Config => overrides.config ?? once('config', () => readConfig());
export const clock = (): Clock => overrides.clock ?? systemClock;

const documentClient = (): DynamoDBDocumentClient =>
  once('dynamodb', () => createDocumentClient(config().dynamoDbEndpoint));

export const userStore = (): UserStore =>
  once('users', () => new DynamoUserStore(documentClient(), config().tableName));
export const challengeStore = (): ChallengeStore =>
  once('challenges', () => new DynamoChallengeStore(documentClient(), config().tableName));
export const sessionStore = (): SessionStore =>
  once('sessions', () => new DynamoSessionStore(documentClient(), config().tableName));
export const throttleStore = (): ThrottleStore =>
  once('throttle', () => new DynamoThrottleStore(documentClient(), config().tableName));
export const smsQuotaStore = (): SmsQuotaStore =>
  once('sms-quota', () => new DynamoSmsQuotaStore(documentClient(), config().tableName));
export const workspaceStore = (): WorkspaceStore =>
  once('workspaces', () => new DynamoWorkspaceStore(documentClient(), config().tableName));

export const apiKeyStore = (): ApiKeyStore =>
  once('api-keys', () => new DynamoApiKeyStore(documentClient(), config().tableName));
export const rateLimitStore = (): RateLimitStore =>
  once('rate-limits', () => new DynamoRateLimitStore(documentClient(), config().tableName));
export const auditLog = (): AuditLog =>
  once('audit-log', () => new DynamoAuditLog(documentClient(), config().tableName));

export const licenseStore = (): LicenseStore =>
  once('licenses', () => new DynamoLicenseStore(documentClient(), config().tableName));
export const catalogStore = (): CatalogStore =>
  once('catalog', () => new DynamoCatalogStore(documentClient(), config().tableName));

export const checkoutStore = (): CheckoutStore =>
  once('checkouts', () => new DynamoCheckoutStore(documentClient(), config().tableName));
export const idempotencyStore = (): IdempotencyStore =>
  once('idempotency', () => new DynamoIdempotencyStore(documentClient(), config().tableName));

export const purchaseWorkflow = (): PurchaseWorkflow =>
  overrides.workflow ??
  once('workflow', () => {
    const arn = config().purchaseStateMachineArn;
    if (!arn) throw new Error('PURCHASE_STATE_MACHINE_ARN is not set');
    return new SfnPurchaseWorkflow(new SFNClient(awsClientOptions()), arn);
  });

/**
 * How long a container trusts its copy of a secret, so a rotated secret takes effect without a deploy.
 * Powertools caches only values it read: a failed read (throttled, unreachable) is retried by the next
 * request instead of breaking the container.
 */
const SECRET_MAX_AGE_SECONDS = 5 * 60;

const secretsProvider = (): SecretsProvider =>
  once(
    'secrets',
    () => new SecretsProvider({ awsSdkV3Client: new SecretsManagerClient(awsClientOptions()) }),
  );

/** The store's webhook signing secret: Secrets Manager in AWS, an env variable locally. */
export const storeWebhookSecret = (): Promise<string> =>
  readSecret(config().storeWebhookSecret, config().storeWebhookSecretArn);

export const smsSender = (): SmsSender =>
  overrides.sms ??
  once('sms', () =>
    config().smsTransport === 'outbox' ? localOutbox : new SnsSmsSender(new SNSClient(awsClientOptions())),
  );

/** SES v2 (or the tests' fake), with its failures sorted into transient and refused. */
const sesEmailSender = (clientOptions: SESv2ClientConfig): EmailSender =>
  refusalClassifying(
    overrides.email ?? new SesEmailSender(new SESv2Client(clientOptions), config().emailFrom),
  );

export const emailSender = (): EmailSender =>
  once('email', () => sesEmailSender(awsClientOptions(config().sesEndpoint)));

/** Derived keys and token services by root secret: HKDF and key import run once per secret value. */
const keysBySecret = new Map<string, { keys: DerivedKeys; tokens: JwtTokenService }>();

const derivedFrom = async (): Promise<{ keys: DerivedKeys; tokens: JwtTokenService }> => {
  if (overrides.keys) {
    const keys = overrides.keys;
    return once('override-keys', () => ({ keys, tokens: new JwtTokenService(keys.tokenSigningKey) }));
  }
  const secret = await readSecret(config().tokenSigningKey, config().tokenSecretArn);
  let derived = keysBySecret.get(secret);
  if (!derived) {
    const keys = deriveKeys(secret);
    derived = { keys, tokens: new JwtTokenService(keys.tokenSigningKey) };
    // A rotated secret replaces the old entry rather than piling up.
    keysBySecret.clear();
    keysBySecret.set(secret, derived);
  }
  return derived;
};

/** Keys derived from the deployment secret: Secrets Manager in AWS, an env variable locally. */
export const keys = async (): Promise<DerivedKeys> => (await derivedFrom()).keys;

/** A secret given directly (local runs, tests) or read from Secrets Manager by ARN (AWS), cached with a max age. */
const readSecret = async (value: string | undefined, arn: string | undefined): Promise<string> => {
  if (value) return value;
  if (!arn) throw new Error('A secret is configured neither by value nor by Secrets Manager ARN');
  const secret = await secretsProvider().get(arn, { maxAge: SECRET_MAX_AGE_SECONDS });
  if (typeof secret !== 'string' || secret === '') throw new Error(`The secret ${arn} is empty`);
  return secret;
};

/** Verifies and issues access tokens with the key derived from the current secret. */
export const tokenService = async (): Promise<TokenService> => (await derivedFrom()).tokens;

/** The sign-in and 2FA use cases' dependencies. */
export const authDeps = async (): Promise<AuthDeps> => {
  // One secret read for both: the keys and the token service come from the same derivation.
  const derived = await derivedFrom();
  return {
    users: userStore(),
    challenges: challengeStore(),
    sessions: sessionStore(),
    throttle: throttleStore(),
    smsQuota: smsQuotaStore(),
    sms: smsSender(),
    tokens: derived.tokens,
    keys: derived.keys,
    config: config(),
    workspaces: workspaceStore(),
    audit: auditLog(),
  };
};

/** The license use cases' dependencies. */
export const licenseDeps = async (): Promise<LicenseDeps> => ({
  licenses: licenseStore(),
  workspaces: workspaceStore(),
  catalog: catalogStore(),
  cursorKey: (await keys()).cursorKey,
  policy: { windowDays: config().renewalWindowDays, legacyCutoff: config().legacyCutoff },
});

/** Entering an activation code: the license use cases' dependencies, its attempt limit and pepper. */
export const activationCodeDeps = async (): Promise<ActivationCodeDeps> => ({
  ...(await licenseDeps()),
  throttle: throttleStore(),
  pepper: (await keys()).codePepper,
});

/** Issuing, listing and revoking API keys. */
export const apiKeyDeps = (): ApiKeyDeps => ({
  apiKeys: apiKeyStore(),
  workspaces: workspaceStore(),
  audit: auditLog(),
});

/** Listing a workspace's audit events: paged with the same signed cursors as the licenses. */
export const auditDeps = async () => ({
  workspaces: workspaceStore(),
  audit: auditLog(),
  cursorKey: (await keys()).cursorKey,
});

/** The checkout use cases' dependencies. */
export const checkoutDeps = async (): Promise<CheckoutDeps> => ({
  ...(await licenseDeps()),
  checkouts: checkoutStore(),
  checkoutTtlMinutes: config().checkoutTtlMinutes,
  storeCheckoutUrl: config().storeCheckoutUrl,
  audit: auditLog(),
});

export const webhookEndpointStore = (): WebhookEndpointStore =>
  once('webhookEndpoints', () => new DynamoWebhookEndpointStore(documentClient(), config().tableName));
export const webhookEventStore = (): WebhookEventStore =>
  once('webhookEvents', () => new DynamoWebhookEventStore(documentClient(), config().tableName));
export const deliveryStore = (): DeliveryStore =>
  once('deliveries', () => new DynamoDeliveryStore(documentClient(), config().tableName));

/** Where delivery attempts wait: SQS in AWS, the local run's in-process queue locally. */
export const deliveryQueue = (): DeliveryQueue =>
  overrides.deliveryQueue ??
  once('deliveryQueue', () => {
    const queueUrl = config().webhookQueueUrl;
    if (!queueUrl) throw new Error('WEBHOOK_QUEUE_URL is not set');
    return new SqsDeliveryQueue(new SQSClient(awsClientOptions()), queueUrl);
  });

/** Endpoint URLs: https:// only in AWS; locally, a developer's own http:// receiver on this machine too. */
const endpointUrlPolicy = (): EndpointUrlPolicy => ({
  allowLocalHttp: config().webhookTransport === 'local',
});

const webhookSender = (): WebhookSender & AddressChecker =>
  overrides.webhookSender ?? once('webhookSender', () => new HttpWebhookSender(endpointUrlPolicy()));

/** Managing a workspace's webhook endpoints and reading their delivery logs. */
export const webhookEndpointDeps = async (): Promise<WebhookEndpointDeps> => ({
  endpoints: webhookEndpointStore(),
  deliveries: deliveryStore(),
  // Only a redelivery sends to the queue: the other routes need no queue configured.
  queue: { send: (message, delaySeconds) => deliveryQueue().send(message, delaySeconds) },
  workspaces: workspaceStore(),
  addresses: webhookSender(),
  urlPolicy: endpointUrlPolicy(),
  cursorKey: (await keys()).cursorKey,
});

/** Fanning an event out: its endpoints, its deliveries, the queue (no sender, no operations topic). */
export const webhookFanOutDeps = (): WebhookFanOutDeps => ({
  endpoints: webhookEndpointStore(),
  deliveries: deliveryStore(),
  queue: deliveryQueue(),
});

/** Making delivery attempts. */
export const webhookDeliveryDeps = (): WebhookDeliveryDeps => ({
  endpoints: webhookEndpointStore(),
  workspaces: workspaceStore(),
  users: userStore(),
  email: emailSender(),
  events: webhookEventStore(),
  deliveries: deliveryStore(),
  queue: deliveryQueue(),
  sender: webhookSender(),
  ops: opsNotifier(),
  random: Math.random,
  userAgent: 'RenewalHub-Webhooks/1.0',
});

export const notificationPreferencesStore = (): NotificationPreferencesStore =>
  once(
    'notificationPreferences',
    () => new DynamoNotificationPreferencesStore(documentClient(), config().tableName),
  );

export const orderStore = (): OrderStore =>
  once('orders', () => new DynamoOrderStore(documentClient(), config().tableName));
/** The purchase workflow's records; its tasks compose their own dependencies from these factories. */
export const purchaseStore = (): PurchaseStore =>
  once('purchases', () => new DynamoPurchaseStore(documentClient(), config().tableName));

/** Notifications to operations: the operations SNS topic in AWS, the outbox's OPS channel locally. */
export const opsNotifier = (): OpsNotifier =>
  overrides.ops ??
  once('ops', () => {
    if (config().opsTransport === 'outbox') return new OutboxOpsNotifier(localOutbox);
    const topicArn = config().opsTopicArn;
    if (!topicArn) throw new Error('OPS_TOPIC_ARN is not set');
    return new SnsOpsNotifier(new SNSClient(awsClientOptions()), topicArn);
  });

/** Where the reminder job's shares wait: SQS in AWS (local runs run them in process, with no queue). */
export const reminderTaskQueue = (): ReminderTaskQueue =>
  overrides.reminderQueue ??
  once('reminderQueue', () => {
    const queueUrl = config().reminderQueueUrl;
    if (!queueUrl) throw new Error('REMINDER_QUEUE_URL is not set');
    return new SqsReminderTaskQueue(new SQSClient(awsClientOptions()), queueUrl);
  });

/**
 * The reminder job's email: paced to its share of the SES sending rate, through an SES client that backs
 * off adaptively when throttled and tries up to six times (a job has no 5-second answer to keep, unlike
 * the routes' clients).
 */
const reminderEmailSender = (): EmailSender =>
  once('reminderEmail', () => {
    const sender = sesEmailSender({
      ...awsClientOptions(config().sesEndpoint),
      retryMode: 'adaptive',
      maxAttempts: 6,
    });
    const perSecond = config().reminderSendsPerSecond;
    return perSecond > 0 ? pacedEmailSender(sender, perSecond) : sender;
  });

export const reminderStore = (): ReminderStore =>
  once('reminders', () => new DynamoReminderStore(documentClient(), config().tableName));

/** The renewal-reminder job's dependencies (PRODUCT.md §8). */
export const reminderDeps = async (): Promise<ReminderDeps> => {
  const { unsubscribeKey } = await keys();
  return {
    reminders: reminderStore(),
    workspaces: workspaceStore(),
    users: userStore(),
    preferences: notificationPreferencesStore(),
    catalog: catalogStore(),
    email: reminderEmailSender(),
    policy: { windowDays: config().renewalWindowDays, legacyCutoff: config().legacyCutoff },
    clock: clock(),
    lookbackDays: config().reminderLookbackDays,
    pageSize: config().reminderPageSize,
    renewUrl: (licenseId) => config().portalLicenseUrl.replace('{licenseId}', encodeURIComponent(licenseId)),
    unsubscribeUrl: (userId) =>
      config().unsubscribeUrl.replace('{token}', unsubscribeToken(unsubscribeKey, userId, clock().now())),
  };
};
