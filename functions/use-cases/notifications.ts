/** The signed-in user's notification preferences (PRODUCT.md §8): renewal reminders, on by default. */
import type { Session } from '../domain/session';
import type {
  NotificationPreferences,
  NotificationPreferencesStore,
} from '../ports/notification-preferences';

export interface NotificationDeps {
  preferences: NotificationPreferencesStore;
}

export const getNotifications = (
  deps: NotificationDeps,
  session: Session,
): Promise<NotificationPreferences> => deps.preferences.get(session.userId);

/** Sets what is given; the answer is the preferences as they now are. */
export const updateNotifications = async (
  deps: NotificationDeps,
  session: Session,
  change: Partial<NotificationPreferences>,
): Promise<NotificationPreferences> => {
  const updated = { ...(await deps.preferences.get(session.userId)), ...change };
  await deps.preferences.put(session.userId, updated);
  return updated;
};
