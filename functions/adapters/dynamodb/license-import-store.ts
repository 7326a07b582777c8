import { type DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { activationCodeHint, activationCodeLookupHash } from '../../domain/activation-code';
import type { LicensePlacement, NewLicense } from '../../domain/license';
import type { LicenseImportStore } from '../../ports/licenses';
import { batchWrite } from './batch-write';
import { codeItem, LicenseKeys, licenseItem, listEntryItems, listEntryKeys, recordOf } from './license-items';
import { queryAll } from './query-all';
import { Keys } from './table-definition';

/**
 * The data-file import's writes to licenses (see license-items.ts for the items): a license replaced
 * with everything it is listed and looked up under, and a former administrator's list entries removed.
 * Only the import writes this way; the app's own changes are `DynamoLicenseStore`'s.
 */
export class DynamoLicenseImportStore implements LicenseImportStore {
  public constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  public async put(license: NewLicense, placement: LicensePlacement | null): Promise<void> {
    const { Item: previous } = await this.client.send(
      new GetCommand({
        TableName: this.tableName,
        Key: LicenseKeys.license(license.licenseId),
        ConsistentRead: true,
      }),
    );
    const stale = previous ? await this.staleWrites(previous, license) : [];
    const { activationCode, ...rest } = license;
    const record = { ...rest, activationCodeHint: activationCodeHint(activationCode) };
    const entries = placement ? listEntryItems(record, placement) : [];
    // A license moved to another workspace sharing an administrator keeps that admin's entry key: the
    // put replaces it, and one BatchWriteItem may not name a key twice.
    const kept = new Set(entries.map((entry) => `${entry.pk}\n${entry.sk}`));
    await batchWrite(
      this.client,
      this.tableName,
      [
        ...stale.filter(({ DeleteRequest: { Key } }) => !kept.has(`${Key.pk}\n${Key.sk}`)),
        {
          PutRequest: {
            Item: {
              ...licenseItem(license),
              activationCodeHash: activationCodeLookupHash(license.activationCode),
            },
          },
        },
        { PutRequest: { Item: codeItem(license.licenseId, license.activationCode) } },
        ...entries.map((Item) => ({ PutRequest: { Item } })),
      ],
      { concurrency: 1 },
    );
  }

  /** Deletes for what a replaced license leaves behind: its old code and its old list entries. */
  private async staleWrites(previous: Record<string, unknown>, next: NewLicense) {
    const deletes: Array<{ DeleteRequest: { Key: Record<string, string> } }> = [];
    if (
      previous.activationCodeHash &&
      previous.activationCodeHash !== activationCodeLookupHash(next.activationCode)
    ) {
      deletes.push({ DeleteRequest: { Key: LicenseKeys.codeByHash(String(previous.activationCodeHash)) } });
    }
    const old = recordOf(previous);
    if (old.workspaceId) {
      const { Item: workspace } = await this.client.send(
        new GetCommand({
          TableName: this.tableName,
          Key: Keys.workspace(old.workspaceId),
          ConsistentRead: true,
        }),
      );
      const admins = (workspace?.adminUserIds ?? []) as string[];
      const moved = old.expiresAt !== next.expiresAt || old.workspaceId !== next.workspaceId;
      if (moved) for (const Key of listEntryKeys(old, admins)) deletes.push({ DeleteRequest: { Key } });
    }
    return deletes;
  }

  public async removeListEntries(userId: string, workspaceId: string): Promise<number> {
    const items = await queryAll(this.client, {
      TableName: this.tableName,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': LicenseKeys.adminWorkspaceList(userId, workspaceId) },
      ProjectionExpression: 'pk, sk',
    });
    const keys = items.map((item) => ({ pk: String(item.pk), sk: String(item.sk) }));
    await batchWrite(
      this.client,
      this.tableName,
      keys.map((Key) => ({ DeleteRequest: { Key } })),
      { concurrency: 1 },
    );
    return keys.length;
  }
}
