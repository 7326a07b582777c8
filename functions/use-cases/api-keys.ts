/**
 * A workspace's API keys (PRODUCT.md §6): issued, listed and revoked by a signed-in administrator of that
 * workspace only, and each of those recorded in its audit log. Anyone else gets 404, as for a workspace
 * that does not exist.
 */
import { type ApiKey, type ApiKeyScope, hashApiKeySecret, newApiKeySecret } from '../domain/api-key';
import { AuditAction, auditActorOf, newAuditEvent } from '../domain/audit-event';
import { decodeCursor, encodeCursor } from '../domain/cursor';
import type { Session } from '../domain/session';
import type { ApiKeyStore } from '../ports/api-keys';
import type { AuditLog } from '../ports/audit-log';
import type { WorkspaceStore } from '../ports/workspaces';
import { invalidInput, notFound } from './errors';

export interface ApiKeyDeps {
  apiKeys: ApiKeyStore;
  workspaces: Pick<WorkspaceStore, 'getForAdmin'>;
  audit: AuditLog;
}

export interface ApiKeyRequest {
  name: string;
  scopes: ApiKeyScope[];
  expiresAt?: string;
}

/** A key as the API shows it: never the hash, nor whom to email. */
export const apiKeyView = (key: ApiKey) => ({
  apiKeyId: key.apiKeyId,
  workspaceId: key.workspaceId,
  name: key.name,
  scopes: key.scopes,
  createdAt: key.createdAt,
  createdBy: key.createdBy,
  expiresAt: key.expiresAt,
  lastUsedAt: key.lastUsedAt,
  revokedAt: key.revokedAt,
  hint: key.hint,
});

const requireAdmin = async (deps: Pick<ApiKeyDeps, 'workspaces'>, session: Session, workspaceId: string) => {
  if (!(await deps.workspaces.getForAdmin(session.userId, workspaceId))) throw notFound();
};

/** Issues a key; the answer is the only place its secret ever appears. */
export const issueApiKey = async (
  deps: ApiKeyDeps,
  session: Session,
  workspaceId: string,
  request: ApiKeyRequest,
  now: Date,
) => {
  await requireAdmin(deps, session, workspaceId);
  if (request.expiresAt !== undefined && new Date(request.expiresAt) <= now) {
    throw invalidInput([{ path: 'body.expiresAt', message: 'Must be in the future' }]);
  }
  const { apiKeyId, secret } = newApiKeySecret();
  const key: ApiKey = {
    apiKeyId,
    workspaceId,
    name: request.name,
    scopes: [...request.scopes].sort(),
    createdAt: now.toISOString(),
    createdByUserId: session.userId,
    createdBy: session.email,
    createdByLocale: session.locale,
    expiresAt: request.expiresAt ? new Date(request.expiresAt).toISOString() : null,
    lastUsedAt: null,
    revokedAt: null,
    secretHash: hashApiKeySecret(secret),
    hint: secret.slice(-4),
  };
  await deps.apiKeys.create(key);
  await deps.audit.append(
    newAuditEvent({
      workspaceId,
      action: AuditAction.API_KEY_ISSUED,
      at: key.createdAt,
      actor: auditActorOf(session),
      target: { type: 'API_KEY', id: apiKeyId },
      details: { name: key.name, scopes: key.scopes },
    }),
  );
  return { ...apiKeyView(key), secret };
};

export const listApiKeys = async (deps: ApiKeyDeps, session: Session, workspaceId: string) => {
  await requireAdmin(deps, session, workspaceId);
  return (await deps.apiKeys.listForWorkspace(workspaceId)).map(apiKeyView);
};

/** Revokes a key of the workspace: it answers 401 from the next request on. */
export const revokeApiKey = async (
  deps: ApiKeyDeps,
  session: Session,
  workspaceId: string,
  apiKeyId: string,
  now: Date,
): Promise<void> => {
  await requireAdmin(deps, session, workspaceId);
  const revoked = await deps.apiKeys.revoke(workspaceId, apiKeyId, now);
  if (!revoked) throw notFound();
  await deps.audit.append(
    newAuditEvent({
      workspaceId,
      action: AuditAction.API_KEY_REVOKED,
      at: now.toISOString(),
      actor: auditActorOf(session),
      target: { type: 'API_KEY', id: apiKeyId },
      details: { name: revoked.name },
    }),
  );
};

/** A page of the workspace's audit log, newest first, for its administrators. */
export const listAuditEvents = async (
  deps: Pick<ApiKeyDeps, 'workspaces' | 'audit'> & { cursorKey: Uint8Array },
  session: Session,
  workspaceId: string,
  query: { limit: number; cursor?: string },
) => {
  await requireAdmin(deps, session, workspaceId);
  const scope = JSON.stringify(['audit-events', workspaceId, query.limit]);
  const after = query.cursor ? decodeCursor(deps.cursorKey, scope, query.cursor) : undefined;
  if (after === null) {
    throw invalidInput([{ path: 'query.cursor', message: 'Not a cursor this API issued for this query' }]);
  }
  const page = await deps.audit.list(workspaceId, { limit: query.limit, after });
  return {
    items: page.items,
    nextCursor: page.last ? encodeCursor(deps.cursorKey, scope, page.last) : null,
  };
};
