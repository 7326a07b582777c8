import { webhookEndpoint as contract } from '../contracts/webhooks';
import { resourceId } from '../http/schemas';
import { getEndpoint } from '../use-cases/webhook-endpoints';
import { webhookEndpointDeps } from '../wiring';
import { httpHandler } from './http-engine';

export const handler = httpHandler('webhook-endpoint', contract, async ({ actor, params }) => ({
  status: 200,
  body: await getEndpoint(
    await webhookEndpointDeps(),
    actor,
    resourceId(params, 'workspaceId'),
    resourceId(params, 'endpointId'),
  ),
}));
