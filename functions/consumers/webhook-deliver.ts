/**
 * The delivery function: a batch of queued attempts in, each made at once and side by side, so a slow
 * receiver holds up none of the others' sends. An attempt that crashed is reported alone: SQS gives it
 * again after its visibility timeout (and after five, to the dead-letter queue).
 */
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import * as z from 'zod/mini';
import { logger } from '../logger';
import { BusinessMetric } from '../metric-names';
import { countMetric, flushMetrics } from '../metrics';
import { attemptDelivery } from '../use-cases/webhook-delivery';
import { clock, webhookDeliveryDeps } from '../wiring';

const MessageSchema = z.strictObject({
  deliveryId: z.string(),
  attempt: z.int().check(z.gte(1)),
  notBefore: z.iso.datetime(),
});

export const handler = async (event: SQSEvent): Promise<SQSBatchResponse> => {
  const results = await Promise.allSettled(
    event.Records.map(async (record) => {
      const message = z.parse(MessageSchema, JSON.parse(record.body));
      const redelivered = Number(record.attributes.ApproximateReceiveCount) > 1;
      const result = await attemptDelivery(webhookDeliveryDeps(), message, clock().now(), redelivered);
      logger.info('Delivery attempt', { deliveryId: message.deliveryId, attempt: message.attempt, result });
      return result;
    }),
  );
  for (const result of results) {
    if (result.status !== 'fulfilled') continue;
    if (['DELIVERED', 'RETRY_QUEUED', 'FAILED'].includes(result.value))
      countMetric(BusinessMetric.WEBHOOK_ATTEMPTS);
    if (['RETRY_QUEUED', 'FAILED'].includes(result.value))
      countMetric(BusinessMetric.WEBHOOK_ATTEMPTS_FAILED);
    if (result.value === 'FAILED') countMetric(BusinessMetric.WEBHOOK_DELIVERIES_FAILED);
  }
  flushMetrics();
  const batchItemFailures = results.flatMap((result, index) => {
    if (result.status === 'fulfilled') return [];
    logger.error('Delivery attempt crashed', { error: result.reason });
    return [{ itemIdentifier: event.Records[index]?.messageId ?? '' }];
  });
  return { batchItemFailures };
};
