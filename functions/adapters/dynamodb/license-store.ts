import {
  type DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { LicensePlacement, LicenseRecord, LicenseRenewalState, Renewal } from '../../domain/license';
import type { WebhookEvent } from '../../domain/webhook-event';
import type { LicensePage, LicensePageQuery, LicenseStore } from '../../ports/licenses';
import { batchWrite } from './batch-write';
import { succeedsUnlessConditionFails, withoutKeys } from './item-conventions';
import {
  LicenseKeys,
  listEntryItems,
  listEntryKeys,
  recordOf,
  renewalStateOf,
  summaryOf,
} from './license-items';
import { Keys } from './table-definition';
import { webhookEventPut } from './webhook-stores';

/**
 * Licenses, their activation-code lookup and the per-administrator list (see license-items.ts), as the
 * app reads and changes them; the import's writes are `DynamoLicenseImportStore`'s.
 */
export class DynamoLicenseStore implements LicenseStore {
  public constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  public async get(licenseId: string): Promise<(LicenseRecord & LicenseRenewalState) | null> {
    const { Item } = await this.client.send(
      new GetCommand({
        TableName: this.tableName,
        Key: LicenseKeys.license(licenseId),
        ConsistentRead: true,
      }),
    );
    if (!Item) return null;
    return { ...recordOf(Item), ...renewalStateOf(Item) };
  }

  public async listRenewals(licenseId: string): Promise<Renewal[]> {
    const { Items = [] } = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': LicenseKeys.license(licenseId).pk, ':prefix': 'RENEWAL#' },
        ScanIndexForward: false,
      }),
    );
    return Items.map((item) => withoutKeys<Renewal>(item));
  }

  /** One Query: the admin's own list partition, or its per-workspace slice in gsi1. */
  public async listForAdmin(userId: string, query: LicensePageQuery): Promise<LicensePage> {
    const byWorkspace = query.workspaceId !== undefined;
    const pk = byWorkspace
      ? LicenseKeys.adminWorkspaceList(userId, query.workspaceId as string)
      : LicenseKeys.adminList(userId);
    const prefix = LicenseKeys.listEntryPrefix;
    const low = query.expiresFrom ? `${prefix}${query.expiresFrom.toISOString()}` : prefix;
    // '$' sorts right after '#', so `LIC$` bounds every `LIC#…` key from above.
    const high = query.expiresBefore ? `${prefix}${query.expiresBefore.toISOString()}` : 'LIC$';
    const startKey = query.after
      ? byWorkspace
        ? { gsi1pk: pk, gsi1sk: query.after, pk: LicenseKeys.adminList(userId), sk: query.after }
        : { pk, sk: query.after }
      : undefined;
    // One extra item tells whether another page follows, so the last page never comes back empty.
    const { Items = [] } = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: byWorkspace ? 'gsi1' : undefined,
        KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :low AND :high',
        ExpressionAttributeNames: {
          '#pk': byWorkspace ? 'gsi1pk' : 'pk',
          '#sk': byWorkspace ? 'gsi1sk' : 'sk',
        },
        ExpressionAttributeValues: { ':pk': pk, ':low': low, ':high': high },
        ExclusiveStartKey: startKey,
        Limit: query.limit + 1,
        ConsistentRead: !byWorkspace,
      }),
    );
    const page = Items.slice(0, query.limit);
    const lastItem = page.at(-1);
    return {
      items: page.map(summaryOf),
      last: Items.length > query.limit && lastItem ? String(lastItem.sk) : undefined,
    };
  }

  public async findIdByActivationCode(code: string): Promise<string | null> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: LicenseKeys.code(code), ConsistentRead: true }),
    );
    return Item ? String(Item.licenseId) : null;
  }

  /**
   * Attaches an unattached license: one conditional update, however many administrators the workspace
   * has; the list entries follow in batches ({@link syncListEntries}), which a repeated entry of the same
   * code redoes, so an interrupted attachment converges.
   */
  public async attach(
    license: LicenseRecord,
    placement: LicensePlacement,
    event: WebhookEvent,
  ): Promise<boolean> {
    const attached = await succeedsUnlessConditionFails(
      this.client.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Update: {
                TableName: this.tableName,
                Key: LicenseKeys.license(license.licenseId),
                UpdateExpression: 'SET workspaceId = :ws, gsi1pk = :gpk, gsi1sk = :gsk',
                ConditionExpression: 'attribute_exists(pk) AND attribute_type(workspaceId, :null)',
                ExpressionAttributeValues: {
                  ':ws': placement.workspaceId,
                  ':gpk': LicenseKeys.licensesOfWorkspace(placement.workspaceId),
                  ':gsk': `LIC#${license.licenseId}`,
                  ':null': 'NULL',
                },
              },
            },
            webhookEventPut(this.tableName, event),
          ],
        }),
      ),
    );
    if (!attached) return false;
    await this.syncListEntries(license.licenseId);
    return true;
  }

  /**
   * Rewrites every administrator's list entry of a license from its current state: deletes the entries
   * under the expiry dates it was listed with before (`staleExpiresAt`, which a renewal adds to) and puts
   * the current one. Derived from the stored license alone, so a retry or a replay does the same.
   */
  public async syncListEntries(licenseId: string): Promise<number> {
    const { Item } = await this.client.send(
      new GetCommand({
        TableName: this.tableName,
        Key: LicenseKeys.license(licenseId),
        ConsistentRead: true,
      }),
    );
    if (!Item) return 0;
    const license = recordOf(Item);
    const stale = [...((Item.staleExpiresAt as Set<string> | undefined) ?? [])];
    if (!license.workspaceId) return 0;
    const [{ Item: workspace }, { Item: product }] = await Promise.all([
      this.client.send(
        new GetCommand({
          TableName: this.tableName,
          Key: Keys.workspace(license.workspaceId),
          ConsistentRead: true,
        }),
      ),
      this.client.send(new GetCommand({ TableName: this.tableName, Key: Keys.product(license.productCode) })),
    ]);
    const admins = (workspace?.adminUserIds ?? []) as string[];
    const placement = {
      workspaceId: license.workspaceId,
      workspaceName: String(workspace?.name ?? ''),
      productName: String(product?.name ?? license.productCode),
      adminUserIds: admins,
    };
    const staleKeys = stale
      .filter((expiresAt) => expiresAt !== license.expiresAt)
      .flatMap((expiresAt) => listEntryKeys({ licenseId, expiresAt }, admins));
    await batchWrite(
      this.client,
      this.tableName,
      [
        ...staleKeys.map((Key) => ({ DeleteRequest: { Key } })),
        ...listEntryItems(license, placement).map((Item) => ({ PutRequest: { Item } })),
      ],
      { concurrency: 4 },
    );
    // Only the dates handled here: one a renewal added meanwhile is its own sync's to remove.
    if (stale.length > 0) {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: LicenseKeys.license(licenseId),
          UpdateExpression: 'DELETE staleExpiresAt :handled',
          ExpressionAttributeValues: { ':handled': new Set(stale) },
        }),
      );
    }
    return admins.length;
  }
}
