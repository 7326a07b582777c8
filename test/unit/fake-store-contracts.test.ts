/** The port contracts (test/contracts) against the in-memory fakes the unit tests use. */

import {
  describeApiKeyStoreContract,
  describeAuditLogContract,
  describeRateLimitStoreContract,
} from '../contracts/api-key-stores.contract';
import { describeCatalogStoreContract } from '../contracts/catalog-store.contract';
import { describeChallengeStoreContract } from '../contracts/challenge-store.contract';
import { describeCheckoutStoreContract } from '../contracts/checkout-store.contract';
import { describeIdempotencyStoreContract } from '../contracts/idempotency-store.contract';
import { describeLicenseStoreContract } from '../contracts/license-store.contract';
import { describeNotificationPreferencesContract } from '../contracts/notification-preferences.contract';
import { describePurchaseStoreContract } from '../contracts/purchase-store.contract';
import { describeSessionStoreContract } from '../contracts/session-store.contract';
import { describeSmsQuotaStoreContract } from '../contracts/sms-quota-store.contract';
import { describeThrottleStoreContract } from '../contracts/throttle-store.contract';
import { describeUserStoreContract } from '../contracts/user-store.contract';
import { describeWorkspaceStoreContract } from '../contracts/workspace-store.contract';
import { createFakes } from '../fakes';

const fakes = async () => createFakes();

describeUserStoreContract('fake', async () => ({ store: (await fakes()).users }));
describeChallengeStoreContract('fake', async () => ({ store: (await fakes()).challenges }));
describeSessionStoreContract('fake', async () => ({ store: (await fakes()).sessions }));
describeThrottleStoreContract('fake', async () => ({ store: (await fakes()).throttle }));
describeSmsQuotaStoreContract('fake', async () => ({ store: (await fakes()).smsQuota }));
describeIdempotencyStoreContract('fake', async () => ({ store: (await fakes()).idempotency }));
describeCatalogStoreContract('fake', async () => {
  const { catalog } = await fakes();
  return {
    store: catalog,
    seed: async ({ products, prices, offers }) => {
      await catalog.putProducts(products, { concurrency: 1 });
      await catalog.putPrices(prices, { concurrency: 1 });
      await catalog.putOffers(offers, { concurrency: 1 });
    },
  };
});
describeWorkspaceStoreContract('fake', async () => ({ store: (await fakes()).workspaces }));
describeLicenseStoreContract('fake', fakes);
describeCheckoutStoreContract('fake', fakes);
describePurchaseStoreContract('fake', fakes);
describeApiKeyStoreContract('fake', async () => ({ store: (await fakes()).apiKeys }));
describeRateLimitStoreContract('fake', async () => ({ store: (await fakes()).rateLimits }));
describeAuditLogContract('fake', async () => ({ log: (await fakes()).audit }));
describeNotificationPreferencesContract('fake', async () => ({
  store: (await fakes()).notificationPreferences,
}));
