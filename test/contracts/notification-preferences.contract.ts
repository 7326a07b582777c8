import type { NotificationPreferencesStore } from '../../functions/ports/notification-preferences';
import { uniqueId } from './ids';

/** What {@link NotificationPreferencesStore} promises, for any implementation `make` returns. */
export const describeNotificationPreferencesContract = (
  name: string,
  make: () => Promise<{ store: NotificationPreferencesStore }>,
) => {
  describe(`NotificationPreferencesStore contract: ${name}`, () => {
    let store: NotificationPreferencesStore;
    beforeEach(async () => {
      ({ store } = await make());
    });

    it('has reminders on for a user who never chose, and keeps each user’s choice apart', async () => {
      // Arrange
      const [ann, bob] = [uniqueId('usr'), uniqueId('usr')];

      // Act
      const before = await store.get(ann);
      await store.put(ann, { renewalReminders: false });

      // Assert
      expect(before).toEqual({ renewalReminders: true });
      expect(await store.get(ann)).toEqual({ renewalReminders: false });
      expect(await store.get(bob)).toEqual({ renewalReminders: true });
    });

    it('turns reminders on again', async () => {
      // Arrange
      const ann = uniqueId('usr');
      await store.put(ann, { renewalReminders: false });

      // Act
      await store.put(ann, { renewalReminders: true });

      // Assert
      expect(await store.get(ann)).toEqual({ renewalReminders: true });
    });
  });
};
