import {
  type DynamoDBDocumentClient,
  GetCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { Workspace } from '../../domain/workspace';
import type { WorkspaceStore } from '../../ports/workspaces';
import { batchWrite } from './batch-write';
import { queryAll } from './query-all';
import { Keys } from './table-definition';

/**
 * Workspaces and who administers them. Each membership item carries a copy of the workspace's name and
 * country, so "my workspaces" is one Query on the administrator's partition.
 */
export class DynamoWorkspaceStore implements WorkspaceStore {
  public constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  public async listForAdmin(userId: string): Promise<Workspace[]> {
    const key = Keys.membershipsOf(userId);
    const items = await queryAll(this.client, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': key.pk, ':prefix': key.skPrefix },
    });
    const workspaces: Workspace[] = items.map((item) => ({
      workspaceId: item.workspaceId,
      name: item.name,
      countryCode: item.countryCode ?? null,
    }));
    return workspaces.sort(
      (a, b) => a.name.localeCompare(b.name) || a.workspaceId.localeCompare(b.workspaceId),
    );
  }

  public async getForAdmin(userId: string, workspaceId: string): Promise<Workspace | null> {
    const { Item } = await this.client.send(
      new GetCommand({
        TableName: this.tableName,
        Key: Keys.membership(userId, workspaceId),
        ConsistentRead: true,
      }),
    );
    return Item
      ? { workspaceId: Item.workspaceId, name: Item.name, countryCode: Item.countryCode ?? null }
      : null;
  }

  public async get(workspaceId: string): Promise<Workspace | null> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: Keys.workspace(workspaceId) }),
    );
    return Item
      ? { workspaceId: Item.workspaceId, name: Item.name, countryCode: Item.countryCode ?? null }
      : null;
  }

  public async adminsOf(workspaceId: string): Promise<string[]> {
    const { Item } = await this.client.send(
      new GetCommand({
        TableName: this.tableName,
        Key: Keys.workspace(workspaceId),
        ConsistentRead: true,
        ProjectionExpression: 'adminUserIds',
      }),
    );
    return (Item?.adminUserIds ?? []) as string[];
  }

  public async setAdminEmails(workspaceId: string, emails: readonly string[]): Promise<void> {
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: Keys.workspace(workspaceId),
        UpdateExpression: 'SET adminEmails = :emails',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':emails': [...emails] },
      }),
    );
  }

  public async adminEmailsOf(workspaceId: string): Promise<string[]> {
    const { Item } = await this.client.send(
      new GetCommand({
        TableName: this.tableName,
        Key: Keys.workspace(workspaceId),
        ProjectionExpression: 'adminEmails',
      }),
    );
    return (Item?.adminEmails ?? []) as string[];
  }

  public async removeAdmins(workspaceId: string, userIds: readonly string[]): Promise<void> {
    await batchWrite(
      this.client,
      this.tableName,
      userIds.map((userId) => ({ DeleteRequest: { Key: Keys.membership(userId, workspaceId) } })),
      { concurrency: 1 },
    );
  }

  public async put(workspace: Workspace, adminUserIds: readonly string[]): Promise<void> {
    const items = [
      {
        ...Keys.workspace(workspace.workspaceId),
        type: 'WORKSPACE',
        ...workspace,
        adminUserIds: [...adminUserIds],
      },
      ...adminUserIds.map((userId) => ({
        ...Keys.membership(userId, workspace.workspaceId),
        type: 'MEMBERSHIP',
        userId,
        ...workspace,
      })),
    ];
    // A transaction holds at most 100 items; bigger admin lists are written in chunks.
    for (let start = 0; start < items.length; start += 100) {
      await this.client.send(
        new TransactWriteCommand({
          TransactItems: items
            .slice(start, start + 100)
            .map((Item) => ({ Put: { TableName: this.tableName, Item } })),
        }),
      );
    }
  }
}
