import { notificationsUpdate as contract } from '../contracts/mfa-settings';
import { updateNotifications } from '../use-cases/notifications';
import { notificationPreferencesStore } from '../wiring';
import { httpHandler } from './http-engine';

export const handler = httpHandler('notifications-update', contract, async ({ body, session }) => ({
  status: 200,
  body: await updateNotifications({ preferences: notificationPreferencesStore() }, session, body),
}));
