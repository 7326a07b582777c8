import { existsSync } from 'node:fs';
import { join } from 'node:path';
import validateAsl from 'asl-validator';
import {
  PurchaseTask,
  purchaseTaskList,
  purchaseWorkflowDefinition,
  RETRYABLE_ERRORS,
} from '../../functions/workflow/definition';

const arn = (task: string) => `arn:aws:lambda:eu-central-1:123456789012:function:renewal-hub-${task}`;
const resources = Object.fromEntries(Object.values(PurchaseTask).map((task) => [task, arn(task)])) as Record<
  PurchaseTask,
  string
>;
const definition = purchaseWorkflowDefinition(resources);
const states = definition.States as Record<string, Record<string, unknown>>;
const taskStates = Object.entries(states).filter(([, state]) => state.Type === 'Task');

describe('the purchase workflow definition', () => {
  it('is valid Amazon States Language, ARNs and paths included', () => {
    // The validator annotates what it is given; it gets a copy.
    const result = validateAsl(structuredClone(definition), { checkArn: true, checkPaths: true });

    expect(result.errorsText()).toBe('');
    expect(result.isValid).toBe(true);
  });

  it('is checked for real: a dangling transition is refused', () => {
    const broken = structuredClone(definition) as { States: Record<string, Record<string, unknown>> };
    (broken.States[PurchaseTask.FULFIL] as Record<string, unknown>).Next = 'Nowhere';

    expect(validateAsl(broken).isValid).toBe(false);
  });

  it('has one Task state per task of the task table, each with its function as the resource', () => {
    expect(taskStates.map(([name]) => name).sort()).toEqual(Object.values(PurchaseTask).sort());
    for (const [name, state] of taskStates) expect(state.Resource).toBe(arn(name));
  });

  it.each(taskStates)('retries transient errors of %s with back-off', (_, state) => {
    expect(state.Retry).toEqual([
      expect.objectContaining({ ErrorEquals: [...RETRYABLE_ERRORS], IntervalSeconds: 2, BackoffRate: 2 }),
    ]);
    const [retrier] = state.Retry as Array<{ ErrorEquals: string[]; MaxAttempts: number }>;
    expect(retrier?.MaxAttempts).toBeGreaterThanOrEqual(4);
    expect(retrier?.MaxAttempts).toBeLessThanOrEqual(5);
    expect(retrier?.ErrorEquals).toEqual(
      expect.arrayContaining([
        'Lambda.ServiceException',
        'Lambda.AWSLambdaException',
        'Lambda.SdkClientException',
        'Lambda.TooManyRequestsException',
        'TransientError',
      ]),
    );
  });

  it.each(taskStates)('catches every error of %s and records the failure', (name, state) => {
    expect(state.Catch).toEqual([
      name === PurchaseTask.SYNC_LIST_ENTRIES
        ? { ErrorEquals: ['States.ALL'], ResultPath: '$.listSyncFailure', Next: PurchaseTask.SEND_EMAIL }
        : {
            ErrorEquals: ['States.ALL'],
            ResultPath: '$.failure',
            Next: name === PurchaseTask.MARK_FAILED ? 'PurchaseFailed' : PurchaseTask.MARK_FAILED,
          },
    ]);
  });

  it('ends a caught failure in a Fail state, so the execution counts as failed for the alarm', () => {
    expect(states[PurchaseTask.MARK_FAILED]?.Next).toBe('PurchaseFailed');
    expect(states.PurchaseFailed).toMatchObject({ Type: 'Fail', Error: 'PurchaseFailed' });
  });

  it('never marks a renewed order FAILED for its lists: a sync that keeps failing still emails, then fails', () => {
    expect(states.ListsSynced).toEqual({
      Type: 'Choice',
      Choices: [{ Variable: '$.listSyncFailure', IsPresent: true, Next: 'ListsNotSynced' }],
      Default: 'Renewed',
      OutputPath: '$.email',
    });
    expect(states.ListsNotSynced).toMatchObject({ Type: 'Fail', Error: 'ListsNotSynced' });
  });

  it('fulfils only on an explicit VALID outcome; anything else goes to review', () => {
    expect(states.IsValid).toEqual({
      Type: 'Choice',
      Choices: [{ Variable: '$.outcome', StringEquals: 'VALID', Next: PurchaseTask.FULFIL }],
      Default: PurchaseTask.MARK_NEEDS_REVIEW,
    });
  });

  it('takes 7 state transitions for a renewal: $0.175 per 1,000 renewals at $0.025 per 1,000 transitions', () => {
    const visited: string[] = [];
    let name: string | undefined = definition.StartAt;
    while (name) {
      visited.push(name);
      const state: Record<string, unknown> | undefined = states[name];
      // The happy path: IsValid's VALID choice, and ListsSynced's default.
      name =
        state?.Type === 'Choice'
          ? (state.Choices as Array<{ Next: string }>)[0]?.Next === PurchaseTask.FULFIL
            ? PurchaseTask.FULFIL
            : (state.Default as string)
          : (state?.Next as string | undefined);
    }

    expect(visited).toEqual([
      'LoadAndValidate',
      'IsValid',
      'Fulfil',
      'SyncListEntries',
      'SendEmail',
      'ListsSynced',
      'Renewed',
    ]);
    const transitionsPer1000Renewals = visited.length * 1000;
    expect((transitionsPer1000Renewals / 1000) * 0.025).toBeCloseTo(0.175);
  });
});

describe('the task table', () => {
  it.each(purchaseTaskList())('points $name at an existing handler module', ({ handler }) => {
    expect(existsSync(join(__dirname, '../../functions/tasks', `${handler}.ts`))).toBe(true);
  });

  it('lets only the tasks that send email or tell operations do so', () => {
    expect(Object.fromEntries(purchaseTaskList().map((task) => [task.name, task.needs]))).toEqual({
      LoadAndValidate: [],
      MarkNeedsReview: ['NOTIFY_OPS'],
      Fulfil: [],
      SyncListEntries: [],
      SendEmail: ['SEND_EMAIL'],
      MarkFailed: ['NOTIFY_OPS'],
    });
  });
});
