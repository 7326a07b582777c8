import type { Session } from '../../functions/domain/session';
import type { SessionStore } from '../../functions/ports/auth-records';
import { copy, MemoryTables } from './memory-tables';

/** {@link SessionStore} in memory; revoking deletes, so the session's token stops working at once. */
export class FakeSessionStore implements SessionStore {
  public constructor(private readonly tables = new MemoryTables()) {}

  public async create(session: Session): Promise<void> {
    if (this.tables.sessions.has(session.sessionId)) {
      throw Object.assign(new Error(`Session ${session.sessionId} exists`), {
        name: 'ConditionalCheckFailedException',
      });
    }
    this.tables.sessions.set(session.sessionId, copy(session));
  }

  public async get(sessionId: string): Promise<Session | null> {
    const session = this.tables.sessions.get(sessionId);
    return session ? copy(session) : null;
  }

  public async revoke(sessionId: string): Promise<void> {
    this.tables.sessions.delete(sessionId);
  }
}
