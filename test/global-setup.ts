/**
 * Starts one DynamoDB Local for the whole test run; each test file creates its own table in it
 * (see `test/support/dynamodb.ts`), so files can run in parallel without seeing each other's data.
 */
import { startDynamoDbLocal } from '../functions/local/dynamodb-local';

export default async function globalSetup(): Promise<void> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  const dynamo = await startDynamoDbLocal();
  process.env.TEST_DYNAMODB_ENDPOINT = dynamo.endpoint;
  (globalThis as { __dynamo?: typeof dynamo }).__dynamo = dynamo;
}
