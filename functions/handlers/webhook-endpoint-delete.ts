import { webhookEndpointDelete as contract } from '../contracts/webhooks';
import { resourceId } from '../http/schemas';
import { deleteEndpoint } from '../use-cases/webhook-endpoints';
import { webhookEndpointDeps } from '../wiring';
import { httpHandler } from './http-engine';

export const handler = httpHandler('webhook-endpoint-delete', contract, async ({ actor, params }) => {
  await deleteEndpoint(
    await webhookEndpointDeps(),
    actor,
    resourceId(params, 'workspaceId'),
    resourceId(params, 'endpointId'),
  );
  return { status: 204 };
});
