/**
 * Renewal reminders on `npm start` (PRODUCT.md §4, §8): `POST /_local/reminders/run` reminds the demo
 * administrators of the demo licenses at a milestone, in English and Polish, through the SES emulator;
 * a second run sends nothing; a malformed `at` is refused.
 */
import type { ChildProcess } from 'node:child_process';
import { DemoAccounts, DemoLicenses, DemoReminderLicenses } from '../../functions/seed/demo-data';
import { httpCall } from '../support/http-client';
import { exitOf, START_TIMEOUT_MS, startBackendProcess } from '../support/process';

let child: ChildProcess;
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
  ({ child, url } = await startBackendProcess());
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

test('refuses an `at` that is not an ISO instant', async () => {
  // Act
  const answer = await httpCall(url, 'POST', '/_local/reminders/run', { body: { at: 'tomorrow' } });

  // Assert
  expect([answer.status, answer.body.code]).toEqual([400, 'VALIDATION_FAILED']);
});
