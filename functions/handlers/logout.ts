import { logout as contract } from '../contracts/sign-in';
import { sessionStore } from '../wiring';
import { httpHandler } from './http-engine';

/** Deletes the session record: the token stops working at once, everywhere. */
export const handler = httpHandler('logout', contract, async ({ session }) => {
  await sessionStore().revoke(session.sessionId);
  return { status: 204 };
});
