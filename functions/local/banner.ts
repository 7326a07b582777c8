/** What `npm start` prints once it is ready: where the API is, who can sign in, where messages go. */

import type { DailySchedule } from '../domain/daily-schedule';
import { DemoAccounts } from '../seed/demo-data';
import type { DataFile } from '../seed/schema';

/** The first line of the banner; tools (and the e2e test) wait for it. */
export const readyLine = (url: string): string => `Renewal Hub is ready at ${url}`;

/** Matches {@link readyLine} and captures the URL. */
export const READY_LINE_PATTERN = /Renewal Hub is ready at (http:\/\/[\d.]+:\d+)/;

/** What the banner reports. */
export interface BannerInput {
  url: string;
  startupMs: number;
  /** Set when `SEED_FILE` replaced the demo data. */
  seed?: { file: string; data: DataFile };
  /** The daily reminder runs. */
  reminders?: { schedule: DailySchedule; firstRun: Date };
}

type DemoAccount = (typeof DemoAccounts)[keyof typeof DemoAccounts];

const twoStep = (account: DemoAccount): string => {
  switch (account.method) {
    case 'NONE':
      return 'no 2FA: signs straight in';
    case 'SMS':
      return `2FA by SMS to ${account.phoneNumber} (the code is printed here and in the outbox)`;
    case 'TOTP':
      return `2FA by authenticator app (TOTP), secret ${account.secret}`;
  }
};

/** The ready banner: the ready line, the accounts to sign in with, and how to read the outbox. */
export const banner = ({ url, startupMs, seed, reminders }: BannerInput): string => {
  const accounts = Object.values(DemoAccounts);
  const width = Math.max(...accounts.map((account) => account.email.length));
  const data = seed
    ? [
        `  Data from ${seed.file}: ${seed.data.users.length} users, ${seed.data.workspaces.length} workspaces,`,
        `  ${seed.data.licenses.length} licenses.`,
      ]
    : [
        '  Demo accounts (email, password, sign-in):',
        ...accounts.map(
          (account) => `    ${account.email.padEnd(width)}  ${account.password}  ${twoStep(account)}`,
        ),
      ];
  return [
    `${readyLine(url)} (started in ${Math.round(startupMs)} ms)`,
    '',
    ...data,
    '',
    `  API reference (try it, sign in):   ${url}/docs  (OpenAPI: ${url}/v1/openapi.json)`,
    `  Outbox (SMS, email, operations):  curl ${url}/_local/outbox`,
    `  Renewal reminders now:             curl -X POST ${url}/_local/reminders/run`,
    ...(reminders
      ? [
          `  Renewal reminders daily:           ${reminders.schedule.time} ${reminders.schedule.timeZone}` +
            ` (next ${reminders.firstRun.toISOString()})`,
        ]
      : []),
    `  Health:                            curl ${url}/v1/health`,
    '  Stop with Ctrl+C.',
    '',
  ].join('\n');
};
