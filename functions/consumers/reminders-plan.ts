/**
 * The reminder job's start (EventBridge Scheduler, daily): queues one share per expiry partition the run
 * must read, all as of the schedule's instant, for the share function (reminders-share.ts). The instant
 * comes from the schedule, so a retried invocation queues the same shares, and they send nothing twice.
 */
import * as z from 'zod/mini';
import { logger } from '../logger';
import { reminderTasksAt } from '../use-cases/renewal-reminders';
import { clock, config, reminderStore, reminderTaskQueue } from '../wiring';

/** The schedule's input: `{"at": "<aws.scheduler.scheduled-time>"}`; without `at`, now. */
const EventSchema = z.object({ at: z.optional(z.iso.datetime({ offset: true })) });

export const handler = async (event: unknown): Promise<{ at: string; tasks: number }> => {
  const { at } = z.parse(EventSchema, event ?? {});
  const instant = at ? new Date(at) : clock().now();
  const tasks = reminderTasksAt(
    { reminders: reminderStore(), lookbackDays: config().reminderLookbackDays },
    instant,
  );
  await reminderTaskQueue().send(tasks);
  logger.info('Reminder run queued', { at: instant.toISOString(), tasks: tasks.length });
  return { at: instant.toISOString(), tasks: tasks.length };
};
