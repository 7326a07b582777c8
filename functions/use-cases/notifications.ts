/** The signed-in user's notification preferences (PRODUCT.md §8): renewal reminders, on by default. */
import type { Session } from '../domain/session';
import { userOfUnsubscribeToken } from '../domain/unsubscribe-token';
import type {
  NotificationPreferences,
  NotificationPreferencesStore,
} from '../ports/notification-preferences';
import { ErrorCode, rejected } from './errors';

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

/**
 * The one-click unsubscribe of a reminder email (RFC 8058): the signed link names the user, so no sign-in
 * is needed; it only ever turns reminders off. Idempotent.
 * @throws ApplicationError INVALID_UNSUBSCRIBE_LINK when the link is forged, damaged or expired.
 */
export const unsubscribeFromReminders = async (
  deps: NotificationDeps & { unsubscribeKey: Uint8Array },
  token: string,
  now: Date,
): Promise<NotificationPreferences> => {
  const userId = userOfUnsubscribeToken(deps.unsubscribeKey, token, now);
  if (!userId) throw rejected(ErrorCode.INVALID_UNSUBSCRIBE_LINK);
  const updated = { ...(await deps.preferences.get(userId)), renewalReminders: false };
  await deps.preferences.put(userId, updated);
  return updated;
};
