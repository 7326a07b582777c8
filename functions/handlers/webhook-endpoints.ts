import { webhookEndpoints as contract } from '../contracts/webhooks';
import { resourceId } from '../http/schemas';
import { listEndpoints } from '../use-cases/webhook-endpoints';
import { webhookEndpointDeps } from '../wiring';
import { httpHandler } from './http-engine';

export const handler = httpHandler('webhook-endpoints', contract, async ({ actor, params }) => ({
  status: 200,
  body: { items: await listEndpoints(await webhookEndpointDeps(), actor, resourceId(params, 'workspaceId')) },
}));
