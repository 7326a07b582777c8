import {
  DEFAULT_REMINDER_SCHEDULE,
  isTimeOfDay,
  isTimeZone,
  nextDailyRun,
} from '../../functions/domain/daily-schedule';

const next = (now: string, time: string, timeZone: string) =>
  nextDailyRun(new Date(now), { time, timeZone }).toISOString();

describe('nextDailyRun', () => {
  it.each([
    [
      'later today, Warsaw in winter (UTC+1)',
      '2026-12-03T06:00:00.000Z',
      '08:00',
      'Europe/Warsaw',
      '2026-12-03T07:00:00.000Z',
    ],
    [
      'tomorrow once today’s has passed',
      '2026-12-03T07:30:00.000Z',
      '08:00',
      'Europe/Warsaw',
      '2026-12-04T07:00:00.000Z',
    ],
    [
      'tomorrow at the very instant of today’s',
      '2026-12-03T07:00:00.000Z',
      '08:00',
      'Europe/Warsaw',
      '2026-12-04T07:00:00.000Z',
    ],
    [
      'Warsaw in summer (UTC+2)',
      '2026-07-01T05:00:00.000Z',
      '08:00',
      'Europe/Warsaw',
      '2026-07-01T06:00:00.000Z',
    ],
    [
      'across the spring-forward night',
      '2027-03-27T08:00:00.000Z',
      '08:00',
      'Europe/Warsaw',
      '2027-03-28T06:00:00.000Z',
    ],
    [
      'across the fall-back night',
      '2026-10-24T08:00:00.000Z',
      '08:00',
      'Europe/Warsaw',
      '2026-10-25T07:00:00.000Z',
    ],
    ['UTC', '2026-12-31T23:59:00.000Z', '00:00', 'UTC', '2027-01-01T00:00:00.000Z'],
    [
      'west of Greenwich, the same evening there though the next day in UTC',
      '2026-12-04T02:00:00.000Z',
      '22:15',
      'America/New_York',
      '2026-12-04T03:15:00.000Z',
    ],
    ['a half-hour zone', '2026-12-03T00:00:00.000Z', '09:00', 'Asia/Kolkata', '2026-12-03T03:30:00.000Z'],
  ])('runs %s', (_, now, time, timeZone, expected) => {
    expect(next(now, time, timeZone)).toBe(expected);
  });

  it('runs a time a spring-forward skips an hour later by the clock, once', () => {
    // 02:30 does not exist in Warsaw on 2027-03-28 (02:00 CET → 03:00 CEST).
    expect(next('2027-03-27T12:00:00.000Z', '02:30', 'Europe/Warsaw')).toBe('2027-03-28T01:30:00.000Z');
  });

  it('is always after now and within a day and an hour of it', () => {
    // Arrange: every 3.5 hours across a year, in the default schedule.
    for (
      let t = Date.parse('2026-01-01T00:00:00Z');
      t < Date.parse('2027-01-01T00:00:00Z');
      t += 1800_000 * 7
    ) {
      // Act
      const run = nextDailyRun(new Date(t), DEFAULT_REMINDER_SCHEDULE).getTime();

      // Assert
      expect(run).toBeGreaterThan(t);
      expect(run - t).toBeLessThanOrEqual(25 * 3600_000);
    }
  });
});

describe('schedule parts', () => {
  it.each(['00:00', '08:00', '23:59'])('takes %s as a time of day', (text) => {
    expect(isTimeOfDay(text)).toBe(true);
  });

  it.each(['8:00', '24:00', '08:60', '08:00:00', ''])('refuses %s as a time of day', (text) => {
    expect(isTimeOfDay(text)).toBe(false);
  });

  it('knows IANA zones and refuses others', () => {
    expect(['Europe/Warsaw', 'UTC', 'America/New_York'].map(isTimeZone)).toEqual([true, true, true]);
    expect(['Europe/Nowhere', 'CET+1', ''].map(isTimeZone)).toEqual([false, false, false]);
  });
});
