/** A company workspace as its administrators see it. */
export interface Workspace {
  workspaceId: string;
  name: string;
  /** ISO 3166-1 alpha-2, or null when none was set at creation. */
  countryCode: string | null;
}

export interface WorkspaceStore {
  /** Workspaces the user administers, ordered by name. */
  listForAdmin(userId: string): Promise<Workspace[]>;
  /** Creates or replaces a workspace and its administrators (import). */
  put(workspace: Workspace, adminUserIds: readonly string[]): Promise<void>;
}
