import { join } from 'node:path';
import { Stack, Validations } from 'aws-cdk-lib';
import type { Alarm } from 'aws-cdk-lib/aws-cloudwatch';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { DefinitionBody, LogLevel, StateMachine, StateMachineType } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { EnvName } from '../functions/config';
import {
  PurchaseTask,
  purchaseTaskList,
  purchaseWorkflowDefinition,
  TaskNeed,
} from '../functions/workflow/definition';
import { ALARM_PERIOD, alarmOnAnyToOps } from './alarms';
import type { DataTable } from './data-table';
import { HandlerFunction } from './lambda-defaults';
import { grantNeeds, NEED_EFFECTS, needsEnvironment } from './needs';
import type { OpsTopic } from './ops-topic';

/** What the task functions may be granted. */
export interface TaskResources {
  readonly table: DataTable;
  /** The sender address of the renewal email. */
  readonly emailFrom: string;
  readonly opsTopic: OpsTopic;
}

export type PurchaseWorkflowProps = TaskResources;

/**
 * The effects of the needs a task may declare: the one grant table's ({@link NEED_EFFECTS}), as for routes.
 * Every task reads and writes the table; no task gets the token secret (activation codes are stored as
 * plain SHA-256, see `functions/domain/activation-code.ts`).
 */
export const TASK_NEEDS = {
  [TaskNeed.SEND_EMAIL]: NEED_EFFECTS[TaskNeed.SEND_EMAIL],
  [TaskNeed.NOTIFY_OPS]: NEED_EFFECTS[TaskNeed.NOTIFY_OPS],
} satisfies Record<TaskNeed, unknown>;

/** `${Task}`: where the definition substitutions put each task's function ARN. */
const placeholder = (task: PurchaseTask): string => `\${${task}}`;

/**
 * The purchase workflow (PRODUCT.md §3): one Lambda function per Task state of the task table, with the
 * same bundling and defaults as the API's, and a Standard state machine whose definition is
 * `purchaseWorkflowDefinition` itself, the one `npm start` runs locally: CDK only substitutes each task's
 * function ARN (`DefinitionSubstitutions`), so the deployed ASL and the local one cannot drift apart.
 * Logging (every event, no execution data: an order's state holds identifiers only, but its history is
 * kept out of the logs all the same), X-Ray tracing, and alarms to operations when an execution fails or
 * times out.
 */
export class PurchaseWorkflow extends Construct {
  public readonly stateMachine: StateMachine;
  /** Each task's function, by task (state) name. */
  public readonly functions: ReadonlyMap<PurchaseTask, HandlerFunction>;
  public readonly logGroup: LogGroup;
  public readonly failedAlarm: Alarm;
  public readonly timedOutAlarm: Alarm;

  public constructor(scope: Construct, id: string, props: PurchaseWorkflowProps) {
    super(scope, id);
    const functions = new Map<PurchaseTask, HandlerFunction>();
    for (const task of purchaseTaskList()) {
      const handler = new HandlerFunction(this, task.name, {
        entry: join(__dirname, '..', 'functions', 'tasks', `${task.handler}.ts`),
        description: `Purchase workflow task ${task.name}: ${task.summary}`.slice(0, 256),
        memoryMb: task.memoryMb,
        environment: {
          [EnvName.TABLE_NAME]: props.table.table.tableName,
          ...needsEnvironment(task.needs, props),
        },
      });
      props.table.grantReadWrite(handler.role);
      grantNeeds(handler, handler.role, task.needs, props);
      functions.set(task.name, handler);
    }
    this.functions = functions;
    const functionOf = (task: PurchaseTask): HandlerFunction => {
      const handler = functions.get(task);
      if (!handler) throw new Error(`The task table has no ${task}`);
      return handler;
    };
    const tasks = Object.values(PurchaseTask);

    this.logGroup = new LogGroup(this, 'Logs', {
      // The /aws/vendedlogs/ prefix keeps Step Functions from growing the account's log resource policy.
      logGroupName: `/aws/vendedlogs/states/${Stack.of(this).stackName}-purchase`,
      retention: RetentionDays.THREE_MONTHS,
    });
    const definition = purchaseWorkflowDefinition(
      Object.fromEntries(tasks.map((task) => [task, placeholder(task)])) as Record<PurchaseTask, string>,
    );
    // The execution timeout is the definition's own `TimeoutSeconds` (with a definition given as a string,
    // CDK ignores StateMachine's `timeout`); without one the ExecutionsTimedOut alarm could never fire.
    const timeoutSeconds: number = definition.TimeoutSeconds;
    this.stateMachine = new StateMachine(this, 'StateMachine', {
      stateMachineType: StateMachineType.STANDARD,
      comment: 'Renewal Hub purchase workflow',
      definitionBody: DefinitionBody.fromString(JSON.stringify(definition)),
      definitionSubstitutions: Object.fromEntries(
        tasks.map((task) => [task, functionOf(task).function.functionArn]),
      ),
      logs: { destination: this.logGroup, level: LogLevel.ALL, includeExecutionData: false },
      tracingEnabled: true,
    });
    // The definition invokes the unqualified ARNs: no version or alias (`:*`) is needed, nor granted.
    this.stateMachine.addToRolePolicy(
      new PolicyStatement({
        actions: ['lambda:InvokeFunction'],
        resources: tasks.map((task) => functionOf(task).function.functionArn),
      }),
    );
    Validations.of(this.stateMachine.role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'Added by CDK for the logging and tracing cdk-nag asks for: CloudWatch Logs vended-log delivery ' +
        '(logs:CreateLogDelivery, logs:GetLogDelivery, logs:UpdateLogDelivery, logs:DeleteLogDelivery, ' +
        'logs:ListLogDeliveries, logs:PutResourcePolicy, logs:DescribeResourcePolicies, ' +
        'logs:DescribeLogGroups) and X-Ray (xray:PutTraceSegments, xray:PutTelemetryRecords, ' +
        'xray:GetSamplingRules, xray:GetSamplingTargets) have no resource-level permissions.',
    });

    this.failedAlarm = alarmOnAnyToOps(this, 'ExecutionsFailedAlarm', {
      metric: this.stateMachine.metricFailed({ period: ALARM_PERIOD, statistic: 'Sum' }),
      description:
        'A purchase workflow execution failed: a paid order could not be completed. The order is kept ' +
        '(its checkout shows FAILED with a reason); fix the cause, then replay the order.',
      ops: props.opsTopic,
    });
    this.timedOutAlarm = alarmOnAnyToOps(this, 'ExecutionsTimedOutAlarm', {
      metric: this.stateMachine.metricTimedOut({ period: ALARM_PERIOD, statistic: 'Sum' }),
      description:
        `A purchase workflow execution ran longer than its ${timeoutSeconds / 60}-minute TimeoutSeconds ` +
        'and was stopped: a paid order may be left PAID but not renewed. Look at the execution, then replay ' +
        'the order.',
      ops: props.opsTopic,
    });
  }
}
