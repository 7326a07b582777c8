/**
 * The renewal-reminder job (PRODUCT.md §8) on DynamoDB Local: the latest passed milestone of each
 * license, once per (license, expiresAt, milestone), in each administrator's language, with its event;
 * opt-outs, failed sends taken over after the lease, a new expiry starting afresh, and reads that follow
 * the reminders rather than the licenses.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { createDocumentClient } from '../../functions/adapters/dynamodb/client';
import { Keys } from '../../functions/adapters/dynamodb/table-definition';
import { ManualClock } from '../../functions/domain/clock';
import { userIdFor } from '../../functions/domain/identity';
import { deriveKeys } from '../../functions/domain/secrets';
import { userOfUnsubscribeToken } from '../../functions/domain/unsubscribe-token';
import { newWebhookEvent, WebhookEventType } from '../../functions/domain/webhook-event';
import { REMINDER_LEASE_MS, runReminders } from '../../functions/use-cases/renewal-reminders';
import { notificationPreferencesStore, overrideDependencies, reminderDeps } from '../../functions/wiring';
import { FakeEmailSender } from '../fakes/messaging';
import { callRoute } from '../support/api';
import { createTestTable, testConfig } from '../support/dynamodb';
import { FixtureBuilder, loadIntoTable } from '../support/fixtures';

const DAY_MS = 24 * 3600 * 1000;
const NOW = new Date('2026-12-03T09:00:00.000Z');
const HOUR_MS = 3600 * 1000;
const keys = deriveKeys('test-root-secret-that-is-long-enough');

let table: Awaited<ReturnType<typeof createTestTable>>;
let client: ReturnType<typeof createDocumentClient>;
const email = new FakeEmailSender();
const clock = new ManualClock(NOW);

/** Expires `days` days after NOW, less an hour: its milestone `days` before expiry passed an hour ago. */
const expiringIn = (days: number) => new Date(NOW.getTime() + days * DAY_MS - HOUR_MS).toISOString();

const fixtures = () =>
  new FixtureBuilder(NOW)
    .user('rann@example.com', { locale: 'en' })
    .user('rpiotr@example.com', { locale: 'pl' })
    .workspace('ws-rem-pl', { name: 'Przypomnienia', admins: ['rann@example.com', 'rpiotr@example.com'] })
    .workspace('ws-rem-none', { name: 'No one', admins: [] })
    .product('EPS-CLOUD')
    .price('EPS-CLOUD', 'PL', { currency: 'PLN', unitAmount: 12900 })
    .license('lic-rem-d30', { workspaceId: 'ws-rem-pl', expiresAt: expiringIn(30) })
    .license('lic-rem-d7', { workspaceId: 'ws-rem-pl', expiresAt: expiringIn(7) })
    .license('lic-rem-d1', { workspaceId: 'ws-rem-pl', expiresAt: expiringIn(1) })
    .license('lic-rem-d0', { workspaceId: 'ws-rem-pl', expiresAt: expiringIn(0) })
    .license('lic-rem-partner', {
      workspaceId: 'ws-rem-pl',
      purchaseChannel: 'PARTNER',
      expiresAt: expiringIn(7),
    })
    .license('lic-rem-later', { workspaceId: 'ws-rem-pl', expiresAt: expiringIn(50) })
    .license('lic-rem-unattached', { expiresAt: expiringIn(7) })
    .license('lic-rem-orphan', { workspaceId: 'ws-rem-none', expiresAt: expiringIn(7) });

/**
 * Runs `test` with the wiring on a table of its own, loaded with the fixtures and reminded of nothing
 * yet, then points the wiring back at the shared table.
 */
const withFreshTable = async (test: () => Promise<void>): Promise<void> => {
  const fresh = await createTestTable();
  const freshClient = createDocumentClient(fresh.endpoint);
  overrideDependencies({ config: testConfig(fresh), clock, keys, email });
  try {
    await loadIntoTable(fixtures().build(), { client: freshClient, tableName: fresh.tableName });
    await test();
  } finally {
    freshClient.destroy();
    await fresh.drop();
    overrideDependencies({ config: testConfig(table), clock, keys, email });
  }
};

const sentTo = (address: string) => email.sent.filter((message) => message.to === address);

beforeAll(async () => {
  table = await createTestTable();
  client = createDocumentClient(table.endpoint);
  overrideDependencies({ config: testConfig(table), clock, keys, email });
  await loadIntoTable(fixtures().build(), { client, tableName: table.tableName });
});

afterAll(async () => {
  client.destroy();
  await table.drop();
});

beforeEach(() => {
  email.reset();
});

