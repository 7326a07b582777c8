import { randomBytes } from 'node:crypto';
import type { Actor } from './actor';

/** What the audit log of a workspace records (issue 10): append-only, newest first when listed. */
export const AuditAction = {
  API_KEY_ISSUED: 'API_KEY_ISSUED',
  API_KEY_REVOKED: 'API_KEY_REVOKED',
  SIGNED_IN: 'SIGNED_IN',
  RENEWAL_STARTED: 'RENEWAL_STARTED',
  RENEWAL_COMPLETED: 'RENEWAL_COMPLETED',
} as const;
export type AuditAction = (typeof AuditAction)[keyof typeof AuditAction];

export interface AuditEvent {
  /** Unique and, within a workspace, ordered by time: `<ISO instant>#<random>`. */
  eventId: string;
  workspaceId: string;
  action: AuditAction;
  at: string;
  /** Who did it: a user (`user:<userId>`, with their email) or a key (`api-key:<apiKeyId>`). */
  actor: { type: 'USER' | 'API_KEY'; id: string; email?: string };
  /** What it was done to, e.g. `{ type: 'API_KEY', id }` or `{ type: 'CHECKOUT', id }`. */
  target?: { type: string; id: string };
  /** Facts worth keeping (a key's name and scopes, a renewal's new expiry). */
  details?: Record<string, string | number | boolean | string[]>;
}

/** A new event at `at`: its id sorts by time within the workspace, and is unique. */
export const newAuditEvent = (event: Omit<AuditEvent, 'eventId'>): AuditEvent => ({
  eventId: `${event.at}#${randomBytes(6).toString('base64url')}`,
  ...event,
});

/** How the log names who acted: the key when a key did, else the user (a session, a user, a checkout's owner). */
export const auditActorOf = (actor: Pick<Actor, 'userId' | 'email' | 'apiKeyId'>): AuditEvent['actor'] =>
  actor.apiKeyId === undefined
    ? { type: 'USER', id: actor.userId, email: actor.email }
    : { type: 'API_KEY', id: actor.apiKeyId };
