import { smsConfirm as contract } from '../contracts/mfa-settings';
import { confirmSmsEnrolment } from '../use-cases/mfa-settings';
import { authDeps } from '../wiring';
import { httpHandler } from './http-engine';

export const handler = httpHandler('sms-confirm', contract, async ({ body, session, now }) => ({
  status: 200,
  body: await confirmSmsEnrolment(await authDeps(), session, body.code, now),
}));
