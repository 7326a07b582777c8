/**
 * A sign-in test bed: a fresh DynamoDB Local table, a manual clock, an SMS recorder (the fake of
 * test/fakes) and fixed keys, wired in place of the real adapters.
 */

import { ManualClock } from '../../functions/domain/clock';
import { normalizeEmail, userIdFor } from '../../functions/domain/identity';
import { deriveKeys } from '../../functions/domain/secrets';
import type { MfaSetting } from '../../functions/domain/user';
import { overrideDependencies, userStore } from '../../functions/wiring';
import { FakeSmsSender as RecordingSms } from '../fakes/messaging';
import { createTestTable, testConfig } from './dynamodb';
import { testPasswordHash } from './password-hashes';

export const TEST_TOTP_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

export interface AuthHarness {
  clock: ManualClock;
  sms: RecordingSms;
  addUser(email: string, password: string, mfa?: MfaSetting, locale?: 'en' | 'pl'): Promise<string>;
  close(): Promise<void>;
}

export const createAuthHarness = async (start = '2026-11-28T10:00:00.000Z'): Promise<AuthHarness> => {
  const table = await createTestTable();
  const clock = new ManualClock(start);
  const sms = new RecordingSms();
  overrideDependencies({
    config: testConfig(table),
    clock,
    keys: deriveKeys('test-root-secret-that-is-long-enough'),
    sms,
  });
  return {
    clock,
    sms,
    addUser: async (email, password, mfa = { method: 'NONE' }, locale = 'en') => {
      const userId = userIdFor(email);
      await userStore().put({
        userId,
        email: normalizeEmail(email),
        passwordHash: await testPasswordHash(password),
        locale,
        mfa,
      });
      return userId;
    },
    close: () => table.drop(),
  };
};
