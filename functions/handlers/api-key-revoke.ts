import { apiKeyRevoke as contract } from '../contracts/api-keys';
import { resourceId } from '../http/schemas';
import { revokeApiKey } from '../use-cases/api-keys';
import { apiKeyDeps } from '../wiring';
import { httpHandler } from './http-engine';

export const handler = httpHandler('api-key-revoke', contract, async ({ params, session, now }) => {
  await revokeApiKey(
    apiKeyDeps(),
    session,
    resourceId(params, 'workspaceId'),
    resourceId(params, 'apiKeyId'),
    now,
  );
  return { status: 204 };
});
