import { type DynamoDBDocumentClient, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { AuditEvent } from '../../domain/audit-event';
import type { AuditLog } from '../../ports/audit-log';
import { batchWrite } from './batch-write';
import { succeedsUnlessConditionFails, withoutKeys } from './item-conventions';
import { Keys } from './table-definition';

/** Each workspace's log is one partition sorted by event id (an instant first): a page is one Query. */
export class DynamoAuditLog implements AuditLog {
  public constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  public async append(event: AuditEvent): Promise<void> {
    // A retried append finds its event there already and keeps it: the log is never rewritten.
    await succeedsUnlessConditionFails(
      this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...Keys.auditEvent(event.workspaceId, event.eventId), type: 'AUDIT', ...event },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      ),
    );
  }

  public async appendMany(events: readonly AuditEvent[]): Promise<void> {
    // BatchWriteItem takes no condition; the events' ids are fresh, so none can overwrite another.
    await batchWrite(
      this.client,
      this.tableName,
      events.map((event) => ({
        PutRequest: {
          Item: { ...Keys.auditEvent(event.workspaceId, event.eventId), type: 'AUDIT', ...event },
        },
      })),
      { concurrency: 4 },
    );
  }

  public async list(workspaceId: string, page: { limit: number; after?: string }) {
    const answer = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :events)',
        ExpressionAttributeValues: { ':pk': Keys.auditLog(workspaceId), ':events': 'EVENT#' },
        ScanIndexForward: false,
        // One more than asked: whether it comes back says if there is a next page (no empty last page).
        Limit: page.limit + 1,
        ...(page.after ? { ExclusiveStartKey: Keys.auditEvent(workspaceId, page.after) } : {}),
      }),
    );
    const read = (answer.Items ?? []).map((item) => withoutKeys<AuditEvent>(item));
    const items = read.slice(0, page.limit);
    const last = read.length > page.limit ? items.at(-1)?.eventId : undefined;
    return { items, ...(last ? { last } : {}) };
  }
}
