import {
  expiryDaysReachingMilestones,
  latestPassedMilestone,
  milestoneAt,
  reminderKeyOf,
} from '../../functions/domain/reminder-milestones';

const EXPIRES = new Date('2027-03-31T12:00:00.000Z');
const at = (iso: string) => new Date(iso);

describe('latestPassedMilestone', () => {
  it.each([
    ['2027-02-01T00:00:00.000Z', null],
    ['2027-03-01T11:59:59.999Z', null],
    ['2027-03-01T12:00:00.000Z', 'D30'],
    ['2027-03-24T12:00:00.000Z', 'D7'],
    ['2027-03-30T12:00:00.000Z', 'D1'],
    ['2027-03-31T12:00:00.000Z', 'D0'],
    ['2027-06-01T00:00:00.000Z', 'D0'],
  ] as const)('at %s is %s', (now, expected) => {
    // Act / Assert
    expect(latestPassedMilestone(EXPIRES, at(now))).toBe(expected);
  });

  it('catches a missed week up with the latest milestone only', () => {
    // Arrange: the job did not run between 31 and 5 days before expiry.
    const now = at('2027-03-26T12:00:00.000Z');

    // Act / Assert
    expect(latestPassedMilestone(EXPIRES, now)).toBe('D7');
  });
});

describe('milestoneAt and reminderKeyOf', () => {
  it('places each milestone whole days before the expiry, and keys a reminder by license, expiry and milestone', () => {
    // Act / Assert
    expect(milestoneAt(EXPIRES, 'D30').toISOString()).toBe('2027-03-01T12:00:00.000Z');
    expect(milestoneAt(EXPIRES, 'D0')).toEqual(EXPIRES);
    expect(reminderKeyOf('lic-1', EXPIRES.toISOString(), 'D7')).toBe('lic-1#2027-03-31T12:00:00.000Z#D7');
    expect(reminderKeyOf('lic-1', '2028-03-31T12:00:00.000Z', 'D7')).not.toBe(
      reminderKeyOf('lic-1', EXPIRES.toISOString(), 'D7'),
    );
  });
});

describe('expiryDaysReachingMilestones', () => {
  it('names, for a one-day run, the expiry days of each milestone and nothing else', () => {
    // Act
    const days = expiryDaysReachingMilestones(at('2027-03-01T06:00:00.000Z'), at('2027-03-02T06:00:00.000Z'));

    // Assert: today's expiries (D0), tomorrow's (D1), in a week (D7), in 30 days (D30), each over two UTC days.
    expect(days).toEqual([
      '2027-03-01',
      '2027-03-02',
      '2027-03-03',
      '2027-03-08',
      '2027-03-09',
      '2027-03-31',
      '2027-04-01',
    ]);
  });

  it('finds every license whose milestone fell in the window', () => {
    // Arrange
    const [from, to] = [at('2027-03-01T06:00:00.000Z'), at('2027-03-02T06:00:00.000Z')];
    const days = new Set(expiryDaysReachingMilestones(from, to));

    // Act: every expiry instant, every 10 minutes over 40 days.
    const missed: string[] = [];
    for (let t = from.getTime(); t < from.getTime() + 40 * 86_400_000; t += 600_000) {
      const expiresAt = new Date(t);
      const fell = ['D30', 'D7', 'D1', 'D0'].some((m) => {
        const when = milestoneAt(expiresAt, m as 'D30').getTime();
        return when >= from.getTime() && when < to.getTime();
      });
      if (fell && !days.has(expiresAt.toISOString().slice(0, 10))) missed.push(expiresAt.toISOString());
    }

    // Assert
    expect(missed).toEqual([]);
  });
});
