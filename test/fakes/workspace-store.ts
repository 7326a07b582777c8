import type { Workspace } from '../../functions/domain/workspace';
import type { WorkspaceStore } from '../../functions/ports/workspaces';
import { copy, MemoryTables } from './memory-tables';

/**
 * {@link WorkspaceStore} in memory: the workspace with its admin list, and one membership per admin
 * holding a copy of the workspace, as the adapter keeps them (so `removeAdmins` leaves the list alone).
 */
export class FakeWorkspaceStore implements WorkspaceStore {
  public constructor(private readonly tables = new MemoryTables()) {}

  public async listForAdmin(userId: string): Promise<Workspace[]> {
    return [...(this.tables.memberships.get(userId)?.values() ?? [])]
      .map(copy)
      .sort((a, b) => a.name.localeCompare(b.name) || a.workspaceId.localeCompare(b.workspaceId));
  }

  public async getForAdmin(userId: string, workspaceId: string): Promise<Workspace | null> {
    const workspace = this.tables.memberships.get(userId)?.get(workspaceId);
    return workspace ? copy(workspace) : null;
  }

  public async get(workspaceId: string): Promise<Workspace | null> {
    const row = this.tables.workspaces.get(workspaceId);
    return row ? copy(row.workspace) : null;
  }

  public async adminsOf(workspaceId: string): Promise<string[]> {
    return [...(this.tables.workspaces.get(workspaceId)?.adminUserIds ?? [])];
  }

  public async setAdminEmails(workspaceId: string, emails: readonly string[]): Promise<void> {
    const row = this.tables.workspaces.get(workspaceId);
    if (!row)
      throw Object.assign(new Error(`No workspace ${workspaceId}`), {
        name: 'ConditionalCheckFailedException',
      });
    row.adminEmails = [...emails];
  }

  public async adminEmailsOf(workspaceId: string): Promise<string[]> {
    return [...(this.tables.workspaces.get(workspaceId)?.adminEmails ?? [])];
  }

  public async removeAdmins(workspaceId: string, userIds: readonly string[]): Promise<void> {
    for (const userId of userIds) this.tables.memberships.get(userId)?.delete(workspaceId);
  }

  public async put(workspace: Workspace, adminUserIds: readonly string[]): Promise<void> {
    this.tables.workspaces.set(workspace.workspaceId, {
      workspace: copy(workspace),
      adminUserIds: [...adminUserIds],
    });
    for (const userId of adminUserIds) {
      const memberships = this.tables.memberships.get(userId) ?? new Map<string, Workspace>();
      memberships.set(workspace.workspaceId, copy(workspace));
      this.tables.memberships.set(userId, memberships);
    }
  }
}
