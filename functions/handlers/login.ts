import { login as contract } from '../contracts/sign-in';
import { logIn } from '../use-cases/sign-in';
import { authDeps } from '../wiring';
import { httpHandler } from './http-engine';

export const handler = httpHandler('login', contract, async ({ body, now }) => ({
  status: 200,
  body: await logIn(await authDeps(), body, now),
}));
