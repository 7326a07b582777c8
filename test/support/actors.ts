import type { Actor } from '../../functions/domain/actor';

/** The actor of a signed-in user, for use-case tests that only care whose rights apply. */
export const actorOf = (userId: string, workspaceId?: string): Actor => ({
  userId,
  email: `${userId}@example.com`,
  locale: 'en',
  ...(workspaceId ? { workspaceId, apiKeyId: `key-${workspaceId}` } : {}),
});
