import * as z from 'zod/mini';
import { oneTimeCode, opaqueId } from '../http/schemas';
import { verifyCode } from '../use-cases/sign-in';
import { authDeps } from '../wiring';
import { httpHandler } from './http-engine';

const body = z.strictObject({ challengeId: opaqueId, code: oneTimeCode });

export const handler = httpHandler('mfa-verify', { body }, async ({ body, now }) => ({
  status: 200,
  body: await verifyCode(await authDeps(), body, now),
}));
