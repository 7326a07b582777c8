/**
 * `npm start`: runs the whole backend locally (see `backend.ts`) until Ctrl+C.
 *
 * Environment: `PORT` (default 3000; 0 picks a free port), `SEED_FILE` (a data file to load instead of
 * the demo data), `REMINDER_TIME` and `REMINDER_TIME_ZONE` (the daily reminder run, by default 08:00
 * Europe/Warsaw as deployed), and optionally `TOKEN_SIGNING_KEY`, `EMAIL_FROM`, `STORE_WEBHOOK_SECRET`,
 * `TABLE_NAME`.
 * Exits 0 when stopped by SIGINT/SIGTERM, 1 when start-up fails or DynamoDB Local dies while it runs;
 * either way nothing is left running.
 */
// Must be loaded before anything that creates the Logger or Metrics instance (see the module).
import './lambda-environment';
import {
  type DailySchedule,
  DEFAULT_REMINDER_SCHEDULE,
  isTimeOfDay,
  isTimeZone,
} from '../domain/daily-schedule';
import { DataFileInvalidError } from '../seed/schema';
import { type LocalBackend, startLocalBackend } from './backend';
import { banner } from './banner';

const DEFAULT_PORT = 3000;

const log = (line: string): void => console.log(line);

class Interrupted extends Error {
  public constructor(signal: NodeJS.Signals) {
    super(`Interrupted by ${signal}`);
    this.name = 'Interrupted';
  }
}

const parsePort = (value: string | undefined): number => {
  if (value === undefined || value === '') return DEFAULT_PORT;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be a TCP port number (0 picks a free one), not "${value}"`);
  }
  return port;
};

/** The daily reminder run's time and zone, checked before anything starts. */
const parseReminderSchedule = (time: string | undefined, timeZone: string | undefined): DailySchedule => {
  const schedule = {
    time: time || DEFAULT_REMINDER_SCHEDULE.time,
    timeZone: timeZone || DEFAULT_REMINDER_SCHEDULE.timeZone,
  };
  if (!isTimeOfDay(schedule.time)) {
    throw new Error(`REMINDER_TIME must be a time of day like 08:00, not "${schedule.time}"`);
  }
  if (!isTimeZone(schedule.timeZone)) {
    throw new Error(
      `REMINDER_TIME_ZONE must be an IANA time zone like Europe/Warsaw or UTC, not "${schedule.timeZone}"`,
    );
  }
  return schedule;
};

/** The error and its causes, one per line (a cause already quoted by its wrapper is not repeated). */
const explain = (error: unknown): string => {
  if (error instanceof DataFileInvalidError) return error.message;
  const lines: string[] = [];
  for (let cause = error; cause !== undefined; cause = cause instanceof Error ? cause.cause : undefined) {
    const message = cause instanceof Error ? cause.message : String(cause);
    if (!lines.some((line) => line.includes(message))) lines.push(message);
    if ((cause as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      lines.push('Another process uses that port: set PORT to another one (PORT=0 picks a free port).');
    }
  }
  return lines.join('\n  ');
};

/**
 * Without DynamoDB Local every request would fail until someone noticed: say so and exit non-zero
 * instead, so the developer (or a supervisor) restarts `npm start`.
 */
const exitWhenDynamoDbDies = async (backend: LocalBackend): Promise<void> => {
  const how = await backend.dynamoDbDied;
  console.error(
    `DynamoDB Local stopped unexpectedly (${how}); Renewal Hub cannot serve requests without it. ` +
      'Stopping: run `npm start` again.',
  );
  await backend.stop();
  process.exit(1);
};

const main = async (): Promise<void> => {
  const aborter = new AbortController();
  let backend: LocalBackend | undefined;
  const shutdown = async (signal: NodeJS.Signals) => {
    // During start-up the backend stops what it has started itself, then main() exits.
    if (!backend) return aborter.abort(new Interrupted(signal));
    log(`${signal}: stopping…`);
    await backend.stop();
    process.exit(0);
  };
  // `once`: a second Ctrl+C while stopping exits at once (DynamoDB Local is killed on exit regardless).
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);

  try {
    const seedFile = process.env.SEED_FILE || undefined;
    backend = await startLocalBackend({
      port: parsePort(process.env.PORT),
      seedFile,
      reminderSchedule: parseReminderSchedule(process.env.REMINDER_TIME, process.env.REMINDER_TIME_ZONE),
      log,
      signal: aborter.signal,
    });
    log(
      banner({
        url: backend.url,
        // Since this process started, so the TypeScript loading counts too.
        startupMs: performance.now(),
        seed: seedFile ? { file: seedFile, data: backend.data } : undefined,
        reminders: backend.reminders,
      }),
    );
    void exitWhenDynamoDbDies(backend);
  } catch (error) {
    if (error instanceof Interrupted) {
      log('Stopped during start-up.');
      process.exit(0);
    }
    console.error(`Renewal Hub could not start.\n${explain(error)}`);
    process.exit(1);
  }
};

void main();
