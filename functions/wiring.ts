/**
 * The composition root: the one place that picks adapters for the ports, from the configuration.
 * Each factory is memoized and separate, so a handler bundle only contains the adapters it uses.
 * Tests replace any of them with {@link overrideDependencies}.
 */
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SFNClient } from '@aws-sdk/client-sfn';
import { SNSClient } from '@aws-sdk/client-sns';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoCatalogStore } from './adapters/dynamodb/catalog-store';
import { DynamoChallengeStore } from './adapters/dynamodb/challenge-store';
import { DynamoCheckoutStore } from './adapters/dynamodb/checkout-store';
import { createDocumentClient } from './adapters/dynamodb/client';
import { DynamoIdempotencyStore } from './adapters/dynamodb/idempotency-store';
import { DynamoLicenseStore } from './adapters/dynamodb/license-store';
import { DynamoOrderStore } from './adapters/dynamodb/order-store';
import { DynamoPurchaseStore } from './adapters/dynamodb/purchase-store';
import { DynamoSessionStore } from './adapters/dynamodb/session-store';
import { DynamoThrottleStore } from './adapters/dynamodb/throttle-store';
import { DynamoUserStore } from './adapters/dynamodb/user-store';
import { DynamoWorkspaceStore } from './adapters/dynamodb/workspace-store';
import { localOutbox } from './adapters/outbox';
import { OutboxOpsNotifier } from './adapters/outbox-ops-notifier';
import { SesEmailSender } from './adapters/ses-email-sender';
import { SfnPurchaseWorkflow } from './adapters/sfn-purchase-workflow';
import { SnsOpsNotifier } from './adapters/sns-ops-notifier';
import { SnsSmsSender } from './adapters/sns-sms-sender';
import { type Config, readConfig } from './config';
import { type Clock, systemClock } from './domain/clock';
import { type DerivedKeys, deriveKeys } from './domain/secrets';
import { TokenService } from './domain/tokens';
import type { ChallengeStore, SessionStore, ThrottleStore } from './ports/auth-records';
import type { CatalogStore } from './ports/catalog';
import type { CheckoutStore } from './ports/checkouts';
import type { IdempotencyStore } from './ports/idempotency';
import type { LicenseStore } from './ports/licenses';
import type { EmailSender, SmsSender } from './ports/messaging';
import type { OpsNotifier, OrderStore, PurchaseWorkflow } from './ports/orders';
import type { PurchaseStore } from './ports/purchases';
import type { UserStore } from './ports/users';
import type { WorkspaceStore } from './ports/workspaces';
import type { ActivationCodeDeps } from './use-cases/activation-codes';
import type { AuthDeps } from './use-cases/auth-deps';
import type { CheckoutDeps } from './use-cases/checkouts';

interface Overrides {
  config?: Config;
  clock?: Clock;
  keys?: DerivedKeys;
  sms?: SmsSender;
  email?: EmailSender;
  /** The local run's in-process Step Functions; tests' too. */
  workflow?: PurchaseWorkflow;
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
export const workspaceStore = (): WorkspaceStore =>
  once('workspaces', () => new DynamoWorkspaceStore(documentClient(), config().tableName));

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
    return new SfnPurchaseWorkflow(new SFNClient({}), arn);
  });

/** How long a container trusts its copy of the store's secret, so a changed secret takes effect without a deploy. */
const STORE_SECRET_REFRESH_MS = 5 * 60_000;
let storeSecretReadAt = 0;

/** The store's webhook signing secret: Secrets Manager in AWS (re-read every 5 minutes), an env variable locally. */
export const storeWebhookSecret = (): Promise<string> => {
  if (Date.now() - storeSecretReadAt > STORE_SECRET_REFRESH_MS) {
    cache.delete('store-secret');
    storeSecretReadAt = Date.now();
  }
  return once('store-secret', () =>
    readSecret(config().storeWebhookSecret, config().storeWebhookSecretArn).catch(forget('store-secret')),
  );
};

export const smsSender = (): SmsSender =>
  overrides.sms ??
  once('sms', () => (config().smsTransport === 'outbox' ? localOutbox : new SnsSmsSender(new SNSClient({}))));

export const emailSender = (): EmailSender =>
  overrides.email ??
  once(
    'email',
    () =>
      new SesEmailSender(
        new SESv2Client(config().sesEndpoint ? { endpoint: config().sesEndpoint } : {}),
        config().emailFrom,
      ),
  );

/** Keys derived from the deployment secret: Secrets Manager in AWS, an env variable locally. */
export const keys = (): Promise<DerivedKeys> =>
  overrides.keys ? Promise.resolve(overrides.keys) : once('keys', () => loadKeys().catch(forget('keys')));

const forget =
  (name: string) =>
  (error: unknown): never => {
    // A failed secret fetch must not be cached for the life of the container.
    cache.delete(name);
    throw error;
  };

const loadKeys = async (): Promise<DerivedKeys> =>
  deriveKeys(await readSecret(config().tokenSigningKey, config().tokenSecretArn));

/** A secret given directly (local runs, tests) or read from Secrets Manager by ARN (AWS). */
const readSecret = async (value: string | undefined, arn: string | undefined): Promise<string> => {
  if (value) return value;
  if (!arn) throw new Error('A secret is configured neither by value nor by Secrets Manager ARN');
  const secret = await new SecretsManagerClient({}).send(new GetSecretValueCommand({ SecretId: arn }));
  if (!secret.SecretString) throw new Error('The secret is empty');
  return secret.SecretString;
};

export const tokenService = async (): Promise<TokenService> =>
  once('tokens', async () => new TokenService((await keys()).tokenSigningKey));

/** The sign-in and 2FA use cases' dependencies. */
export const authDeps = async (): Promise<AuthDeps> => ({
  users: userStore(),
  challenges: challengeStore(),
  sessions: sessionStore(),
  throttle: throttleStore(),
  sms: smsSender(),
  tokens: await tokenService(),
  keys: await keys(),
  config: config(),
});

/** The license use cases' dependencies. */
export const licenseDeps = async (): Promise<ActivationCodeDeps> => {
  const { codePepper } = await keys();
  return {
    licenses: licenseStore(),
    workspaces: workspaceStore(),
    catalog: catalogStore(),
    throttle: throttleStore(),
    cursorKey: codePepper,
    pepper: codePepper,
    policy: { windowDays: config().renewalWindowDays, legacyCutoff: config().legacyCutoff },
  };
};

/** The checkout use cases' dependencies. */
export const checkoutDeps = async (): Promise<CheckoutDeps> => ({
  ...(await licenseDeps()),
  checkouts: checkoutStore(),
  checkoutTtlMinutes: config().checkoutTtlMinutes,
  storeCheckoutUrl: config().storeCheckoutUrl,
});

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
    return new SnsOpsNotifier(new SNSClient({}), topicArn);
  });
