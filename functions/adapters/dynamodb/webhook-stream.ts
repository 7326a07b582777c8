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
 * Whether a stream record is the insert of an outbox event: the deployed event source's filter
 * (lib/webhook-delivery.ts), for the local reader. A second write of the same event (a review marked
 * twice) is a MODIFY and announces nothing.
 */
export const isOutboxInsert = (record: StreamRecordLike): boolean => {
  const type = record.dynamodb?.NewImage?.type as { S?: string } | undefined;
  return record.eventName === 'INSERT' && type?.S === WEBHOOK_EVENT_ITEM_TYPE;
};

/** The outbox event a stream record announces; null for any other record. */
export const webhookEventOfRecord = (record: StreamRecordLike): WebhookEvent | null =>
  isOutboxInsert(record)
    ? webhookEventOf(unmarshall(record.dynamodb?.NewImage as Record<string, AttributeValue>))
    : null;
