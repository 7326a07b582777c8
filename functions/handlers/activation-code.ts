import { activationCode as contract } from '../contracts/licenses';
import { resourceId } from '../http/schemas';
import { enterActivationCode } from '../use-cases/activation-codes';
import { activationCodeDeps } from '../wiring';
import { httpHandler } from './http-engine';

export const handler = httpHandler('activation-code', contract, async ({ body, params, actor, now }) => {
  const { created, license } = await enterActivationCode(
    await activationCodeDeps(),
    actor,
    resourceId(params, 'workspaceId'),
    body.activationCode,
    now,
  );
  return { status: created ? 201 : 200, body: license };
});
