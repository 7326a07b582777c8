import { mfaVerify as contract } from '../contracts/sign-in';
import { verifyCode } from '../use-cases/sign-in';
import { authDeps } from '../wiring';
import { httpHandler } from './http-engine';

export const handler = httpHandler('mfa-verify', contract, async ({ body, now }) => ({
  status: 200,
  body: await verifyCode(await authDeps(), body, now),
}));
