import type { IdempotencyClaim, IdempotencyStore, StoredResponse } from '../../functions/ports/idempotency';
import { copy, MemoryTables } from './memory-tables';

/** A claim whose request crashed lapses after this (as in the adapter). */
export const LOCK_SECONDS = 60;

/** {@link IdempotencyStore} in memory, with the adapter's lock and its "completed is final" rule. */
export class FakeIdempotencyStore implements IdempotencyStore {
  public constructor(private readonly tables = new MemoryTables()) {}

  public async begin(key: string, requestHash: string, now: Date): Promise<IdempotencyClaim> {
    const row = this.tables.idempotency.get(key);
    const lapsed = row?.status === 'IN_PROGRESS' && (row.lockedUntil ?? '') < now.toISOString();
    if (!row || lapsed) {
      this.tables.idempotency.set(key, {
        status: 'IN_PROGRESS',
        requestHash,
        lockedUntil: new Date(now.getTime() + LOCK_SECONDS * 1000).toISOString(),
      });
      return { kind: 'claimed' };
    }
    if (row.status === 'COMPLETED') {
      return {
        kind: 'completed',
        requestHash: row.requestHash,
        response: copy(row.response as StoredResponse),
      };
    }
    return { kind: 'in-progress', requestHash: row.requestHash };
  }

  public async complete(key: string, response: StoredResponse, _now: Date): Promise<void> {
    const row = this.tables.idempotency.get(key);
    // The adapter's UpdateItem has no condition: completing an unknown key creates the record.
    this.tables.idempotency.set(key, {
      status: 'COMPLETED',
      requestHash: row?.requestHash ?? '',
      response: copy(response),
    });
  }

  public async release(key: string): Promise<void> {
    if (this.tables.idempotency.get(key)?.status === 'IN_PROGRESS') this.tables.idempotency.delete(key);
  }
}
