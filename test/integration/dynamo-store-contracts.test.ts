/** The port contracts (test/contracts) against the DynamoDB adapters, on DynamoDB Local. */

import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoApiKeyStore } from '../../functions/adapters/dynamodb/api-key-store';
import { DynamoAuditLog } from '../../functions/adapters/dynamodb/audit-log';
import { DynamoCatalogImportStore } from '../../functions/adapters/dynamodb/catalog-import-store';
import { DynamoCatalogStore } from '../../functions/adapters/dynamodb/catalog-store';
import { DynamoChallengeStore } from '../../functions/adapters/dynamodb/challenge-store';
import { DynamoCheckoutStore } from '../../functions/adapters/dynamodb/checkout-store';
import { createDocumentClient } from '../../functions/adapters/dynamodb/client';
import { DynamoIdempotencyStore } from '../../functions/adapters/dynamodb/idempotency-store';
import { DynamoNotificationPreferencesStore } from '../../functions/adapters/dynamodb/notification-preferences-store';
import { DynamoOrderStore } from '../../functions/adapters/dynamodb/order-store';
import { DynamoPurchaseStore } from '../../functions/adapters/dynamodb/purchase-store';
import { DynamoRateLimitStore } from '../../functions/adapters/dynamodb/rate-limit-store';
import { DynamoSessionStore } from '../../functions/adapters/dynamodb/session-store';
import { DynamoSmsQuotaStore } from '../../functions/adapters/dynamodb/sms-quota-store';
import { DynamoThrottleStore } from '../../functions/adapters/dynamodb/throttle-store';
import { DynamoUserStore } from '../../functions/adapters/dynamodb/user-store';
import { DynamoWebhookEventStore } from '../../functions/adapters/dynamodb/webhook-stores';
import { DynamoWorkspaceStore } from '../../functions/adapters/dynamodb/workspace-store';
import {
  describeApiKeyStoreContract,
  describeAuditLogContract,
  describeRateLimitStoreContract,
} from '../contracts/api-key-stores.contract';
import { describeCatalogStoreContract } from '../contracts/catalog-store.contract';
import { describeChallengeStoreContract } from '../contracts/challenge-store.contract';
import { describeCheckoutStoreContract } from '../contracts/checkout-store.contract';
import { describeIdempotencyStoreContract } from '../contracts/idempotency-store.contract';
import { describeLicenseStoreContract } from '../contracts/license-store.contract';
import { describeNotificationPreferencesContract } from '../contracts/notification-preferences.contract';
import { describePurchaseStoreContract } from '../contracts/purchase-store.contract';
import { describeSessionStoreContract } from '../contracts/session-store.contract';
import { describeSmsQuotaStoreContract } from '../contracts/sms-quota-store.contract';
import { describeThrottleStoreContract } from '../contracts/throttle-store.contract';
import { describeUserStoreContract } from '../contracts/user-store.contract';
import { describeWorkspaceStoreContract } from '../contracts/workspace-store.contract';
import { dynamoLicenseStores } from '../support/dynamo-stores';
import { createTestTable } from '../support/dynamodb';

type TestTable = Awaited<ReturnType<typeof createTestTable>>;

// One table for the suites whose tests use ids of their own; a fresh one where a query spans the table.
let shared: TestTable;
let client: DynamoDBDocumentClient;
const extraTables: TestTable[] = [];

beforeAll(async () => {
  shared = await createTestTable();
  client = createDocumentClient(shared.endpoint);
});

afterAll(async () => {
  client.destroy();
  await Promise.all([shared, ...extraTables].map((table) => table.drop()));
});

const freshTable = async (): Promise<string> => {
  const table = await createTestTable();
  extraTables.push(table);
  return table.tableName;
};

describeUserStoreContract('DynamoDB', async () => ({ store: new DynamoUserStore(client, shared.tableName) }));
describeChallengeStoreContract('DynamoDB', async () => ({
  store: new DynamoChallengeStore(client, shared.tableName),
}));
describeSessionStoreContract('DynamoDB', async () => ({
  store: new DynamoSessionStore(client, shared.tableName),
}));
describeThrottleStoreContract('DynamoDB', async () => ({
  store: new DynamoThrottleStore(client, shared.tableName),
}));
describeSmsQuotaStoreContract('DynamoDB', async () => ({
  store: new DynamoSmsQuotaStore(client, shared.tableName),
}));
describeIdempotencyStoreContract('DynamoDB', async () => ({
  store: new DynamoIdempotencyStore(client, shared.tableName),
}));
describeCatalogStoreContract('DynamoDB', async () => {
  const tableName = await freshTable();
  return {
    store: new DynamoCatalogStore(client, tableName),
    seed: async ({ products, prices, offers }) => {
      const imports = new DynamoCatalogImportStore(client, tableName);
      await imports.putProducts(products, { concurrency: 1 });
      await imports.putPrices(prices, { concurrency: 1 });
      await imports.putOffers(offers, { concurrency: 1 });
    },
  };
});
describeWorkspaceStoreContract('DynamoDB', async () => ({
  store: new DynamoWorkspaceStore(client, shared.tableName),
}));
describeLicenseStoreContract('DynamoDB', async () => ({
  licenses: dynamoLicenseStores(client, shared.tableName),
  workspaces: new DynamoWorkspaceStore(client, shared.tableName),
  webhookEvents: new DynamoWebhookEventStore(client, shared.tableName),
}));
describeCheckoutStoreContract('DynamoDB', async () => ({
  checkouts: new DynamoCheckoutStore(client, shared.tableName),
  licenses: dynamoLicenseStores(client, shared.tableName),
}));
describePurchaseStoreContract('DynamoDB', async () => {
  const tableName = await freshTable();
  const orders = new DynamoOrderStore(client, tableName);
  return {
    purchases: new DynamoPurchaseStore(client, tableName),
    checkouts: new DynamoCheckoutStore(client, tableName),
    licenses: dynamoLicenseStores(client, tableName),
    workspaces: new DynamoWorkspaceStore(client, tableName),
    orders,
    webhookEvents: new DynamoWebhookEventStore(client, tableName),
  };
});
describeApiKeyStoreContract('DynamoDB', async () => ({
  store: new DynamoApiKeyStore(client, shared.tableName),
}));
describeRateLimitStoreContract('DynamoDB', async () => ({
  store: new DynamoRateLimitStore(client, shared.tableName),
}));
describeAuditLogContract('DynamoDB', async () => ({ log: new DynamoAuditLog(client, shared.tableName) }));
describeNotificationPreferencesContract('DynamoDB', async () => ({
  store: new DynamoNotificationPreferencesStore(client, shared.tableName),
}));
