/**
 * The frame of every purchase task's Lambda handler: checks the input Step Functions passes, runs the
 * step, logs its outcome with identifiers only (with the Lambda context, and the order id as
 * correlation id), counts it (`task-metrics.ts`), flushes the invocation's metrics, and reports errors
 * under the names the definition's Retry and Catch rules match (see `transient-error.ts`).
 */
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import * as z from 'zod/mini';
import { logger } from '../logger';
import { countMetric, flushMetrics } from '../metrics';
import type { StepResult } from '../use-cases/purchase-steps';
import type { PurchaseTask } from './definition';
import { outcomeMetric } from './task-metrics';
import { toTaskError } from './transient-error';

/** The input did not have the shape the definition's Parameters give this task. */
export class TaskInputError extends Error {
  public override readonly name = 'TaskInputError';

  public constructor(task: PurchaseTask, options: { cause: unknown }) {
    super(`${task} was given an input it does not accept`, options);
  }
}

/** A task handler: Step Functions' input in, the step's result out. */
export type TaskHandler = (event: unknown, context: Context) => Promise<StepResult>;

/** Every task's input carries the order id: the correlation id of its log lines. */
const ORDER_ID_PATH = 'orderId';

/** Flushes the invocation's metrics whether the step succeeded or threw. */
const metricsFlush = (): middy.MiddlewareObj => ({ after: flushMetrics, onError: flushMetrics });

export const taskHandler = <TInput extends { orderId: string }>(
  task: PurchaseTask,
  schema: z.ZodMiniType<TInput>,
  run: (input: TInput) => Promise<StepResult>,
): TaskHandler => {
  const handle = async (event: unknown): Promise<StepResult> => {
    const parsed = schema.safeParse(event);
    if (!parsed.success) throw new TaskInputError(task, { cause: parsed.error });
    const { orderId } = parsed.data;
    try {
      const result = await run(parsed.data);
      logger.info('Purchase step done', { task, orderId, outcome: result.outcome, reason: result.reason });
      const metric = outcomeMetric(task, result.outcome);
      if (metric) countMetric(metric);
      return result;
    } catch (error) {
      const reported = toTaskError(error);
      // Name and message only: a cause (an SDK or SES error) may quote an address.
      logger.warn('Purchase step failed', {
        task,
        orderId,
        error: reported.name,
        detail: reported.message,
        cause: reported.cause instanceof Error ? reported.cause.name : undefined,
      });
      throw reported;
    }
  };
  // No early timeout: a step that runs out of time must end as Lambda's Sandbox.Timedout, which the
  // definition retries, not as middy's own TimeoutError, which it does not.
  return middy<unknown, StepResult>({ timeoutEarlyInMillis: 0 })
    .use(injectLambdaContext(logger, { correlationIdPath: ORDER_ID_PATH, resetKeys: true }))
    .use(metricsFlush())
    .handler(handle) as unknown as TaskHandler;
};

const id = z.string().check(z.minLength(1), z.maxLength(256));

/** `{orderId}`: LoadAndValidate, Fulfil and SendEmail. */
export const orderRefSchema = z.object({ orderId: id });
/** `{orderId, reason}`: MarkNeedsReview. */
export const reviewInputSchema = z.object({ orderId: id, reason: z.string().check(z.maxLength(512)) });
/** `{orderId, error}`: MarkFailed. */
export const failureInputSchema = z.object({ orderId: id, error: z.string().check(z.maxLength(512)) });
