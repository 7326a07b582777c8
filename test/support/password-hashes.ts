/**
 * Password hashes for test users, each computed once per test file: scrypt at the production cost
 * (N = 2^17) takes ~0.3 s, so every fixture of a file that names the same password shares one hash.
 */
import { readConfig } from '../../functions/config';
import { hashPassword } from '../../functions/domain/password';

/** The cost the functions hash with: SCRYPT_LOG_N's default, read from the configuration itself. */
export const PRODUCTION_SCRYPT_LOG_N = readConfig({ TABLE_NAME: 'any' }).scryptLogN;

const hashes = new Map<string, Promise<string>>();

/**
 * A real scrypt hash of `password` (so sign-in verifies it), cached per password and cost.
 * @param logN scrypt cost; unit tests pass a low one (the hash carries its cost, so it still verifies).
 */
export const testPasswordHash = (password: string, logN = PRODUCTION_SCRYPT_LOG_N): Promise<string> => {
  const key = `${logN}\n${password}`;
  if (!hashes.has(key)) hashes.set(key, hashPassword(password, logN));
  return hashes.get(key) as Promise<string>;
};

/** The scrypt cost unit tests hash with: fast, and still a hash `verifyPassword` accepts. */
export const UNIT_TEST_SCRYPT_LOG_N = 10;
