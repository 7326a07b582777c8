import { webhookEndpointUpdate as contract } from '../contracts/webhooks';
import { resourceId } from '../http/schemas';
import { updateEndpoint } from '../use-cases/webhook-endpoints';
import { webhookEndpointDeps } from '../wiring';
import { httpHandler } from './http-engine';

export const handler = httpHandler('webhook-endpoint-update', contract, async ({ actor, body, params }) => ({
  status: 200,
  body: await updateEndpoint(
    await webhookEndpointDeps(),
    actor,
    resourceId(params, 'workspaceId'),
    resourceId(params, 'endpointId'),
    body,
  ),
}));
