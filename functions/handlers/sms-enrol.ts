import { smsEnrol as contract } from '../contracts/mfa-settings';
import { startSmsEnrolment } from '../use-cases/mfa-settings';
import { authDeps } from '../wiring';
import { httpHandler } from './http-engine';

export const handler = httpHandler('sms-enrol', contract, async ({ body, session, now }) => ({
  status: 202,
  body: await startSmsEnrolment(await authDeps(), session, body.phoneNumber, now),
}));
