/**
 * A sign-in test bed: a fresh DynamoDB Local table, a manual clock, an SMS recorder and fixed keys,
 * wired in place of the real adapters.
 */

import { ManualClock } from '../../functions/domain/clock';
import { normalizeEmail, userIdFor } from '../../functions/domain/identity';
import { hashPassword } from '../../functions/domain/password';
import { deriveKeys } from '../../functions/domain/secrets';
import type { MfaSetting } from '../../functions/domain/user';
import type { SmsSender } from '../../functions/ports/messaging';
import { overrideDependencies, userStore } from '../../functions/wiring';
import { createTestTable, testConfig } from './dynamodb';

/** Records SMS instead of sending them. */
export class RecordingSms implements SmsSender {
  public readonly sent: Array<{ to: string; text: string }> = [];

  public async send(to: string, text: string): Promise<void> {
    this.sent.push({ to, text });
  }

  /** The 6-digit code of the last SMS. */
  public lastCode(): string {
    const text = this.sent.at(-1)?.text ?? '';
    const code = /\b(\d{6})\b/.exec(text)?.[1];
    if (!code) throw new Error('No SMS with a code was sent');
    return code;
  }
}

// scrypt at N = 2^17 costs ~0.3 s; each test password is hashed once per test file.
const hashes = new Map<string, Promise<string>>();
const cachedHash = (password: string): Promise<string> => {
  if (!hashes.has(password)) hashes.set(password, hashPassword(password));
  return hashes.get(password) as Promise<string>;
};

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
        passwordHash: await cachedHash(password),
        locale,
        mfa,
      });
      return userId;
    },
    close: () => table.drop(),
  };
};
