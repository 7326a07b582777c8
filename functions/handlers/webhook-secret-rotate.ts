import { webhookSecretRotate as contract } from '../contracts/webhooks';
import { resourceId } from '../http/schemas';
import { rotateEndpointSecret } from '../use-cases/webhook-endpoints';
import { webhookEndpointDeps } from '../wiring';
import { httpHandler } from './http-engine';

export const handler = httpHandler('webhook-secret-rotate', contract, async ({ actor, params, now }) => ({
  status: 200,
  body: await rotateEndpointSecret(
    await webhookEndpointDeps(),
    actor,
    resourceId(params, 'workspaceId'),
    resourceId(params, 'endpointId'),
    now,
  ),
}));
