/**
 * The use cases' dependencies over the in-memory fakes (test/fakes), for unit tests of the use cases
 * without DynamoDB Local. Each builder takes the fakes a test arranged and fixed keys.
 */

import { JwtTokenService } from '../../functions/adapters/jwt-token-service';
import type { Clock } from '../../functions/domain/clock';
import { DEFAULT_ELIGIBILITY_POLICY } from '../../functions/domain/eligibility';
import { deriveKeys } from '../../functions/domain/secrets';
import type { ActivationCodeDeps } from '../../functions/use-cases/activation-codes';
import type { AuthDeps } from '../../functions/use-cases/auth-common';
import type { CheckoutDeps } from '../../functions/use-cases/checkouts';
import type { LicenseDeps } from '../../functions/use-cases/licenses';
import type { PurchaseDeps } from '../../functions/use-cases/purchase-deps';
import type { Fakes } from '../fakes';
import { UNIT_TEST_SCRYPT_LOG_N } from './password-hashes';

/** The keys every unit test signs and hashes with. */
export const TEST_KEYS = deriveKeys('unit-test-root-secret-that-is-long-enough');

/** Sign-in dependencies; unknown emails pay for a cheap decoy hash. */
export const fakeAuthDeps = (fakes: Fakes): AuthDeps => ({
  users: fakes.users,
  challenges: fakes.challenges,
  sessions: fakes.sessions,
  throttle: fakes.throttle,
  smsQuota: fakes.smsQuota,
  sms: fakes.sms,
  tokens: new JwtTokenService(TEST_KEYS.tokenSigningKey),
  keys: TEST_KEYS,
  config: { sessionTtlSeconds: 3600, scryptLogN: UNIT_TEST_SCRYPT_LOG_N },
  workspaces: fakes.workspaces,
  audit: fakes.audit,
});

/** License-list and eligibility dependencies, with the default policy of PRODUCT.md. */
export const fakeLicenseDeps = (fakes: Fakes): LicenseDeps => ({
  licenses: fakes.licenses,
  workspaces: fakes.workspaces,
  catalog: fakes.catalog,
  cursorKey: TEST_KEYS.cursorKey,
  policy: DEFAULT_ELIGIBILITY_POLICY,
});

/** Checkout dependencies: 60-minute checkouts and the test store's URL. */
export const fakeCheckoutDeps = (fakes: Fakes): CheckoutDeps => ({
  ...fakeLicenseDeps(fakes),
  checkouts: fakes.checkouts,
  checkoutTtlMinutes: 60,
  storeCheckoutUrl: 'https://store.test/checkouts/{checkoutId}',
  audit: fakes.audit,
});

/** Activation-code dependencies. */
export const fakeActivationCodeDeps = (fakes: Fakes): ActivationCodeDeps => ({
  ...fakeLicenseDeps(fakes),
  throttle: fakes.throttle,
  pepper: TEST_KEYS.codePepper,
});

/** Purchase-workflow dependencies; `newActivationCode` draws the codes given, in turn. */
export const fakePurchaseDeps = (fakes: Fakes, clock: Clock, codes: () => string): PurchaseDeps => ({
  purchases: fakes.purchases,
  checkouts: fakes.checkouts,
  email: fakes.email,
  ops: fakes.ops,
  clock,
  newActivationCode: codes,
});
