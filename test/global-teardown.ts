import type { RunningDynamoDbLocal } from '../functions/local/dynamodb-local';

export default async function globalTeardown(): Promise<void> {
  await (globalThis as { __dynamo?: RunningDynamoDbLocal }).__dynamo?.stop();
}
