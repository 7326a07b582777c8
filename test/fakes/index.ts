/**
 * In-memory fakes of every port, for unit tests (no Java): {@link createFakes} wires one of each over a
 * shared {@link MemoryTables}, as the DynamoDB adapters share one table. Local mode keeps DynamoDB Local.
 */
import { FakeApiKeyStore } from './api-key-store';
import { FakeAuditLog } from './audit-log';
import { FakeCatalogStore } from './catalog-store';
import { FakeChallengeStore } from './challenge-store';
import { FakeCheckoutStore } from './checkout-store';
import { FakeIdempotencyStore } from './idempotency-store';
import { FakeLicenseStore } from './license-store';
import { MemoryTables } from './memory-tables';
import { FakeEmailSender, FakeOpsNotifier, FakeSmsSender } from './messaging';
import { FakeNotificationPreferencesStore } from './notification-preferences-store';
import { FakeOrderStore } from './order-store';
import { FakePurchaseStore } from './purchase-store';
import { FakePurchaseWorkflow } from './purchase-workflow';
import { FakeRateLimitStore } from './rate-limit-store';
import { FakeSessionStore } from './session-store';
import { FakeSmsQuotaStore } from './sms-quota-store';
import { FakeThrottleStore } from './throttle-store';
import { FakeUserStore } from './user-store';
import {
  FakeDeliveryStore,
  FakeWebhookEndpointStore,
  FakeWebhookEventStore,
  RecordingDeliveryQueue,
} from './webhook-stores';
import { FakeWorkspaceStore } from './workspace-store';

/** One fake per port, all over the same tables. */
export const createFakes = (tables = new MemoryTables()) => ({
  tables,
  users: new FakeUserStore(tables),
  challenges: new FakeChallengeStore(tables),
  sessions: new FakeSessionStore(tables),
  throttle: new FakeThrottleStore(tables),
  smsQuota: new FakeSmsQuotaStore(tables),
  idempotency: new FakeIdempotencyStore(tables),
  catalog: new FakeCatalogStore(tables),
  workspaces: new FakeWorkspaceStore(tables),
  licenses: new FakeLicenseStore(tables),
  checkouts: new FakeCheckoutStore(tables),
  orders: new FakeOrderStore(tables),
  purchases: new FakePurchaseStore(tables),
  apiKeys: new FakeApiKeyStore(tables),
  rateLimits: new FakeRateLimitStore(tables),
  audit: new FakeAuditLog(tables),
  webhookEndpoints: new FakeWebhookEndpointStore(tables),
  webhookEvents: new FakeWebhookEventStore(tables),
  deliveries: new FakeDeliveryStore(tables),
  deliveryQueue: new RecordingDeliveryQueue(),
  notificationPreferences: new FakeNotificationPreferencesStore(tables),
  sms: new FakeSmsSender(),
  email: new FakeEmailSender(),
  ops: new FakeOpsNotifier(),
  workflow: new FakePurchaseWorkflow(),
});

export type Fakes = ReturnType<typeof createFakes>;
