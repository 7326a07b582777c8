import * as z from 'zod/mini';
import { emailInput, passwordInput } from '../http/schemas';
import { logIn } from '../use-cases/sign-in';
import { authDeps } from '../wiring';
import { httpHandler } from './http-engine';

const body = z.strictObject({ email: emailInput, password: passwordInput });

export const handler = httpHandler('login', { body }, async ({ body, now }) => ({
  status: 200,
  body: await logIn(await authDeps(), body, now),
}));
