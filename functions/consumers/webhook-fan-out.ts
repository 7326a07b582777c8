/**
 * The fan-out function: the table's stream (filtered to inserted outbox events) in, one delivery per
 * subscribed endpoint out, each with its first attempt queued. A record that fails is reported alone, so
 * Lambda retries it and not the batch; fanning out again finds the deliveries already made.
 */
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { webhookEventOfRecord } from '../adapters/dynamodb/webhook-stream';
import { logger } from '../logger';
import { fanOut } from '../use-cases/webhook-delivery';
import { clock, webhookFanOutDeps } from '../wiring';

export const handler = async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => {
  const batchItemFailures: DynamoDBBatchResponse['batchItemFailures'] = [];
  for (const record of event.Records) {
    const webhookEvent = webhookEventOfRecord(record);
    if (!webhookEvent) continue;
    try {
      const endpoints = await fanOut(webhookFanOutDeps(), webhookEvent, clock().now());
      logger.info('Fanned out', { eventId: webhookEvent.id, type: webhookEvent.type, endpoints });
    } catch (error) {
      logger.error('Fan-out failed', { eventId: webhookEvent.id, error });
      // Stream records are in order: report the first failure, Lambda retries from it.
      batchItemFailures.push({ itemIdentifier: record.dynamodb?.SequenceNumber ?? '' });
      break;
    }
  }
  return { batchItemFailures };
};
