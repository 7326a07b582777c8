import { webhookRedeliver as contract } from '../contracts/webhooks';
import { resourceId } from '../http/schemas';
import { redeliver } from '../use-cases/webhook-endpoints';
import { webhookEndpointDeps } from '../wiring';
import { httpHandler } from './http-engine';

export const handler = httpHandler('webhook-redeliver', contract, async ({ actor, params, now }) => {
  await redeliver(
    await webhookEndpointDeps(),
    actor,
    resourceId(params, 'workspaceId'),
    resourceId(params, 'endpointId'),
    resourceId(params, 'deliveryId'),
    now,
  );
  return { status: 202 };
});
