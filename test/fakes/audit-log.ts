import type { AuditEvent } from '../../functions/domain/audit-event';
import type { AuditLog } from '../../functions/ports/audit-log';
import { copy, MemoryTables } from './memory-tables';

/** {@link AuditLog} in memory: append-only, newest first, paged after an eventId. */
export class FakeAuditLog implements AuditLog {
  public constructor(private readonly tables = new MemoryTables()) {}

  public async append(event: AuditEvent): Promise<void> {
    const log = this.tables.auditEvents.get(event.workspaceId) ?? new Map<string, AuditEvent>();
    if (!log.has(event.eventId)) log.set(event.eventId, copy(event));
    this.tables.auditEvents.set(event.workspaceId, log);
  }

  public async appendMany(events: readonly AuditEvent[]): Promise<void> {
    for (const event of events) await this.append(event);
  }

  public async list(workspaceId: string, page: { limit: number; after?: string }) {
    const newestFirst = [...(this.tables.auditEvents.get(workspaceId)?.values() ?? [])].sort((a, b) =>
      b.eventId.localeCompare(a.eventId),
    );
    const rest = page.after ? newestFirst.filter((event) => event.eventId < (page.after ?? '')) : newestFirst;
    const items = rest.slice(0, page.limit).map(copy);
    const last = rest.length > page.limit ? items.at(-1)?.eventId : undefined;
    return { items, ...(last ? { last } : {}) };
  }
}
