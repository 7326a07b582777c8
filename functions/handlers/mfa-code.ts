import { mfaCode as contract } from '../contracts/mfa-settings';
import { sendStepUpCode } from '../use-cases/mfa-settings';
import { authDeps } from '../wiring';
import { httpHandler } from './http-engine';

export const handler = httpHandler('mfa-code', contract, async ({ session, now }) => ({
  status: 202,
  body: await sendStepUpCode(await authDeps(), session, now),
}));
