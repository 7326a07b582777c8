import * as z from 'zod/mini';
import { opaqueId } from '../http/schemas';
import { resendCode } from '../use-cases/sign-in';
import { authDeps } from '../wiring';
import { httpHandler } from './http-engine';

const body = z.strictObject({ challengeId: opaqueId });

export const handler = httpHandler('mfa-resend', { body }, async ({ body, now }) => ({
  status: 202,
  body: await resendCode(await authDeps(), body, now),
}));
