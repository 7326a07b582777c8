import { randomUUID } from 'node:crypto';
import { CreateTableCommand, DeleteTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createTableInput } from '../../functions/adapters/dynamodb/table-definition';
import { type Config, readConfig } from '../../functions/config';

/** The DynamoDB Local endpoint started by the global setup. */
export const testEndpoint = (): string => {
  const endpoint = process.env.TEST_DYNAMODB_ENDPOINT;
  if (!endpoint) throw new Error('TEST_DYNAMODB_ENDPOINT is not set: run the tests through jest');
  return endpoint;
};

/** Creates a fresh table with the production definition; returns its name and a function that drops it. */
export const createTestTable = async (): Promise<{
  tableName: string;
  endpoint: string;
  drop: () => Promise<void>;
}> => {
  const endpoint = testEndpoint();
  const tableName = `test-${randomUUID()}`;
  const client = new DynamoDBClient({ endpoint });
  await client.send(new CreateTableCommand(createTableInput(tableName)));
  return {
    tableName,
    endpoint,
    drop: async () => {
      await client.send(new DeleteTableCommand({ TableName: tableName }));
      client.destroy();
    },
  };
};

/** What the test store signs its webhooks with. */
export const TEST_STORE_SECRET = 'test-store-webhook-secret';

/** The configuration tests run with: the production defaults, pointed at a test table. */
export const testConfig = (table: { tableName: string; endpoint: string }): Config => ({
  ...readConfig({ TABLE_NAME: table.tableName, DYNAMODB_ENDPOINT: table.endpoint }),
  storeWebhookSecret: TEST_STORE_SECRET,
});
