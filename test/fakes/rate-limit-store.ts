import { fixedWindowOf, type RateLimitRule } from '../../functions/domain/rate-window';
import type { RateLimitStore } from '../../functions/ports/rate-limits';
import { MemoryTables } from './memory-tables';

/** {@link RateLimitStore} in memory: the same fixed windows as the DynamoDB adapter. */
export class FakeRateLimitStore implements RateLimitStore {
  public constructor(private readonly tables = new MemoryTables()) {}

  public async hit(subject: string, rule: RateLimitRule, now: Date) {
    const { windowStart, resetSeconds } = fixedWindowOf(rule, now);
    const key = `${subject}#${windowStart}`;
    const hits = this.tables.rateWindows.get(key) ?? 0;
    if (hits >= rule.limit) return { allowed: false, remaining: 0, resetSeconds };
    this.tables.rateWindows.set(key, hits + 1);
    return { allowed: true, remaining: rule.limit - hits - 1, resetSeconds };
  }
}
