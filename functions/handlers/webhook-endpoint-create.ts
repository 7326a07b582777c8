import { webhookEndpointCreate as contract } from '../contracts/webhooks';
import { resourceId } from '../http/schemas';
import { createEndpoint } from '../use-cases/webhook-endpoints';
import { webhookEndpointDeps } from '../wiring';
import { httpHandler } from './http-engine';

export const handler = httpHandler(
  'webhook-endpoint-create',
  contract,
  async ({ actor, body, params, now }) => ({
    status: 201,
    body: await createEndpoint(
      await webhookEndpointDeps(),
      actor,
      resourceId(params, 'workspaceId'),
      body,
      now,
    ),
  }),
);
