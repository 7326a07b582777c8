import { EnvName } from '../config';
import type { InProcessWorkflowFactory } from '../operations/orders-cli';

/**
 * The workflow in this process (as `npm start` runs it) for `npm run orders -- replay --endpoint …`, its
 * tasks pointed at the given table: they build their stores from the environment, read once.
 */
export const localOrdersWorkflow: InProcessWorkflowFactory = async (endpoint, tableName) => {
  process.env[EnvName.DYNAMODB_ENDPOINT] = endpoint;
  process.env[EnvName.TABLE_NAME] = tableName;
  const { LocalPurchaseWorkflow } = await import('./purchase-workflow');
  return new LocalPurchaseWorkflow();
};
