import * as z from 'zod/mini';
import { oneTimeCode } from '../http/schemas';
import { confirmTotpEnrolment } from '../use-cases/mfa-settings';
import { authDeps } from '../wiring';
import { httpHandler } from './http-engine';

const body = z.strictObject({ code: oneTimeCode });

export const handler = httpHandler('totp-confirm', { body }, async ({ body, session, now }) => ({
  status: 200,
  body: await confirmTotpEnrolment(await authDeps(), session, body.code, now),
}));
