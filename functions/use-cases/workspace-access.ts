import { type Actor, actsIn } from '../domain/actor';
import type { Workspace } from '../domain/workspace';
import type { WorkspaceStore } from '../ports/workspaces';

/**
 * The workspace if the actor may act in it: a user administers it; a key belongs to it and its issuer
 * still administers it. Null otherwise, exactly as for a workspace that does not exist.
 */
export const workspaceOfActor = async (
  workspaces: Pick<WorkspaceStore, 'getForAdmin'>,
  actor: Actor,
  workspaceId: string,
): Promise<Workspace | null> =>
  actsIn(actor, workspaceId) ? workspaces.getForAdmin(actor.userId, workspaceId) : null;
