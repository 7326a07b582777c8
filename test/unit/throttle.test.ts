import fc from 'fast-check';
import {
  blockedUntil,
  blockSeconds,
  releaseAttempt,
  reserveAttempt,
  secondsUntil,
  type ThrottleState,
} from '../../functions/domain/throttle';

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

describe('reserveAttempt and releaseAttempt', () => {
  const now = new Date('2026-11-28T10:00:00.000Z');
  const later = (seconds: number) => new Date(now.getTime() + seconds * 1000);

  it('takes slots 1 to 4 without a block and writes the block with the 5th, before any is evaluated', () => {
    let state: ThrottleState = { failures: 0 };
    const outcomes = [];
    for (let n = 0; n < 7; n++) {
      const outcome = reserveAttempt(state, now, rule);
      outcomes.push(outcome);
      if ('next' in outcome) state = outcome.next;
    }

    expect(outcomes.slice(0, 4)).toEqual([1, 2, 3, 4].map((failures) => ({ next: { failures } })));
    expect(outcomes[4]).toEqual({ next: { failures: 5, blockedUntil: '2026-11-28T10:00:30.000Z' } });
    expect(outcomes.slice(5)).toEqual([{ retryAfter: 30 }, { retryAfter: 30 }]);
  });

  it('takes a slot with the next, longer block once a block has passed', () => {
    const outcome = reserveAttempt({ failures: 5, blockedUntil: now.toISOString() }, later(0), rule);

    expect(outcome).toEqual({ next: { failures: 6, blockedUntil: '2026-11-28T10:01:00.000Z' } });
  });

  it('gives a slot back: one failure less, and no block below the threshold', () => {
    const slot = { failures: 5, blockedUntil: '2026-11-28T10:00:30.000Z' };

    expect(releaseAttempt(slot, slot, rule)).toEqual({ failures: 4, blockedUntil: undefined });
    expect(releaseAttempt({ failures: 3 }, { failures: 3 }, rule)).toEqual({
      failures: 2,
      blockedUntil: undefined,
    });
  });

  it('removes its own pessimistic block above the threshold, but keeps a block a later slot wrote', () => {
    const mine = { failures: 6, blockedUntil: '2026-11-28T10:01:00.000Z' };
    const theirs = { failures: 7, blockedUntil: '2026-11-28T10:02:00.000Z' };

    expect(releaseAttempt(mine, mine, rule)).toEqual({ failures: 5, blockedUntil: undefined });
    expect(releaseAttempt(theirs, mine, rule)).toEqual({ failures: 6, blockedUntil: theirs.blockedUntil });
  });

  it('gives nothing back after a reset', () => {
    expect(releaseAttempt({ failures: 0 }, { failures: 2 }, rule)).toBeNull();
  });

  it('never lets more than the threshold be in flight, whatever the order of takes and gives', () => {
    fc.assert(
      fc.property(fc.array(fc.boolean(), { maxLength: 60 }), (steps) => {
        let state: ThrottleState = { failures: 0 };
        const inFlight: ThrottleState[] = [];
        for (const take of steps) {
          if (take || inFlight.length === 0) {
            const outcome = reserveAttempt(state, now, rule);
            if ('next' in outcome) {
              state = outcome.next;
              inFlight.push(state);
            }
          } else {
            const slot = inFlight.shift() as ThrottleState;
            state = releaseAttempt(state, slot, rule) ?? state;
          }
          expect(inFlight.length).toBeLessThanOrEqual(rule.afterFailures);
          expect(state.failures).toBe(inFlight.length);
        }
      }),
    );
  });
});
