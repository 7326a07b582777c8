import { totpEnrol as contract } from '../contracts/mfa-settings';
import { startTotpEnrolment } from '../use-cases/mfa-settings';
import { authDeps } from '../wiring';
import { httpHandler } from './http-engine';

export const handler = httpHandler('totp-enrol', contract, async ({ session, now }) => ({
  status: 201,
  body: await startTotpEnrolment(await authDeps(), session, now),
}));
