import { notificationsUnsubscribe as contract } from '../contracts/mfa-settings';
import { unsubscribeFromReminders } from '../use-cases/notifications';
import { keys, notificationPreferencesStore } from '../wiring';
import { httpHandler } from './http-engine';

/** Signed link, no session: the token in the query names the user; the form body is not needed. */
export const handler = httpHandler('notifications-unsubscribe', contract, async ({ query, now }) => ({
  status: 200,
  body: await unsubscribeFromReminders(
    { preferences: notificationPreferencesStore(), unsubscribeKey: (await keys()).unsubscribeKey },
    query.token,
    now,
  ),
}));