describe('renewal reminders', () => {
  it('sends each administrator the latest passed milestone of each license, in their language, once', async () => {
    // Act
    const first = await runReminders(await reminderDeps(), NOW);
    const firstEmails = [...email.sent];
    const again = await runReminders(await reminderDeps(), NOW);
    const later = await runReminders(await reminderDeps(), new Date(NOW.getTime() + 6 * HOUR_MS));

    // Assert: d30, d7, d1, d0 and the partner license to both; the admin-less one has its event only;
    // none for the later or the unattached license.
    expect(first).toEqual({ licensesRead: expect.any(Number), reminders: 6, sent: 10, failed: 0 });
    expect(again).toMatchObject({ reminders: 0, sent: 0 });
    expect(later).toMatchObject({ reminders: 0, sent: 0 });
    const english = firstEmails.filter((message) => message.to === 'rann@example.com');
    const polish = firstEmails.filter((message) => message.to === 'rpiotr@example.com');
    expect(english.map((message) => message.subject).sort()).toEqual([
      'Endpoint Security Cloud in Przypomnienia expires in 29 days',
      'Endpoint Security Cloud in Przypomnienia expires in 6 days',
      'Endpoint Security Cloud in Przypomnienia expires in 6 days',
      'Endpoint Security Cloud in Przypomnienia expires within a day',
      'Endpoint Security Cloud in Przypomnienia has expired',
    ]);
    expect(polish.every((message) => message.subject.startsWith('Licencja Endpoint Security Cloud'))).toBe(
      true,
    );
    expect(polish.some((message) => message.subject.endsWith('wygasła'))).toBe(true);
    const eventOf = async (
      type: WebhookEventType,
      licenseId: string,
      expiresAt: string,
      milestone: string,
    ) => {
      const { id } = newWebhookEvent(type, { licenseId, workspaceId: 'ws-rem-pl', expiresAt } as never, NOW, [
        licenseId,
        expiresAt,
        milestone,
      ]);
      const { Item } = await client.send(
        new GetCommand({ TableName: table.tableName, Key: Keys.webhookEvent(id) }),
      );
      return Item;
    };
    const expired = await eventOf(WebhookEventType.LICENSE_EXPIRED, 'lic-rem-d0', expiringIn(0), 'D0');
    const soon = await eventOf(WebhookEventType.LICENSE_EXPIRING_SOON, 'lic-rem-d30', expiringIn(30), 'D30');
    expect(expired?.data).toEqual({
      licenseId: 'lic-rem-d0',
      workspaceId: 'ws-rem-pl',
      expiresAt: expiringIn(0),
    });
    expect(soon?.data).toEqual({
      licenseId: 'lic-rem-d30',
      workspaceId: 'ws-rem-pl',
      expiresAt: expiringIn(30),
      daysRemaining: 29,
      eligible: true,
    });
  });

  it('says the price of an eligible license, and every reason and next step of one that is not', async () => {
    // Arrange: a table of its own, where no reminder was sent yet.
    await withFreshTable(async () => {
      // Act
      await runReminders(await reminderDeps(), NOW);

      // Assert
      const ann = sentTo('rann@example.com');
      const window = ann.find((message) => message.text.includes('29 days left'));
      const partner = ann.find((message) => message.text.includes('bought from a partner'));
      expect(window?.text).toContain('It can be renewed online now.');
      expect(window?.text).toMatch(/Renewing it today costs \d+\.\d{2} PLN/);
      expect(window?.text).toContain('https://portal.renewal-hub.example/licenses/lic-rem-d30');
      expect(window?.html).toContain('<a href="https://portal.renewal-hub.example/licenses/lic-rem-d30">');
      expect(partner?.text).toContain('It cannot be renewed online.');
      expect(partner?.text).toContain(
        '- This license was bought from a partner. Contact your partner to renew it.',
      );
      const piotr = sentTo('rpiotr@example.com');
      expect(piotr.some((message) => message.text.includes('Można ją teraz odnowić online.'))).toBe(true);
    });
  });

  it('carries a signed one-click unsubscribe link for that administrator (RFC 8058)', async () => {
    // Arrange: a table of its own, where no reminder was sent yet.
    await withFreshTable(async () => {
      // Act
      await runReminders(await reminderDeps(), NOW);

      // Assert
      const [message] = sentTo('rpiotr@example.com');
      const link = /^<(.+)>$/.exec(message?.headers?.['List-Unsubscribe'] ?? '')?.[1] ?? '';
      const token = new URL(link).searchParams.get('token') ?? '';
      expect(message?.headers?.['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
      expect(userOfUnsubscribeToken(keys.unsubscribeKey, token, NOW)).toBe(userIdFor('rpiotr@example.com'));
      expect(userOfUnsubscribeToken(keys.unsubscribeKey, `${token}x`, NOW)).toBeNull();
      expect(message?.text).toContain('użyj przycisku wypisania w programie pocztowym');

      // Act: the mail app's one-click POST (RFC 8058), then a damaged link.
      const oneClick = await callRoute('notifications-unsubscribe', {
        query: { token },
        rawBody: 'List-Unsubscribe=One-Click',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      const damaged = await callRoute('notifications-unsubscribe', {
        query: { token: `${token.slice(0, -2)}xx` },
        rawBody: 'List-Unsubscribe=One-Click',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });

      // Assert: off for Piotr only, and the next milestone reaches Ann alone.
      expect([oneClick.status, oneClick.body]).toEqual([200, { renewalReminders: false }]);
      expect([damaged.status, damaged.body.code]).toEqual([422, 'INVALID_UNSUBSCRIBE_LINK']);
      await expect(notificationPreferencesStore().get(userIdFor('rpiotr@example.com'))).resolves.toEqual({
        renewalReminders: false,
      });
      email.reset();
      await runReminders(await reminderDeps(), new Date(NOW.getTime() + 23 * DAY_MS));
      expect(email.sent.length).toBeGreaterThan(0);
      expect(email.sent.every((sent) => sent.to === 'rann@example.com')).toBe(true);
    });
  });

  it('sends the next milestone when it comes, and not to an administrator who opted out', async () => {
    // Arrange: 23 days later lic-rem-d30 reaches its 7-day milestone (and lic-rem-later, three days
    // earlier, its 30-day one: caught up within the look-back).
    await notificationPreferencesStore().put(userIdFor('rpiotr@example.com'), { renewalReminders: false });
    const weekBefore = new Date(NOW.getTime() + 23 * DAY_MS);

    try {
      // Act
      const report = await runReminders(await reminderDeps(), weekBefore);

      // Assert
      expect(report).toMatchObject({ reminders: 2, sent: 2 });
      expect(email.sent.map((message) => [message.to, message.subject]).sort()).toEqual([
        ['rann@example.com', 'Endpoint Security Cloud in Przypomnienia expires in 26 days'],
        ['rann@example.com', 'Endpoint Security Cloud in Przypomnienia expires in 6 days'],
      ]);
    } finally {
      await notificationPreferencesStore().put(userIdFor('rpiotr@example.com'), { renewalReminders: true });
    }
  });

  it('leaves a reminder whose email failed to the run that takes it over after the lease, for that email only', async () => {
    // Arrange: lic-rem-d30's 1-day milestone, 29 days later; the first send is throttled.
    const dayBefore = new Date(NOW.getTime() + 29 * DAY_MS);
    email.refuseNext(1);

    // Act: the lease is kept by the clock, whatever instant the runs are as of.
    const failing = await runReminders(await reminderDeps(), dayBefore);
    clock.advance(60_000);
    const duringLease = await runReminders(await reminderDeps(), dayBefore);
    clock.advance(REMINDER_LEASE_MS);
    const afterLease = await runReminders(await reminderDeps(), dayBefore);
    clock.advance(REMINDER_LEASE_MS);
    const afterCompletion = await runReminders(await reminderDeps(), dayBefore);

    // Assert
    expect(failing).toMatchObject({ reminders: 1, sent: 1, failed: 1 });
    expect(duringLease).toMatchObject({ reminders: 0, sent: 0 });
    expect(afterLease).toMatchObject({ reminders: 1, sent: 1, failed: 0 });
    expect(afterCompletion).toMatchObject({ reminders: 0, sent: 0 });
    expect(email.sent.map((message) => message.to).sort()).toEqual([
      'rann@example.com',
      'rpiotr@example.com',
    ]);
  });

  it('starts afresh for a license with a new expiry', async () => {
    // Arrange: lic-rem-d7 (reminded in the first test) now expires a year later.
    const renewedExpiry = new Date(new Date(expiringIn(7)).getTime() + 365 * DAY_MS).toISOString();
    const renewed = new FixtureBuilder(NOW)
      .user('rann@example.com', { locale: 'en' })
      .user('rpiotr@example.com', { locale: 'pl' })
      .workspace('ws-rem-pl', { name: 'Przypomnienia', admins: ['rann@example.com', 'rpiotr@example.com'] })
      .product('EPS-CLOUD')
      .price('EPS-CLOUD', 'PL', { currency: 'PLN', unitAmount: 12900 })
      .license('lic-rem-d7', { workspaceId: 'ws-rem-pl', expiresAt: renewedExpiry });
    await loadIntoTable(renewed.build(), { client, tableName: table.tableName });
    const newWindow = new Date(new Date(renewedExpiry).getTime() - 30 * DAY_MS + HOUR_MS);

    // Act
    const atOldWindow = await runReminders(await reminderDeps(), NOW);
    const atNewWindow = await runReminders(await reminderDeps(), newWindow);

    // Assert
    expect(atOldWindow).toMatchObject({ reminders: 0, sent: 0 });
    expect(atNewWindow).toMatchObject({ reminders: 1, sent: 2 });
    expect(email.sent.every((message) => message.text.includes('lic-rem-d7'))).toBe(true);
  });

  it('reads only the licenses expiring on the days a milestone fell on, not every license', async () => {
    // Arrange: 40 more licenses, none at a milestone in the last 3 days.
    const many = new FixtureBuilder(NOW)
      .workspace('ws-rem-many', { name: 'Many', admins: [] })
      .product('EPS-CLOUD');
    for (let index = 0; index < 40; index++) {
      many.license(`lic-rem-many-${index}`, { workspaceId: 'ws-rem-many', expiresInDays: 40 + index });
    }
    await loadIntoTable(many.build(), { client, tableName: table.tableName });

    // Act
    const report = await runReminders(await reminderDeps(), NOW);

    // Assert: the 6 fixtures expiring on those days (lic-rem-d7 no longer does), none of the 41 others.
    expect(report.licensesRead).toBe(6);
  });
});
