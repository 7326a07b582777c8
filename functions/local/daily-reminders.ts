/**
 * The local run's stand-in for the EventBridge schedule: the renewal-reminder job daily at the configured
 * time of day and time zone (`REMINDER_TIME`, `REMINDER_TIME_ZONE`; the stack's defaults), each run as of
 * its scheduled instant, as Scheduler invokes it. Not at start: the demo's first
 * `POST /_local/reminders/run` is what sends the demo reminders (see the README).
 */
import type { Clock } from '../domain/clock';
import { type DailySchedule, nextDailyRun } from '../domain/daily-schedule';
import type { ReminderRunReport } from '../use-cases/renewal-reminders';

/** Arms a one-shot timer; answers how to cancel it. Tests pass a recorder instead of `setTimeout`. */
export type SetTimer = (run: () => void, delayMs: number) => () => void;

const realTimer: SetTimer = (run, delayMs) => {
  const timer = setTimeout(run, delayMs);
  // The HTTP server keeps the process alive; a pending reminder run alone must not.
  timer.unref();
  return () => clearTimeout(timer);
};

export interface DailyRemindersOptions {
  schedule: DailySchedule;
  clock: Clock;
  run: (at: Date) => Promise<ReminderRunReport>;
  log: (line: string) => void;
  setTimer?: SetTimer;
}

/** Starts the daily runs; answers when the first is due and how to stop them. */
export const startDailyReminders = (options: DailyRemindersOptions): { firstRun: Date; stop(): void } => {
  const { schedule, clock, run, log, setTimer = realTimer } = options;
  let cancel = () => {};
  let stopped = false;
  const arm = (): Date => {
    const at = nextDailyRun(clock.now(), schedule);
    cancel = setTimer(
      () => {
        void run(at)
          .then((report) => log(`⏰ Reminders as of ${at.toISOString()}: ${describe(report)}`))
          .catch((error: unknown) => log(`⏰ Reminders as of ${at.toISOString()} failed: ${String(error)}`))
          .finally(() => {
            if (!stopped) arm();
          });
      },
      Math.max(0, at.getTime() - clock.now().getTime()),
    );
    return at;
  };
  const firstRun = arm();
  return {
    firstRun,
    stop: () => {
      stopped = true;
      cancel();
    },
  };
};

const describe = (report: ReminderRunReport): string =>
  `${report.reminders} reminder(s), ${report.sent} email(s) sent, ${report.failed} failed`;
