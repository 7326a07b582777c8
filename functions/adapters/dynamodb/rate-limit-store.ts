import { type DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { fixedWindowOf, type RateLimitRule } from '../../domain/rate-window';
import type { RateLimitStore } from '../../ports/rate-limits';
import { unlessConditionFails } from './item-conventions';
import { Keys } from './table-definition';

/** A window's counter outlives its window by this much before TTL removes it. */
const EXPIRY_MARGIN_SECONDS = 60;

/**
 * Fixed-window counters: one item per subject and window, incremented by one conditional UpdateItem
 * that refuses past the limit, so concurrent requests can never overshoot it.
 */
export class DynamoRateLimitStore implements RateLimitStore {
  public constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  public async hit(subject: string, rule: RateLimitRule, now: Date) {
    const { windowStart, resetSeconds } = fixedWindowOf(rule, now);
    const answer = await unlessConditionFails(
      this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: Keys.rateWindow(subject, windowStart),
          UpdateExpression: 'ADD hits :one SET #type = :type, #ttl = if_not_exists(#ttl, :ttl)',
          ConditionExpression: 'attribute_not_exists(hits) OR hits < :limit',
          ExpressionAttributeNames: { '#type': 'type', '#ttl': 'ttl' },
          ExpressionAttributeValues: {
            ':one': 1,
            ':type': 'RATE',
            ':limit': rule.limit,
            ':ttl': windowStart + rule.windowSeconds + EXPIRY_MARGIN_SECONDS,
          },
          ReturnValues: 'UPDATED_NEW',
        }),
      ),
    );
    if (!answer) return { allowed: false, remaining: 0, resetSeconds };
    const hits = Number(answer.Attributes?.hits ?? rule.limit);
    return { allowed: true, remaining: Math.max(0, rule.limit - hits), resetSeconds };
  }
}
