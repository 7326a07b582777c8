/**
 * The purchase workflow (PRODUCT.md §3): the one Amazon States Language definition. CDK deploys it with
 * the Lambda ARNs of the task functions; `npm start` and the tests run it in-process with
 * aws-local-stepfunctions, mapping each Task state to the same handler module. So what runs locally is
 * what is deployed.
 *
 * LoadAndValidate → IsValid → Fulfil → SyncListEntries → SendEmail → ListsSynced → Renewed, or
 * → MarkNeedsReview → NeedsReview when the payment does not match its checkout. A task that keeps failing is caught by MarkFailed → PurchaseFailed.
 * Every task is idempotent, so a retry, or a replay of the whole order, never renews twice.
 */

import { Need } from '../needs';
import { TRANSIENT_ERROR } from '../use-cases/errors';
import { StepOutcome } from '../use-cases/purchase-steps';

/** The Task states; each name is also the state's name in the definition. */
export const PurchaseTask = {
  LOAD_AND_VALIDATE: 'LoadAndValidate',
  MARK_NEEDS_REVIEW: 'MarkNeedsReview',
  FULFIL: 'Fulfil',
  SEND_EMAIL: 'SendEmail',
  SYNC_LIST_ENTRIES: 'SyncListEntries',
  MARK_FAILED: 'MarkFailed',
} as const;
export type PurchaseTask = (typeof PurchaseTask)[keyof typeof PurchaseTask];

/**
 * The {@link Need}s a task function may have besides reading and writing the table (every task does): the
 * workflow has no token secret, webhook secret or state machine to give a task.
 */
export const TaskNeed = { SEND_EMAIL: Need.SEND_EMAIL, NOTIFY_OPS: Need.NOTIFY_OPS } as const;
export type TaskNeed = (typeof TaskNeed)[keyof typeof TaskNeed];

export interface TaskDefinition {
  /** The handler module `functions/tasks/<handler>.ts`; it exports `handler`. */
  readonly handler: string;
  readonly memoryMb: number;
  readonly needs: readonly TaskNeed[];
  readonly summary: string;
}

/** The task table: CDK builds one function per entry from it, and the local run loads the same modules. */
export const purchaseTasks = {
  [PurchaseTask.LOAD_AND_VALIDATE]: {
    handler: 'load-and-validate',
    memoryMb: 256,
    needs: [],
    summary: 'Check the paid order against its checkout; claim the checkout (PAID) on a match',
  },
  [PurchaseTask.MARK_NEEDS_REVIEW]: {
    handler: 'mark-needs-review',
    memoryMb: 256,
    needs: [TaskNeed.NOTIFY_OPS],
    summary: 'Record a mismatched payment as NEEDS_REVIEW and tell operations',
  },
  [PurchaseTask.FULFIL]: {
    handler: 'fulfil',
    memoryMb: 256,
    needs: [],
    summary: 'Renew the license and issue its new activation code, in one transaction, once per order',
  },
  [PurchaseTask.SEND_EMAIL]: {
    handler: 'send-email',
    memoryMb: 256,
    needs: [TaskNeed.SEND_EMAIL],
    summary: 'Email the new activation code to the administrator who paid, then forget it',
  },
  [PurchaseTask.SYNC_LIST_ENTRIES]: {
    handler: 'sync-list-entries',
    memoryMb: 256,
    needs: [],
    summary: "Rewrite every administrator's list entry of the renewed license from its current state",
  },
  [PurchaseTask.MARK_FAILED]: {
    handler: 'mark-failed',
    memoryMb: 256,
    needs: [TaskNeed.NOTIFY_OPS],
    summary: 'Record that completing the order failed (it is kept for a replay) and tell operations',
  },
} as const satisfies Record<PurchaseTask, TaskDefinition>;

/** All tasks as a list, for the builders. */
export const purchaseTaskList = (): Array<TaskDefinition & { name: PurchaseTask }> =>
  (Object.keys(purchaseTasks) as PurchaseTask[]).map((name) => ({ name, ...purchaseTasks[name] }));

/**
 * Errors that may go away on a retry: the Lambda service's own (throttled, unavailable), a function or
 * state that timed out, and {@link TRANSIENT_ERROR}, which task code throws for throttling, 5xx and SES
 * refusals. A task's other errors are not retried: they would fail the same way again.
 */
export const RETRYABLE_ERRORS = [
  'Lambda.ServiceException',
  'Lambda.AWSLambdaException',
  'Lambda.SdkClientException',
  'Lambda.TooManyRequestsException',
  'Sandbox.Timedout',
  'States.Timeout',
  TRANSIENT_ERROR,
] as const;

/** Back-off of every task: 2, 4, 8, 16 s (full jitter, so throttled runs do not retry in step). */
export const TASK_RETRY = {
  ErrorEquals: [...RETRYABLE_ERRORS],
  IntervalSeconds: 2,
  BackoffRate: 2,
  MaxAttempts: 4,
  JitterStrategy: 'FULL',
} as const;

/** A task gives up waiting for its function after this; the function's own timeout is shorter. */
const TASK_TIMEOUT_SECONDS = 60;

/**
 * The whole execution's limit. The longest legitimate run, every task on the path to MarkFailed using
 * all 5 attempts at the full task timeout plus the back-off (4 × (5 × 60 s + 30 s) = 22 min), fits well
 * inside it. A stuck execution stops here instead of running for a year, and its timeout is alarmed
 * (MarkFailed does not run for a timed-out execution).
 */
