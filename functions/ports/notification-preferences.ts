/** What a user wants to be told (PRODUCT.md §8). Kept apart from the profile, so a re-import keeps it. */
export interface NotificationPreferences {
  renewalReminders: boolean;
}

/** Each user's notification preferences, by user id; the defaults when none were ever set. */
export interface NotificationPreferencesStore {
  get(userId: string): Promise<NotificationPreferences>;
  put(userId: string, preferences: NotificationPreferences): Promise<void>;
}

/** Reminders are on until a user turns them off. */
export const DEFAULT_NOTIFICATION_PREFERENCES: NotificationPreferences = { renewalReminders: true };
