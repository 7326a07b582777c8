/**
 * The purchase workflow in-process, for `npm start` and the tests: the real definition
 * (`functions/workflow/definition.ts`) run by aws-local-stepfunctions, each Task state mapped to the
 * same handler module the deployed Lambda function runs. Starts behave like Standard executions named
 * after the order: a second start for an order that is running or has run does nothing.
 */
// Must be loaded before aws-local-stepfunctions (see the module).
import '../workflow/promise-with-resolvers';
import { type RunOptions, StateMachine, type StateMachineDefinition } from 'aws-local-stepfunctions';
import type { PurchaseReplayer, PurchaseWorkflow } from '../ports/purchase-workflow';
import { PurchaseTask, purchaseTasks, purchaseWorkflowDefinition } from '../workflow/definition';
import type { TaskHandler } from '../workflow/task-handler';
import { lambdaContext } from './lambda-event';

export interface LocalPurchaseWorkflowOptions {
  /**
   * Wait before every retry, in milliseconds, instead of the definition's back-off (2 s, 4 s, 8 s, 16 s
   * with jitter). Tests use 0.
   */
  retryIntervalMs?: number;
  /** One line per finished execution. */
  log?: (line: string) => void;
}

/** How an execution ended. */
export interface ExecutionResult {
  status: 'SUCCEEDED' | 'FAILED';
  /** The last state's output (identifiers and outcome codes only). */
  output?: unknown;
  /** The error that failed the execution, e.g. `PurchaseFailed`. */
  error?: string;
}

/** One run of the workflow for an order. */
export interface LocalExecution {
  orderId: string;
  /** The states entered, in order: each is one state transition, as Step Functions bills them. */
  readonly states: string[];
  /** Retries of failed task attempts (each is one more transition). */
  retries: number;
  /** Settles when the execution ends; never rejects. */
  result: Promise<ExecutionResult>;
  /** Set once the execution has ended. */
  outcome?: ExecutionResult;
}

/** Task resources for the local run: well-formed ARNs the definition validates; never called. */
const localResources = Object.fromEntries(
  Object.values(PurchaseTask).map((task) => [
    task,
    `arn:aws:lambda:us-east-1:000000000000:function:local-${task}`,
  ]),
) as Record<PurchaseTask, string>;

/** Runs the purchase workflow in this process; see the module comment. */
export class LocalPurchaseWorkflow implements PurchaseWorkflow, PurchaseReplayer {
  private readonly machine = new StateMachine(
    purchaseWorkflowDefinition(localResources) as unknown as StateMachineDefinition,
  );
  private readonly executions = new Map<string, LocalExecution>();
  private readonly handlers = new Map<PurchaseTask, Promise<TaskHandler>>();

  public constructor(private readonly options: LocalPurchaseWorkflowOptions = {}) {}

  /** Starts the workflow for an order and returns at once, like StartExecution. */
  public async start(orderId: string): Promise<void> {
    if (this.executions.has(orderId)) return;
    this.executions.set(orderId, this.run(orderId));
  }

  /** Starts a replay of an order as its own execution, like Step Functions' `<name>-replay-<n>`. */
  public async replay(orderId: string, failure: number): Promise<boolean> {
    const key = `${orderId}#replay-${failure}`;
    if (this.executions.has(key)) return false;
    this.executions.set(key, this.run(orderId));
    return true;
  }

  /** The execution of a replay, if one was started. */
  public replayExecution(orderId: string, failure: number): LocalExecution | undefined {
    return this.executions.get(`${orderId}#replay-${failure}`);
  }

  /** The execution for an order, if one was started. */
  public execution(orderId: string): LocalExecution | undefined {
    return this.executions.get(orderId);
  }

  /** Resolves once no execution is running, including ones started while waiting. */
  public async whenIdle(): Promise<void> {
    for (;;) {
      const running = [...this.executions.values()].filter((execution) => !execution.outcome);
      if (running.length === 0) return;
      await Promise.all(running.map((execution) => execution.result));
    }
  }

  private run(orderId: string): LocalExecution {
    const run = this.machine.run({ orderId }, { overrides: this.overrides() });
    const execution = { orderId, states: [], retries: 0 };
    return Object.assign(execution, { result: this.follow(execution, run.eventLogs, run.result) });
  }

  /** Every Task state runs its handler module, with a Lambda context as AWS gives one; retries wait as configured. */
  private overrides(): RunOptions['overrides'] {
    const { retryIntervalMs } = this.options;
    const tasks = Object.values(PurchaseTask);
    const handlers = Object.fromEntries(
      tasks.map((task) => [
        task,
        async (input: unknown) =>
          (await this.handlerOf(task))(
            input,
            lambdaContext(`renewal-hub-local-${purchaseTasks[task].handler}`, purchaseTasks[task].memoryMb),
          ),
      ]),
    );
    return {
      // The handlers' results are plain JSON objects (StepResult), which the library's JSON type cannot see.
      taskResourceLocalHandlers: handlers as unknown as NonNullable<
        RunOptions['overrides']
      >['taskResourceLocalHandlers'],
      ...(retryIntervalMs === undefined
        ? {}
        : { retryIntervalOverrides: Object.fromEntries(tasks.map((task) => [task, retryIntervalMs])) }),
    };
  }

  /** Records the states entered and the outcome from the execution's event log. */
  private async follow(
    execution: Omit<LocalExecution, 'result'>,
    events: ReturnType<StateMachine['run']>['eventLogs'],
    result: Promise<unknown>,
  ): Promise<ExecutionResult> {
    // The event log ends with the execution; the result promise is awaited only to observe its rejection.
    const settled = result.then(
      () => undefined,
      () => undefined,
    );
    let ended: ExecutionResult | undefined;
    for await (const event of events) {
      if (event.type === 'StateEntered') execution.states.push(event.state.name);
      if (event.type === 'StateRetried') execution.retries++;
      if (event.type === 'ExecutionSucceeded') ended = { status: 'SUCCEEDED', output: event.output };
      if (event.type === 'ExecutionFailed') ended = { status: 'FAILED', error: event.Error };
      if (event.type === 'ExecutionTimeout' || event.type === 'ExecutionAborted') {
        ended = { status: 'FAILED', error: event.type };
      }
    }
    await settled;
    const outcome = ended ?? { status: 'FAILED', error: 'ExecutionEndedWithoutOutcome' };
    execution.outcome = outcome;
    this.options.log?.(
      `purchase workflow, order ${execution.orderId}: ${outcome.status}${outcome.error ? ` (${outcome.error})` : ''} ` +
        `after ${execution.states.join(' → ')}`,
    );
    return outcome;
  }

  /** The handler module of a task, loaded once: the same module CDK bundles into its function. */
  private handlerOf(task: PurchaseTask): Promise<TaskHandler> {
    let handler = this.handlers.get(task);
    if (!handler) {
      handler = import(`../tasks/${purchaseTasks[task].handler}`).then(
        (loaded: { handler: TaskHandler }) => loaded.handler,
      );
      this.handlers.set(task, handler);
    }
    return handler;
  }
}
