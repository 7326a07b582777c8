import * as z from 'zod/mini';
import { oneTimeCode } from '../http/schemas';
import { disableMfa } from '../use-cases/mfa-settings';
import { authDeps } from '../wiring';
import { httpHandler } from './http-engine';

const body = z.strictObject({ code: oneTimeCode });

export const handler = httpHandler('mfa-disable', { body }, async ({ body, session, now }) => ({
  status: 200,
  body: await disableMfa(await authDeps(), session, body.code, now),
}));
