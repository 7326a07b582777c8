import type { ApiKey } from './api-key';
import type { Locale } from './locale';
import type { Session } from './session';

/**
 * Who a request acts for. A person's session acts with their rights; an API key acts with the rights of
 * the administrator who issued it, narrowed to the key's one workspace (and, at the edge, its scopes), so
 * a key of an administrator who lost the workspace stops seeing it too.
 */
export interface Actor {
  /** The user whose rights apply: the signed-in user, or the key's issuer. */
  userId: string;
  /** Where emails about what the actor starts go: the user, or the key's issuer. */
  email: string;
  locale: Locale;
  /** Set for a key: the only workspace it may act in. */
  workspaceId?: string;
  /** Set for a key. */
  apiKeyId?: string;
}

export const actorOfSession = (session: Session): Actor => ({
  userId: session.userId,
  email: session.email,
  locale: session.locale,
});

export const actorOfApiKey = (key: ApiKey): Actor => ({
  userId: key.createdByUserId,
  email: key.createdBy,
  locale: key.createdByLocale,
  workspaceId: key.workspaceId,
  apiKeyId: key.apiKeyId,
});

/** Whether the actor may act in `workspaceId` at all (a key only in its own). */
export const actsIn = (actor: Actor, workspaceId: string): boolean =>
  actor.workspaceId === undefined || actor.workspaceId === workspaceId;

/** The subject a key's idempotency keys and rate limit are scoped to. */
export const apiKeySubject = (apiKeyId: string): string => `api-key:${apiKeyId}`;

/** The subject an actor's idempotency keys and rate limits are scoped to. */
export const actorSubject = (actor: Actor): string =>
  actor.apiKeyId === undefined ? actor.userId : apiKeySubject(actor.apiKeyId);
