/**
 * `npm run reminders -- [--at <ISO instant>] [table options]`: runs the renewal-reminder job once against
 * a real or local table, as the schedule does, and prints what it did. See {@link USAGE}.
 */
import { parseArgs } from 'node:util';
import { type CliStreams, TABLE_OPTIONS, TABLE_OPTIONS_HELP, UsageError } from '../cli-options';
import { EnvName } from '../config';
import { type ReminderDeps, runReminders } from '../use-cases/renewal-reminders';

export const ExitCode = { OK: 0, NOT_DONE: 1, USAGE: 2, FAILED: 3 } as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

export const USAGE = `Usage:
  npm run reminders -- [--at <ISO instant>] [--json] [table options]

Runs the renewal-reminder job once, as of --at (default now): each license whose latest milestone (30, 7
and 1 days before expiry, and expiry) passed in the look-back (REMINDER_LOOKBACK_DAYS, 3) and was not yet
reminded gets its event and one email per administrator who has not opted out. Running it again sends
nothing. Email goes through SES (SES_ENDPOINT for a local emulator) from EMAIL_FROM; the unsubscribe links
are signed with the deployment secret (TOKEN_SECRET_ARN, or TOKEN_SIGNING_KEY locally).

Table options:
  --table <name>      the table (default: TABLE_NAME)
${TABLE_OPTIONS_HELP}

Exit codes: 0 done, 1 some emails failed (the next run retries them), 2 usage error, 3 failure.
`;

/** Where the job's dependencies come from, once the table is known. */
export type ReminderDepsFactory = (table: {
  tableName: string;
  endpoint?: string;
  region?: string;
}) => Promise<ReminderDeps>;

export const runRemindersCli = async (
  argv: readonly string[],
  streams: CliStreams,
  depsFor: ReminderDepsFactory,
  now: () => Date = () => new Date(),
): Promise<ExitCode> => {
  const { stdout, stderr } = streams;
  let options: ReturnType<typeof parse>;
  try {
    options = parse(argv, now);
    if (options === 'help') {
      stdout.write(USAGE);
      return ExitCode.OK;
    }
  } catch (error) {
    stderr.write(`${(error as Error).message}\n\n${USAGE}`);
    return ExitCode.USAGE;
  }
  try {
    const report = await runReminders(await depsFor(options), options.at);
    stdout.write(
      options.json
        ? `${JSON.stringify({ at: options.at.toISOString(), ...report })}\n`
        : `Reminders as of ${options.at.toISOString()}: ${report.licensesRead} licenses read, ` +
            `${report.reminders} reminders, ${report.sent} emails sent, ${report.failed} failed.\n`,
    );
    return report.failed > 0 ? ExitCode.NOT_DONE : ExitCode.OK;
  } catch (error) {
    stderr.write(`reminders failed: ${(error as Error).message}\n`);
    return ExitCode.FAILED;
  }
};

const parse = (argv: readonly string[], now: () => Date) => {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: { ...TABLE_OPTIONS, at: { type: 'string' }, json: { type: 'boolean' } },
  });
  if (values.help) return 'help' as const;
  if (positionals.length > 0) throw new UsageError(`unexpected argument: ${positionals.join(' ')}`);
  const tableName = values.table ?? process.env[EnvName.TABLE_NAME];
  if (!tableName) throw new UsageError('--table is required (or TABLE_NAME)');
  if (values.at !== undefined && Number.isNaN(Date.parse(values.at)))
    throw new UsageError('--at must be an ISO instant, e.g. 2026-12-03T09:00:00Z');
  return {
    tableName,
    endpoint: values.endpoint,
    region: values.region,
    json: values.json === true,
    at: values.at === undefined ? now() : new Date(values.at),
  };
};
