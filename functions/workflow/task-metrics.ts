import { BusinessMetric } from '../metric-names';
import { StepOutcome } from '../use-cases/purchase-steps';
import { PurchaseTask } from './definition';

/**
 * The count a task's outcome adds, if any. Scoped to the task that records the outcome: LoadAndValidate's
 * NEEDS_REVIEW only routes the order, MarkNeedsReview's is the record (and a replay's ALREADY_FULFILLED
 * counts nothing). Revenue, which needs the amount paid, is counted by the Fulfil task from what the use case hands it.
 */
export const outcomeMetric = (task: PurchaseTask, outcome: StepOutcome): BusinessMetric | undefined => {
  if (task === PurchaseTask.FULFIL && outcome === StepOutcome.FULFILLED) {
    return BusinessMetric.RENEWALS_COMPLETED;
  }
  if (task === PurchaseTask.MARK_NEEDS_REVIEW && outcome === StepOutcome.NEEDS_REVIEW) {
    return BusinessMetric.ORDERS_NEEDS_REVIEW;
  }
  if (task === PurchaseTask.MARK_FAILED && outcome === StepOutcome.FAILED)
    return BusinessMetric.ORDERS_FAILED;
  return undefined;
};
