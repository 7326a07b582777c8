import * as z from 'zod/mini';
import { resourceId } from '../http/schemas';
import { enterActivationCode } from '../use-cases/activation-codes';
import { activationCodeDeps } from '../wiring';
import { httpHandler } from './http-engine';

/** Any string up to 64 characters: a malformed code is 422 INVALID_ACTIVATION_CODE, as PRODUCT.md says. */
const body = z.strictObject({ activationCode: z.string().check(z.maxLength(64)) });

export const handler = httpHandler('activation-code', { body }, async ({ body, params, session, now }) => {
  const { created, license } = await enterActivationCode(
    await activationCodeDeps(),
    session.userId,
    resourceId(params, 'workspaceId'),
    body.activationCode,
    now,
  );
  return { status: created ? 201 : 200, body: license };
});
