import { apiKeyCreate as contract } from '../contracts/api-keys';
import { resourceId } from '../http/schemas';
import { issueApiKey } from '../use-cases/api-keys';
import { apiKeyDeps } from '../wiring';
import { httpHandler } from './http-engine';

export const handler = httpHandler('api-key-create', contract, async ({ body, params, session, now }) => ({
  status: 201,
  body: await issueApiKey(apiKeyDeps(), session, resourceId(params, 'workspaceId'), body, now),
}));
