import { httpHandler } from '../http/handler';
import { sendStepUpCode } from '../use-cases/mfa-settings';
import { authDeps } from '../wiring';

export const handler = httpHandler('mfa-code', {}, async ({ session, now }) => ({
  status: 202,
  body: await sendStepUpCode(await authDeps(), session, now),
}));
