/**
 * A time of day in an IANA time zone, as the reminder job runs (EventBridge Scheduler in AWS, a timer in
 * `npm start`), and the next instant it falls on. Pure: the time-zone rules are the runtime's (Intl).
 */

/** A wall-clock time, `HH:MM`, in an IANA time zone. */
export interface DailySchedule {
  readonly time: string;
  readonly timeZone: string;
}

/**
 * 08:00 in Warsaw: the vendor and most of its customers are in Poland (../shared/seed), and an
 * administrator reads it at the start of their working day.
 */
export const DEFAULT_REMINDER_SCHEDULE: DailySchedule = { time: '08:00', timeZone: 'Europe/Warsaw' };

/** Whether `text` is a time of day like `08:00` (24-hour, two digits each). */
export const isTimeOfDay = (text: string): boolean => /^([01]\d|2[0-3]):[0-5]\d$/.test(text);

/** Whether the runtime's time-zone database knows `name` (Scheduler takes the same IANA names). */
export const isTimeZone = (name: string): boolean => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
};

/** One formatter per zone: building one costs far more than using it. */
const formatters = new Map<string, Intl.DateTimeFormat>();

const wallClockOf = (timeZone: string): Intl.DateTimeFormat => {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
};

/** How far the zone's wall clock is ahead of UTC at `instant` (ms; negative west of Greenwich). */
const offsetAt = (instant: number, timeZone: string): number => {
  const parts = wallClockOf(timeZone).formatToParts(new Date(instant));
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  const wallAsUtc = Date.UTC(
    part('year'),
    part('month') - 1,
    part('day'),
    part('hour'),
    part('minute'),
    part('second'),
  );
  // The parts have whole seconds: compare with the instant in whole seconds too.
  return wallAsUtc - Math.floor(instant / 1000) * 1000;
};

/**
 * The first instant after `now` at which the wall clock of `schedule.timeZone` shows `schedule.time`.
 * Daylight-saving changes are followed (08:00 stays 08:00 all year); a time a spring-forward skips is
 * run an hour later by the clock, once.
 */
export const nextDailyRun = (now: Date, schedule: DailySchedule): Date => {
  const [hour = 0, minute = 0] = schedule.time.split(':').map(Number);
  const today = new Date(now.getTime() + offsetAt(now.getTime(), schedule.timeZone));
  for (let days = 0; ; days++) {
    const wall = Date.UTC(
      today.getUTCFullYear(),
      today.getUTCMonth(),
      today.getUTCDate() + days,
      hour,
      minute,
    );
    // The offset at the wall time read as UTC can be the other side of a change: correct by the offset
    // at the first estimate.
    const estimate = wall - offsetAt(wall, schedule.timeZone);
    const instant = wall - offsetAt(estimate, schedule.timeZone);
    if (instant > now.getTime()) return new Date(instant);
  }
};
