import * as z from 'zod/mini';
import { phoneNumber } from '../http/schemas';
import { startSmsEnrolment } from '../use-cases/mfa-settings';
import { authDeps } from '../wiring';
import { httpHandler } from './http-engine';

const body = z.strictObject({ phoneNumber });

export const handler = httpHandler('sms-enrol', { body }, async ({ body, session, now }) => ({
  status: 202,
  body: await startSmsEnrolment(await authDeps(), session, body.phoneNumber, now),
}));
