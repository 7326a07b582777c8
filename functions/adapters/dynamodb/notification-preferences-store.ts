import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import {
  DEFAULT_NOTIFICATION_PREFERENCES,
  type NotificationPreferences,
  type NotificationPreferencesStore,
} from '../../ports/notification-preferences';
import { Keys } from './table-definition';

/** One item per user who changed a preference; a user without one has the defaults. */
export class DynamoNotificationPreferencesStore implements NotificationPreferencesStore {
  public constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  public async get(userId: string): Promise<NotificationPreferences> {
    const { Item } = await this.client.send(
      new GetCommand({
        TableName: this.tableName,
        Key: Keys.notificationPreferences(userId),
        ConsistentRead: true,
      }),
    );
    return { renewalReminders: Item?.renewalReminders ?? DEFAULT_NOTIFICATION_PREFERENCES.renewalReminders };
  }

  public async put(userId: string, preferences: NotificationPreferences): Promise<void> {
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          ...Keys.notificationPreferences(userId),
          type: 'NOTIFICATION_PREFERENCES',
          renewalReminders: preferences.renewalReminders,
        },
      }),
    );
  }
}
