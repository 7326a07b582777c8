import { webhookDeliveries as contract } from '../contracts/webhooks';
import { resourceId } from '../http/schemas';
import { listDeliveries } from '../use-cases/webhook-endpoints';
import { webhookEndpointDeps } from '../wiring';
import { httpHandler } from './http-engine';

export const handler = httpHandler('webhook-deliveries', contract, async ({ actor, params, query }) => ({
  status: 200,
  body: await listDeliveries(
    await webhookEndpointDeps(),
    actor,
    resourceId(params, 'workspaceId'),
    resourceId(params, 'endpointId'),
    { limit: query.limit ?? 25, cursor: query.cursor },
  ),
}));
