import { apiKeys as contract } from '../contracts/api-keys';
import { resourceId } from '../http/schemas';
import { listApiKeys } from '../use-cases/api-keys';
import { apiKeyDeps } from '../wiring';
import { httpHandler } from './http-engine';

export const handler = httpHandler('api-keys', contract, async ({ params, session }) => ({
  status: 200,
  body: { items: await listApiKeys(apiKeyDeps(), session, resourceId(params, 'workspaceId')) },
}));
