/**
 * What the purchase workflow's tasks pass each other through Step Functions. Only identifiers and
 * outcome codes: the state and its history are a log, so no activation code, email address or amount
 * ever travels through them (the tasks read those from the table).
 */

/** What a task did. The choice after validation fulfils only on {@link StepOutcome.VALID}. */
export const StepOutcome = {
  /** The order matches its checkout, which is now PAID by it (or an earlier run already fulfilled it). */
  VALID: 'VALID',
  /** Something did not match; the order goes to review. */
  NEEDS_REVIEW: 'NEEDS_REVIEW',
  FULFILLED: 'FULFILLED',
  /** A retry or a replay: this order's renewal was applied before, nothing changed now. */
  ALREADY_FULFILLED: 'ALREADY_FULFILLED',
  EMAILED: 'EMAILED',
  ALREADY_EMAILED: 'ALREADY_EMAILED',
  /** Every administrator's list entry of the renewed license shows its current expiry. */
  LISTS_SYNCED: 'LISTS_SYNCED',
  FAILED: 'FAILED',
} as const;
export type StepOutcome = (typeof StepOutcome)[keyof typeof StepOutcome];

/** The execution's input, and what most tasks take. */
export interface OrderRef {
  orderId: string;
}

/** MarkNeedsReview's input: the reason codes validation found. */
export interface ReviewInput extends OrderRef {
  reason: string;
}

/** MarkFailed's input: the name of the error that ended the step (never its message, which may quote data). */
export interface FailureInput extends OrderRef {
  error: string;
}

/** Every task's output. */
export interface StepResult extends OrderRef {
  outcome: StepOutcome;
  /** Reason codes, for review and failure. */
  reason?: string;
}
