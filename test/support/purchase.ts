/**
 * A purchase-workflow test bed: a fresh DynamoDB Local table, a manual clock, recorders for email and
 * operations notifications (the fakes of test/fakes), the in-process workflow with instant retries, and
 * helpers that write licenses, checkouts and paid orders through the real stores.
 */

import { createDocumentClient } from '../../functions/adapters/dynamodb/client';
import { type Checkout, CheckoutStatus } from '../../functions/domain/checkout';
import { ManualClock } from '../../functions/domain/clock';
import { userIdFor } from '../../functions/domain/identity';
import type { LicenseRecord } from '../../functions/domain/license';
import type { Order } from '../../functions/domain/order';
import type { Workspace } from '../../functions/domain/workspace';
import { LocalPurchaseWorkflow } from '../../functions/local/purchase-workflow';
import type { EmailMessage } from '../../functions/ports/messaging';
import {
  checkoutStore,
  licenseStore,
  orderStore,
  overrideDependencies,
  workspaceStore,
} from '../../functions/wiring';
import { FakeEmailSender as RecordingEmail, FakeOpsNotifier as RecordingOps } from '../fakes/messaging';
import { createTestTable, testConfig } from './dynamodb';
import { FixtureBuilder, loadIntoTable } from './fixtures';
import { licenseImportStore } from './license-import';

export const DAY_MS = 24 * 3600 * 1000;

/** A workspace with two administrators, for every license of the tests. */
export const WORKSPACE: Workspace = { workspaceId: 'ws-pl', name: 'Acme Polska', countryCode: 'PL' };
const ADMIN_EMAILS = ['ann@example.com', 'bob@example.com'] as const;
export const ADMINS = [userIdFor(ADMIN_EMAILS[0]), userIdFor(ADMIN_EMAILS[1])] as const;
export const PRODUCT_NAME = 'Endpoint Security Cloud';

export interface PurchaseHarness {
  clock: ManualClock;
  email: RecordingEmail;
  ops: RecordingOps;
  workflow: LocalPurchaseWorkflow;
  /**
   * Stores a license expiring `daysLeft` days from now (negative: expired), attached to a workspace
   * (by default {@link WORKSPACE}, which the harness stores with its {@link ADMINS}).
   */
  addLicense(
    licenseId: string,
    daysLeft: number,
    activationCode: string,
    workspace?: Workspace,
  ): Promise<LicenseRecord>;
  /** Creates an OPEN checkout of a license (replacing its open one), through the real CheckoutStore. */
  openCheckout(checkoutId: string, licenseId: string, changes?: Partial<Checkout>): Promise<Checkout>;
  /** Records a paid order for a checkout, as the store's webhook does. */
  recordOrder(
    orderId: string,
    checkout: Pick<Checkout, 'checkoutId' | 'price'>,
    changes?: Partial<Order>,
  ): Promise<Order>;
  close(): Promise<void>;
}

