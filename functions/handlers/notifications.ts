import { notifications as contract } from '../contracts/mfa-settings';
import { getNotifications } from '../use-cases/notifications';
import { notificationPreferencesStore } from '../wiring';
import { httpHandler } from './http-engine';

export const handler = httpHandler('notifications', contract, async ({ session }) => ({
  status: 200,
  body: await getNotifications({ preferences: notificationPreferencesStore() }, session),
}));
