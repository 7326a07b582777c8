import { mfaDisable as contract } from '../contracts/mfa-settings';
import { disableMfa } from '../use-cases/mfa-settings';
import { authDeps } from '../wiring';
import { httpHandler } from './http-engine';

export const handler = httpHandler('mfa-disable', contract, async ({ body, session, now }) => ({
  status: 200,
  body: await disableMfa(await authDeps(), session, body.code, now),
}));
