/**
 * Renewal reminders on `npm start` (PRODUCT.md §4, §8): `POST /_local/reminders/run` reminds the demo
 * administrators of the demo licenses at a milestone, in English and Polish, through the SES emulator;
 * a second run sends nothing; an administrator who opts out hears no more; a license renewed through the
 * local store is reminded afresh at its new window; a malformed `at` is refused.
 */
import type { ChildProcess } from 'node:child_process';
import { DemoAccounts, DemoLicenses, DemoReminderLicenses } from '../../functions/seed/demo-data';
import { httpCall } from '../support/http-client';
import { exitOf, type ProcessOutput, START_TIMEOUT_MS, startBackendProcess } from '../support/process';

const DAY_MS = 24 * 3600 * 1000;

let child: ChildProcess;
let output: ProcessOutput;
let url: string;

interface OutboxEmail {
  channel: string;
  to: string;
  subject: string;
  text: string;
}

const reminderEmails = async (): Promise<OutboxEmail[]> => {
  const outbox = await httpCall(url, 'GET', '/_local/outbox');
  return (outbox.body.items as OutboxEmail[]).filter(
    (item) => item.channel === 'EMAIL' && item.text.includes('/licenses/'),
  );
};

beforeAll(async () => {
  ({ child, output, url } = await startBackendProcess());
}, START_TIMEOUT_MS + 5_000);

afterAll(async () => {
  child.kill('SIGINT');
  await exitOf(child);
});

test('one run reminds each demo administrator of each license at a milestone, in their language, once', async () => {
  // Act
  const first = await httpCall(url, 'POST', '/_local/reminders/run');
  const afterFirst = await reminderEmails();
  const second = await httpCall(url, 'POST', '/_local/reminders/run');
  const afterSecond = await reminderEmails();

  // Assert
  expect(first.status).toBe(200);
  expect(first.body.sent).toBe(afterFirst.length);
  expect(second.body).toMatchObject({ sent: 0, reminders: 0 });
  expect(afterSecond).toHaveLength(afterFirst.length);
  const acmeLicenses = [
    DemoLicenses.windowJustOpened.licenseId,
    DemoReminderLicenses.oneWeek,
    DemoReminderLicenses.oneDay,
    DemoReminderLicenses.expired,
  ];
  for (const [admin, language] of [
    [DemoAccounts.noMfa.email, /^Endpoint Security Cloud in Acme Sp\. z o\.o\. (expires|has expired)/],
    [DemoAccounts.sms.email, /^Licencja Endpoint Security Cloud w Acme Sp\. z o\.o\. (wygasa|wygasła)/],
  ] as const) {
    const theirs = afterFirst.filter((email) => email.to === admin && email.text.includes('Acme'));
    for (const licenseId of acmeLicenses) {
      expect(theirs.filter((email) => email.text.includes(`/licenses/${licenseId}\n`))).toHaveLength(1);
    }
    expect(theirs.every((email) => language.test(email.subject))).toBe(true);
  }
});

test('an administrator who opts out hears no more, and a renewed license is reminded afresh at its new window', async () => {
  // Arrange: the English admin turns reminders off, then renews the license a week from expiry in the store.
  const { email, password } = DemoAccounts.noMfa;
  const token = (await httpCall(url, 'POST', '/v1/auth/login', { body: { email, password } })).body
    .accessToken;
  const optOut = await httpCall(url, 'PATCH', '/v1/me/notifications', {
    token,
    body: { renewalReminders: false },
  });
  const licenseId = DemoReminderLicenses.oneWeek;
  const checkout = await httpCall(url, 'POST', `/v1/licenses/${licenseId}/checkouts`, {
    token,
    headers: { 'idempotency-key': 'e2e-reminded-renewal' },
  });
  const paid = await httpCall(url, 'POST', `${new URL(checkout.body.redirectUrl).pathname}/pay`);
  await output.waitFor(new RegExp(`order ${paid.body.orderId}: SUCCEEDED`), 30_000);
  const renewed = (await httpCall(url, 'GET', `/v1/licenses/${licenseId}`, { token })).body;
  // An hour after the renewed license's window opens, 30 days before its new expiry.
  const newWindow = new Date(Date.parse(renewed.expiresAt) - 30 * DAY_MS + 3600_000).toISOString();
  const before = (await reminderEmails()).length;

  // Act
  const run = await httpCall(url, 'POST', '/_local/reminders/run', { body: { at: newWindow } });
  const again = await httpCall(url, 'POST', '/_local/reminders/run', { body: { at: newWindow } });
  const emails = (await reminderEmails()).slice(before);

  // Assert
  expect([optOut.status, optOut.body]).toEqual([200, { renewalReminders: false }]);
  expect(run.status).toBe(200);
  expect(again.body).toMatchObject({ reminders: 0, sent: 0 });
  const ofRenewed = emails.filter((sent) => sent.text.includes(`/licenses/${licenseId}\n`));
  expect(ofRenewed.map((sent) => sent.to)).toEqual([DemoAccounts.sms.email]);
  expect(ofRenewed[0]?.subject).toMatch(/^Licencja Endpoint Security Cloud w Acme Sp\. z o\.o\. wygasa/);
  expect(emails.some((sent) => sent.to === DemoAccounts.noMfa.email)).toBe(false);
});

test('refuses an `at` that is not an ISO instant', async () => {
  // Act
  const answer = await httpCall(url, 'POST', '/_local/reminders/run', { body: { at: 'tomorrow' } });

  // Assert
  expect([answer.status, answer.body.code]).toEqual([400, 'VALIDATION_FAILED']);
});
