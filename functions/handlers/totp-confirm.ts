import { totpConfirm as contract } from '../contracts/mfa-settings';
import { confirmTotpEnrolment } from '../use-cases/mfa-settings';
import { authDeps } from '../wiring';
import { httpHandler } from './http-engine';

export const handler = httpHandler('totp-confirm', contract, async ({ body, session, now }) => ({
  status: 200,
  body: await confirmTotpEnrolment(await authDeps(), session, body.code, now),
}));