const EXECUTION_TIMEOUT_SECONDS = 3600;

/** Where a caught error goes in the state: MarkFailed reads its name from there. */
const FAILURE_PATH = '$.failure';
/** Where a list sync that kept failing is noted, so the run can end failed after the email. */
const LIST_SYNC_FAILURE_PATH = '$.listSyncFailure';
/** Where the email step's result is kept, beside the order id. */
const EMAIL_RESULT_PATH = '$.email';

/** States that are not tasks. */
const State = {
  IS_VALID: 'IsValid',
  NEEDS_REVIEW: 'NeedsReview',
  RENEWED: 'Renewed',
  PURCHASE_FAILED: 'PurchaseFailed',
  LISTS_SYNCED: 'ListsSynced',
  LISTS_NOT_SYNCED: 'ListsNotSynced',
} as const;

const task = (
  resources: Record<PurchaseTask, string>,
  name: PurchaseTask,
  parameters: Record<string, string>,
  next: string,
  onError: string = PurchaseTask.MARK_FAILED,
) => ({
  Type: 'Task' as const,
  Comment: purchaseTasks[name].summary,
  Resource: resources[name],
  // Each task gets exactly its input contract, whatever else the state holds.
  Parameters: parameters,
  TimeoutSeconds: TASK_TIMEOUT_SECONDS,
  Retry: [TASK_RETRY],
  Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: FAILURE_PATH, Next: onError }],
  Next: next,
});

const ORDER_ID = { 'orderId.$': '$.orderId' };

/**
 * The definition, with each task's `Resource` taken from `resources` (Lambda function ARNs in AWS;
 * placeholders locally, where the states are mapped to the handler modules instead).
 */
export const purchaseWorkflowDefinition = (resources: Record<PurchaseTask, string>) => ({
  Comment: 'Renewal purchase: validate the paid order, renew the license once, email the new activation code',
  TimeoutSeconds: EXECUTION_TIMEOUT_SECONDS,
  StartAt: PurchaseTask.LOAD_AND_VALIDATE,
  States: {
    [PurchaseTask.LOAD_AND_VALIDATE]: task(
      resources,
      PurchaseTask.LOAD_AND_VALIDATE,
      ORDER_ID,
      State.IS_VALID,
    ),
    [State.IS_VALID]: {
      Type: 'Choice' as const,
      Choices: [{ Variable: '$.outcome', StringEquals: StepOutcome.VALID, Next: PurchaseTask.FULFIL }],
      // Anything but an explicit match goes to a person: a payment is never fulfilled by default.
      Default: PurchaseTask.MARK_NEEDS_REVIEW,
    },
    [PurchaseTask.MARK_NEEDS_REVIEW]: task(
      resources,
      PurchaseTask.MARK_NEEDS_REVIEW,
      { ...ORDER_ID, 'reason.$': '$.reason' },
      State.NEEDS_REVIEW,
    ),
    [State.NEEDS_REVIEW]: { Type: 'Succeed' as const, Comment: 'Recorded for review; operations were told' },
    [PurchaseTask.FULFIL]: task(resources, PurchaseTask.FULFIL, ORDER_ID, PurchaseTask.SYNC_LIST_ENTRIES),
    // Before the email, so every administrator's list shows the new expiry within seconds of COMPLETED even
    // when SES is slow or refuses. A sync that keeps failing still lets the email go: the renewal is
    // committed, so it must not reach MarkFailed; the execution ends failed (alarmed) and a replay redoes it.
    [PurchaseTask.SYNC_LIST_ENTRIES]: {
      ...task(resources, PurchaseTask.SYNC_LIST_ENTRIES, ORDER_ID, PurchaseTask.SEND_EMAIL),
      ResultPath: null,
      Catch: [
        { ErrorEquals: ['States.ALL'], ResultPath: LIST_SYNC_FAILURE_PATH, Next: PurchaseTask.SEND_EMAIL },
      ],
    },
    [PurchaseTask.SEND_EMAIL]: {
      ...task(resources, PurchaseTask.SEND_EMAIL, ORDER_ID, State.LISTS_SYNCED),
      ResultPath: EMAIL_RESULT_PATH,
    },
    [State.LISTS_SYNCED]: {
      Type: 'Choice' as const,
      Choices: [{ Variable: LIST_SYNC_FAILURE_PATH, IsPresent: true, Next: State.LISTS_NOT_SYNCED }],
      Default: State.RENEWED,
      // The execution's output is the email's outcome (the rules above still see the whole state).
      OutputPath: EMAIL_RESULT_PATH,
    },
    [State.LISTS_NOT_SYNCED]: {
      Type: 'Fail' as const,
      Error: 'ListsNotSynced',
      Cause:
        "The renewal is applied and emailed; the administrators' lists are not updated yet. Replay the order.",
    },
    [State.RENEWED]: { Type: 'Succeed' as const },
    [PurchaseTask.MARK_FAILED]: task(
      resources,
      PurchaseTask.MARK_FAILED,
      { ...ORDER_ID, 'error.$': `${FAILURE_PATH}.Error` },
      State.PURCHASE_FAILED,
      // Nowhere else to go: the execution fails, which is what the alarm watches.
      State.PURCHASE_FAILED,
    ),
    [State.PURCHASE_FAILED]: {
      Type: 'Fail' as const,
      Error: 'PurchaseFailed',
      Cause: 'Completing the paid order failed. The order is kept for a replay; see its statusReason.',
    },
  },
});