export const createPurchaseHarness = async (start = '2026-11-28T12:00:00.000Z'): Promise<PurchaseHarness> => {
  const table = await createTestTable();
  const clock = new ManualClock(start);
  const email = new RecordingEmail();
  const ops = new RecordingOps();
  const workflow = new LocalPurchaseWorkflow({ retryIntervalMs: 0 });
  overrideDependencies({
    config: testConfig(table),
    clock,
    email,
    ops,
    workflow,
  });
  const client = createDocumentClient(table.endpoint);
  /** The harness's users, {@link WORKSPACE} and its product, as a data file to add licenses to. */
  const base = () => {
    const builder = new FixtureBuilder(clock.now());
    for (const email of ADMIN_EMAILS) builder.user(email);
    return builder
      .workspace(WORKSPACE.workspaceId, {
        name: WORKSPACE.name,
        countryCode: WORKSPACE.countryCode,
        admins: [...ADMIN_EMAILS],
      })
      .product('EPS-CLOUD', { name: PRODUCT_NAME });
  };
  await loadIntoTable(base().build(), { client, tableName: table.tableName });

  return {
    clock,
    email,
    ops,
    workflow,
    addLicense: async (licenseId, daysLeft, activationCode, workspace = WORKSPACE) => {
      const license = {
        licenseId,
        workspaceId: workspace.workspaceId,
        productCode: 'EPS-CLOUD',
        seats: 10,
        termMonths: 12,
        purchaseChannel: 'ONLINE_STORE' as const,
        purchasedAt: '2025-11-01T00:00:00.000Z',
        startsAt: '2025-11-01T00:00:00.000Z',
        expiresAt: new Date(clock.now().getTime() + daysLeft * DAY_MS).toISOString(),
      };
      if (workspace.workspaceId === WORKSPACE.workspaceId) {
        // Through the data file and the importer, as every fixture is (test/support/fixtures.ts).
        await loadIntoTable(
          base()
            .license(licenseId, { ...license, activationCode })
            .build(),
          {
            client,
            tableName: table.tableName,
          },
        );
      } else {
        // A workspace the test stored itself, with administrators a data file cannot name (raw ids).
        await licenseImportStore().put(
          { ...license, activationCode },
          {
            workspaceId: workspace.workspaceId,
            workspaceName: workspace.name,
            productName: PRODUCT_NAME,
            adminUserIds: await workspaceStore().adminsOf(workspace.workspaceId),
          },
        );
      }
      return { ...license, activationCodeHint: activationCode.slice(-5) };
    },
    openCheckout: async (checkoutId, licenseId, changes = {}) => {
      const license = await licenseStore().get(licenseId);
      if (!license) throw new Error(`No license ${licenseId}`);
      const now = clock.now();
      const checkout: Checkout = {
        checkoutId,
        licenseId,
        workspaceId: license.workspaceId ?? WORKSPACE.workspaceId,
        userId: ADMINS[0],
        email: 'ann@example.com',
        locale: 'en',
        productCode: license.productCode,
        productName: PRODUCT_NAME,
        seats: license.seats,
        status: CheckoutStatus.OPEN,
        price: { amount: 103200, currency: 'PLN', countryCode: 'PL', listAmount: 129000, offer: null },
        term: { months: license.termMonths, bonusDays: 0, newExpiresAt: license.expiresAt },
        createdAt: now.toISOString(),
        expiresAt: new Date(now.getTime() + 3600_000).toISOString(),
        ...changes,
      };
      if (!(await checkoutStore().create(checkout, license.openCheckoutId))) {
        throw new Error(`Checkout ${checkoutId} could not be created`);
      }
      return checkout;
    },
    recordOrder: async (orderId, checkout, changes = {}) => {
      const order: Order = {
        orderId,
        checkoutId: checkout.checkoutId,
        amount: checkout.price.amount,
        currency: checkout.price.currency,
        paidAt: new Date(clock.now().getTime() + 60_000).toISOString(),
        eventId: `evt-${orderId}`,
        receivedAt: clock.now().toISOString(),
        status: 'RECEIVED',
        ...changes,
      };
      await orderStore().record(order);
      return order;
    },
    close: async () => {
      await workflow.whenIdle();
      client.destroy();
      await table.drop();
    },
  };
};

/** The activation code in a renewal email, as its 20 canonical characters. */
export const codeInEmail = (message: EmailMessage | undefined): string => {
  const formatted = /\b([A-Z2-9]{5}-[A-Z2-9]{5}-[A-Z2-9]{5}-[A-Z2-9]{5})\b/.exec(message?.text ?? '')?.[1];
  if (!formatted) throw new Error('The email carries no activation code');
  return formatted.replaceAll('-', '');
};

/** A distinct valid activation code per number. */
export const codeFor = (n: number): string =>
  `QRSTUVWXYZABCDEF${[...String(n).padStart(4, '0')].map((digit) => 'ABCDEFGHJK'[Number(digit)]).join('')}`;
