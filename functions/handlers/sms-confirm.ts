import * as z from 'zod/mini';
import { oneTimeCode } from '../http/schemas';
import { confirmSmsEnrolment } from '../use-cases/mfa-settings';
import { authDeps } from '../wiring';
import { httpHandler } from './http-engine';

const body = z.strictObject({ code: oneTimeCode });

export const handler = httpHandler('sms-confirm', { body }, async ({ body, session, now }) => ({
  status: 200,
  body: await confirmSmsEnrolment(await authDeps(), session, body.code, now),
}));
