import { mfaResend as contract } from '../contracts/sign-in';
import { resendCode } from '../use-cases/sign-in';
import { authDeps } from '../wiring';
import { httpHandler } from './http-engine';

export const handler = httpHandler('mfa-resend', contract, async ({ body, now }) => ({
  status: 202,
  body: await resendCode(await authDeps(), body, now),
}));
