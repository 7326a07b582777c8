import type { Workspace } from '../domain/workspace';

export interface WorkspaceStore {
  /** Workspaces the user administers, ordered by name. */
  listForAdmin(userId: string): Promise<Workspace[]>;
  /** The workspace if the user administers it; null when not, exactly as when it does not exist. */
  getForAdmin(userId: string, workspaceId: string): Promise<Workspace | null>;
  /** A workspace by id, for jobs that act for no one user (the reminders); null when it does not exist. */
  get(workspaceId: string): Promise<Workspace | null>;
  /** The administrators' user ids of a workspace (empty when it does not exist). */
  adminsOf(workspaceId: string): Promise<string[]>;
  /** Deletes the memberships of users who no longer administer the workspace. */
  removeAdmins(workspaceId: string, userIds: readonly string[]): Promise<void>;
  /** Creates or replaces a workspace and its administrators (import). */
  put(workspace: Workspace, adminUserIds: readonly string[]): Promise<void>;
  /** Records where to email the workspace's administrators (import, after {@link put}). */
  setAdminEmails(workspaceId: string, emails: readonly string[]): Promise<void>;
  /** The administrators' emails, for what the workspace must be told (empty when unknown). */
  adminEmailsOf(workspaceId: string): Promise<string[]>;
}
