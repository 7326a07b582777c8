import fc from 'fast-check';
import { blockedUntil, blockSeconds, secondsUntil } from '../../functions/domain/throttle';

const rule = { afterFailures: 5, baseSeconds: 30, maxSeconds: 900 };

describe('blockSeconds', () => {
  it.each([
    [0, 0],
    [4, 0],
    [5, 30],
    [6, 60],
    [7, 120],
    [9, 480],
    [10, 900],
    [1000, 900],
  ])('blocks %i failures for %i s', (failures, seconds) => {
    expect(blockSeconds(failures, rule)).toBe(seconds);
  });

  it('never decreases with more failures and never exceeds the cap', () => {
    fc.assert(
      fc.property(fc.nat(10_000), (failures) => {
        const now = blockSeconds(failures, rule);
        expect(blockSeconds(failures + 1, rule)).toBeGreaterThanOrEqual(now);
        expect(now).toBeLessThanOrEqual(rule.maxSeconds);
      }),
    );
  });
});

describe('blockedUntil and secondsUntil', () => {
  const now = new Date('2026-11-28T10:00:00.000Z');

  it('gives the end of the block and the whole seconds left, rounded up', () => {
    const until = blockedUntil(5, now, rule);

    expect(until).toBe('2026-11-28T10:00:30.000Z');
    expect(secondsUntil(until, new Date('2026-11-28T10:00:00.001Z'))).toBe(30);
    expect(secondsUntil(until, new Date('2026-11-28T10:00:29.999Z'))).toBe(1);
    expect(secondsUntil(until, new Date('2026-11-28T10:00:30.000Z'))).toBe(0);
  });

  it('gives no block below the threshold', () => {
    expect(blockedUntil(4, now, rule)).toBeUndefined();
    expect(secondsUntil(undefined, now)).toBe(0);
  });
});
