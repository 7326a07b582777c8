import {
  DEFAULT_NOTIFICATION_PREFERENCES,
  type NotificationPreferences,
  type NotificationPreferencesStore,
} from '../../functions/ports/notification-preferences';
import { MemoryTables } from './memory-tables';

/** {@link NotificationPreferencesStore} in memory. */
export class FakeNotificationPreferencesStore implements NotificationPreferencesStore {
  public constructor(private readonly tables = new MemoryTables()) {}

  public async get(userId: string): Promise<NotificationPreferences> {
    return { ...(this.tables.notificationPreferences.get(userId) ?? DEFAULT_NOTIFICATION_PREFERENCES) };
  }

  public async put(userId: string, preferences: NotificationPreferences): Promise<void> {
    this.tables.notificationPreferences.set(userId, { ...preferences });
  }
}
