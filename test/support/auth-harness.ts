/**
 * A sign-in test bed: a fresh DynamoDB Local table, a manual clock, an SMS recorder (the fake of
 * test/fakes) and fixed keys, wired in place of the real adapters.
 */

import { createDocumentClient } from '../../functions/adapters/dynamodb/client';
import { ManualClock } from '../../functions/domain/clock';
import { userIdFor } from '../../functions/domain/identity';
import { deriveKeys } from '../../functions/domain/secrets';
import type { MfaSetting } from '../../functions/domain/user';
import { overrideDependencies } from '../../functions/wiring';
import { FakeSmsSender as RecordingSms } from '../fakes/messaging';
import { createTestTable, testConfig } from './dynamodb';
import { FixtureBuilder, loadIntoTable } from './fixtures';
import { UNIT_TEST_SCRYPT_LOG_N } from './password-hashes';

export const TEST_TOTP_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

export interface AuthHarness {
  clock: ManualClock;
  sms: RecordingSms;
  /** Imports a user (a password of 8+ characters, as the data file requires); returns its id. */
  addUser(email: string, password: string, mfa?: MfaSetting, locale?: 'en' | 'pl'): Promise<string>;
  close(): Promise<void>;
}

/** How a harness is set up. */
export interface AuthHarnessOptions {
  /**
   * The scrypt cost of the users' hashes and of the decoy hash an unknown email is checked against. By
   * default the unit-test cost: a sign-in then takes milliseconds instead of ~0.5 s, and most tests sign
   * in only to get a session. sign-in.test.ts, about the sign-in itself, passes the production cost.
   */
  scryptLogN?: number;
}

export const createAuthHarness = async (
  start = '2026-11-28T10:00:00.000Z',
  { scryptLogN = UNIT_TEST_SCRYPT_LOG_N }: AuthHarnessOptions = {},
): Promise<AuthHarness> => {
  const table = await createTestTable();
  const clock = new ManualClock(start);
  const sms = new RecordingSms();
  const client = createDocumentClient(table.endpoint);
  overrideDependencies({
    config: { ...testConfig(table), scryptLogN },
    clock,
    keys: deriveKeys('test-root-secret-that-is-long-enough'),
    sms,
  });
  return {
    clock,
    sms,
    addUser: async (email, password, mfa = { method: 'NONE' }, locale = 'en') => {
      // Through the data file and the importer, as every fixture is (test/support/fixtures.ts).
      const data = new FixtureBuilder(clock.now()).user(email, { password, mfa, locale }).build();
      await loadIntoTable(data, { client, tableName: table.tableName }, { scryptLogN });
      return userIdFor(email);
    },
    close: async () => {
      client.destroy();
      await table.drop();
    },
  };
};
