import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { WebhookEvent } from '../../domain/webhook-event';
import { WEBHOOK_EVENT_ITEM_TYPE, webhookEventOf } from './webhook-stores';

/** What the table's stream says about one item, as Lambda's event source and DynamoDB Streams give it. */
export interface StreamRecordLike {
  eventName?: string;
  dynamodb?: { NewImage?: Record<string, unknown> };
}

/**
 * The outbox event a stream record announces: only the insert of an event item counts (a second write of
 * the same event, a review marked twice, is a MODIFY and announces nothing). Null for anything else.
 */
export const webhookEventOfRecord = (record: StreamRecordLike): WebhookEvent | null => {
  const image = record.dynamodb?.NewImage;
  if (record.eventName !== 'INSERT' || !image) return null;
  const item = unmarshall(image as Record<string, AttributeValue>);
  return item.type === WEBHOOK_EVENT_ITEM_TYPE ? webhookEventOf(item) : null;
};
