import type { FailureCount, ThrottleStore } from '../../functions/ports/auth-records';
import { copy, MemoryTables } from './memory-tables';

/**
 * {@link ThrottleStore} in memory. One JavaScript turn is atomic, so `update` never loses a race; tests
 * of the fail-closed path set {@link contended}, which makes it answer as if every round lost.
 */
export class FakeThrottleStore implements ThrottleStore {
  /** When true, `update` reports that concurrent writers kept winning (returns null). */
  public contended = false;

  public constructor(private readonly tables = new MemoryTables()) {}

  public async get(subject: string): Promise<FailureCount> {
    return copy(this.tables.throttle.get(subject) ?? { failures: 0 });
  }

  public async update(
    subject: string,
    change: (current: FailureCount) => FailureCount | null,
  ): Promise<{ before: FailureCount; after: FailureCount | null } | null> {
    if (this.contended) return null;
    // Read and write in one turn, with no await between: nothing else can write in between.
    const before = copy(this.tables.throttle.get(subject) ?? { failures: 0 });
    const after = change(copy(before));
    if (!after) return { before, after: null };
    this.tables.throttle.set(subject, copy({ failures: after.failures, blockedUntil: after.blockedUntil }));
    return { before, after };
  }

  public async reset(subject: string): Promise<void> {
    this.tables.throttle.delete(subject);
  }
}
