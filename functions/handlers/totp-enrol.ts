import { startTotpEnrolment } from '../use-cases/mfa-settings';
import { authDeps } from '../wiring';
import { httpHandler } from './http-engine';

export const handler = httpHandler('totp-enrol', {}, async ({ session, now }) => ({
  status: 201,
  body: await startTotpEnrolment(await authDeps(), session, now),
}));
