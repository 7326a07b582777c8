import { me as contract } from '../contracts/mfa-settings';
import { currentUser, describeMfa } from '../use-cases/mfa-settings';
import { userStore } from '../wiring';
import { httpHandler } from './http-engine';

export const handler = httpHandler('me', contract, async ({ session }) => {
  const user = await currentUser({ users: userStore() }, session);
  return {
    status: 200,
    body: { userId: user.userId, email: user.email, locale: user.locale, mfa: describeMfa(user.mfa) },
  };
});
