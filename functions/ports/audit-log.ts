import type { AuditEvent } from '../domain/audit-event';

/** The workspaces' audit logs: append-only, so there is no update and no delete. */
export interface AuditLog {
  /** Appends one event; appending the same eventId twice keeps the first (idempotent for retries). */
  append(event: AuditEvent): Promise<void>;
  /** Appends new events (fresh eventIds) in as few writes as the store allows: a sign-in fans out to each workspace. */
  appendMany(events: readonly AuditEvent[]): Promise<void>;
  /** A page of the workspace's events, newest first; `after` is the last eventId of the previous page. */
  list(
    workspaceId: string,
    page: { limit: number; after?: string },
  ): Promise<{ items: AuditEvent[]; last?: string }>;
}
