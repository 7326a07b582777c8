import fc from 'fast-check';
import { admitSend, recentSends } from '../../functions/domain/sms-limits';

const rule = { maxSends: 5, windowSeconds: 3600 };
const start = new Date('2026-11-28T10:00:00.000Z').getTime();
const at = (seconds: number) => new Date(start + seconds * 1000);
const iso = (seconds: number) => at(seconds).toISOString();

describe('recentSends', () => {
  it('counts a send while now is before its instant plus the window, oldest first', () => {
    const sends = [iso(600), iso(0), iso(1200)];

    expect(recentSends(sends, at(3599), rule)).toEqual([iso(0), iso(600), iso(1200)]);
    expect(recentSends(sends, at(3600), rule)).toEqual([iso(600), iso(1200)]);
  });
});

describe('admitSend', () => {
  it('admits up to the limit and stores only the sends still in the window', () => {
    const sends = [iso(-3600), iso(0), iso(60), iso(120), iso(180)];

    const outcome = admitSend(sends, at(240), rule);

    expect(outcome).toEqual({ sends: [iso(0), iso(60), iso(120), iso(180), iso(240)] });
  });

  it('refuses the next one until the oldest counted send leaves the window', () => {
    const full = [iso(0), iso(60), iso(120), iso(180), iso(240)];

    expect(admitSend(full, at(300), rule)).toEqual({ retryAfter: 3300 });
    expect(admitSend(full, at(3599.5), rule)).toEqual({ retryAfter: 1 });
    expect(admitSend(full, at(3600), rule)).toEqual({
      sends: [iso(60), iso(120), iso(180), iso(240), iso(3600)],
    });
  });

  it('waits for enough sends to leave when more than the limit are counted (a lowered limit)', () => {
    const sends = [iso(0), iso(10), iso(20), iso(30), iso(40), iso(50), iso(60)];

    expect(admitSend(sends, at(100), rule)).toEqual({ retryAfter: 3600 + 20 - 100 });
  });

  it('never lets a rolling window hold more than the limit, whatever the request times', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(4 * 3600), { maxLength: 80 }), (offsets) => {
        let sends: string[] = [];
        const admitted: number[] = [];
        for (const offset of [...offsets].sort((a, b) => a - b)) {
          const outcome = admitSend(sends, at(offset), rule);
          if ('sends' in outcome) {
            sends = outcome.sends;
            admitted.push(offset);
          } else {
            expect(outcome.retryAfter).toBeGreaterThanOrEqual(1);
            expect(outcome.retryAfter).toBeLessThanOrEqual(rule.windowSeconds);
          }
        }
        for (const t of admitted) {
          expect(admitted.filter((s) => s > t - rule.windowSeconds && s <= t).length).toBeLessThanOrEqual(
            rule.maxSends,
          );
        }
      }),
    );
  });
});
