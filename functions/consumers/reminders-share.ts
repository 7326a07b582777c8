/**
 * The reminder job's worker: one queued share (an expiry partition) at a time, page by page. When its
 * invocation is nearly out of time it queues the rest as a new share and stops, so a day of any size is
 * reminded however long it takes. A share with a failed email is reported as failed: SQS gives it again
 * after its visibility timeout (longer than a reminder's lease, so the retry takes the reminder over and
 * emails only whom it missed), and after five times, to the dead-letter queue.
 */
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import * as z from 'zod/mini';
import { logger } from '../logger';
import { BusinessMetric } from '../metric-names';
import { countMetric, flushMetrics } from '../metrics';
import { reminderRunCache, runReminderTask } from '../use-cases/renewal-reminders';
import { reminderDeps, reminderTaskQueue } from '../wiring';

const MessageSchema = z.strictObject({
  at: z.iso.datetime({ offset: true }),
  partition: z.string().check(z.minLength(1)),
  cursor: z.optional(z.string()),
});

/**
 * No reminder is started with less than this left of the invocation: one license's emails must fit in it
 * (at 5 a second, 450 administrators). One that does not is finished by the retry, after its lease.
 */
export const STOP_BEFORE_END_MS = 90_000;

export const handler = async (event: SQSEvent, context: Pick<Context, 'getRemainingTimeInMillis'>) => {
  const deps = await reminderDeps();
  const cache = reminderRunCache(deps);
  const hasTimeLeft = () => context.getRemainingTimeInMillis() > STOP_BEFORE_END_MS;
  const batchItemFailures: SQSBatchResponse['batchItemFailures'] = [];
  for (const record of event.Records) {
    try {
      const task = z.parse(MessageSchema, JSON.parse(record.body));
      const { report, next } = await runReminderTask(deps, task, cache, hasTimeLeft);
      if (next) await reminderTaskQueue().send([next]);
      countMetric(BusinessMetric.REMINDER_EMAILS_SENT, report.sent);
      countMetric(BusinessMetric.REMINDER_EMAILS_FAILED, report.failed);
      logger.info('Reminder share run', {
        at: task.at,
        partition: task.partition,
        ...report,
        continued: !!next,
      });
      if (report.failed > 0) batchItemFailures.push({ itemIdentifier: record.messageId });
    } catch (error) {
      logger.error('Reminder share crashed', { messageId: record.messageId, error });
      batchItemFailures.push({ itemIdentifier: record.messageId });
    }
  }
  flushMetrics();
  return { batchItemFailures } satisfies SQSBatchResponse;
};
