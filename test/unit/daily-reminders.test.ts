import { ManualClock } from '../../functions/domain/clock';
import { type SetTimer, startDailyReminders } from '../../functions/local/daily-reminders';
import type { ReminderRunReport } from '../../functions/use-cases/renewal-reminders';

const REPORT: ReminderRunReport = { licensesRead: 4, reminders: 2, sent: 3, failed: 0 };

/** Records armed timers; `fire` moves the clock to the timer's end and runs it. */
const recordingTimers = (clock: ManualClock) => {
  const armed: Array<{ run: () => void; delayMs: number; cancelled: boolean }> = [];
  const setTimer: SetTimer = (run, delayMs) => {
    const timer = { run, delayMs, cancelled: false };
    armed.push(timer);
    return () => {
      timer.cancelled = true;
    };
  };
  const fire = async () => {
    const timer = armed.at(-1);
    if (!timer) throw new Error('No timer armed');
    clock.advance(timer.delayMs);
    timer.run();
    // Let the run's promise chain settle (it re-arms in `finally`).
    for (let turn = 0; turn < 5; turn++) await Promise.resolve();
  };
  return { armed, setTimer, fire };
};

describe('the local daily reminder runs', () => {
  it('runs at the next configured wall-clock time, as of that instant, then daily', async () => {
    // Arrange: 06:00 UTC is 07:00 in Warsaw; the run is due at 08:00 there, in an hour.
    const clock = new ManualClock('2026-12-03T06:00:00.000Z');
    const timers = recordingTimers(clock);
    const runs: string[] = [];
    const lines: string[] = [];

    // Act
    const daily = startDailyReminders({
      schedule: { time: '08:00', timeZone: 'Europe/Warsaw' },
      clock,
      run: async (at) => {
        runs.push(at.toISOString());
        return REPORT;
      },
      log: (line) => lines.push(line),
      setTimer: timers.setTimer,
    });
    await timers.fire();
    await timers.fire();

    // Assert
    expect(daily.firstRun.toISOString()).toBe('2026-12-03T07:00:00.000Z');
    expect(timers.armed.map((timer) => timer.delayMs)).toEqual([3600_000, 24 * 3600_000, 24 * 3600_000]);
    expect(runs).toEqual(['2026-12-03T07:00:00.000Z', '2026-12-04T07:00:00.000Z']);
    expect(lines[0]).toBe(
      '⏰ Reminders as of 2026-12-03T07:00:00.000Z: 2 reminder(s), 3 email(s) sent, 0 failed',
    );
  });

  it('says a failed run, and still runs the next day', async () => {
    // Arrange
    const clock = new ManualClock('2026-12-03T06:00:00.000Z');
    const timers = recordingTimers(clock);
    const lines: string[] = [];
    startDailyReminders({
      schedule: { time: '08:00', timeZone: 'Europe/Warsaw' },
      clock,
      run: async () => {
        throw new Error('DynamoDB Local is gone');
      },
      log: (line) => lines.push(line),
      setTimer: timers.setTimer,
    });

    // Act
    await timers.fire();

    // Assert
    expect(lines).toEqual([
      '⏰ Reminders as of 2026-12-03T07:00:00.000Z failed: Error: DynamoDB Local is gone',
    ]);
    expect(timers.armed).toHaveLength(2);
  });

  it('cancels the pending run when stopped', () => {
    // Arrange
    const clock = new ManualClock('2026-12-03T06:00:00.000Z');
    const timers = recordingTimers(clock);
    const daily = startDailyReminders({
      schedule: { time: '08:00', timeZone: 'UTC' },
      clock,
      run: async () => REPORT,
      log: () => {},
      setTimer: timers.setTimer,
    });

    // Act
    daily.stop();

    // Assert
    expect(timers.armed.map((timer) => timer.cancelled)).toEqual([true]);
  });
});
