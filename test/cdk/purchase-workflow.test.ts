/**
 * Pins the deployed purchase workflow: its definition is `purchaseWorkflowDefinition` itself, the one the
 * local run executes, with only the task functions' ARNs substituted (the no-drift test); every task
 * retries and catches; logging, tracing and alarms are on; each task function may do what its needs say
 * and nothing more.
 */
import { EnvName } from '../../functions/config';
import {
  PurchaseTask,
  purchaseTaskList,
  purchaseTasks,
  purchaseWorkflowDefinition,
  RETRYABLE_ERRORS,
  TaskNeed,
} from '../../functions/workflow/definition';
import { TASK_NEEDS } from '../../lib/purchase-workflow';
import { actionsOf, allowedActions, arnOf, config, ref, type Statement, synthesize } from './synth';

// asl-validator ships no types: (definition, options?) => {isValid, errors}.
const validateAsl: (
  definition: unknown,
  options?: { checkPaths: boolean; checkArn: boolean },
) => { isValid: boolean; errors: unknown[] } = require('asl-validator');

const { resource, only, ofType, functionId, statementsOfFunction, statementsOfRole, template } = synthesize();

const [stateMachineId, stateMachine] = only('AWS::StepFunctions::StateMachine');
const tableId = only('AWS::DynamoDB::Table')[0];
const topicId = only('AWS::SNS::Topic')[0];
const keyId = only('AWS::KMS::Key')[0];
const tasks = Object.values(PurchaseTask);

/** Each task's function, found by its description. */
const taskFunctionId = (task: PurchaseTask): string =>
  functionId((description) => description.startsWith(`Purchase workflow task ${task}:`));

/** A deployed function's ARN as it would resolve: a real-looking ARN naming the logical id. */
const resolvedArn = (logicalId: string) => `arn:aws:lambda:eu-west-1:123456789012:function:${logicalId}`;

/**
 * The deployed definition as Step Functions sees it: `DefinitionSubstitutions` applied to
 * `DefinitionString`, each `Fn::GetAtt [fn, Arn]` resolved with {@link resolvedArn}.
 */
const deployedDefinition = () => {
  const substitutions: Record<string, { 'Fn::GetAtt': [string, 'Arn'] }> =
    stateMachine.Properties.DefinitionSubstitutions;
  const text: string = stateMachine.Properties.DefinitionString;
  expect(typeof text).toBe('string');
  const resolved = text.replace(/\$\{([A-Za-z0-9_]+)\}/g, (_, name: string) => {
    const target = substitutions[name];
    if (!target) throw new Error(`No substitution for \${${name}}`);
    return resolvedArn(target['Fn::GetAtt'][0]);
  });
  return JSON.parse(resolved);
};

describe('the purchase state machine', () => {
  it('deploys exactly purchaseWorkflowDefinition, with the task functions as resources (no drift)', () => {
    const arns = Object.fromEntries(tasks.map((task) => [task, resolvedArn(taskFunctionId(task))]));
    expect(deployedDefinition()).toEqual(purchaseWorkflowDefinition(arns as Record<PurchaseTask, string>));
  });

  it('substitutes exactly one function ARN per task, each task its own function', () => {
    expect(stateMachine.Properties.DefinitionSubstitutions).toEqual(
      Object.fromEntries(tasks.map((task) => [task, arnOf(taskFunctionId(task))])),
    );
    expect(new Set(tasks.map(taskFunctionId)).size).toBe(tasks.length);
  });

  it('is valid Amazon States Language', () => {
    const { isValid, errors } = validateAsl(deployedDefinition(), { checkPaths: true, checkArn: true });
    expect(errors).toEqual([]);
    expect(isValid).toBe(true);
  });

  it('retries transient errors with back-off and catches everything in every Task state', () => {
    const states = Object.entries<Record<string, unknown>>(deployedDefinition().States);
    const taskStates = states.filter(([, state]) => state.Type === 'Task');
    expect(taskStates.map(([name]) => name).sort()).toEqual([...tasks].sort());
    for (const [name, state] of taskStates) {
      expect({ name, retry: state.Retry }).toEqual({
        name,
        retry: [
          expect.objectContaining({
            ErrorEquals: [...RETRYABLE_ERRORS],
            IntervalSeconds: expect.any(Number),
            BackoffRate: expect.any(Number),
            MaxAttempts: expect.any(Number),
          }),
        ],
      });
      expect({ name, catch: state.Catch }).toEqual({
        name,
        catch: [expect.objectContaining({ ErrorEquals: ['States.ALL'], Next: expect.any(String) })],
      });
      expect(state.TimeoutSeconds).toBeGreaterThan(0);
    }
  });

  it('is a Standard workflow with an execution timeout, X-Ray tracing, and logs of every event without execution data', () => {
    const logGroupId =
      stateMachine.Properties.LoggingConfiguration.Destinations[0].CloudWatchLogsLogGroup.LogGroupArn[
        'Fn::GetAtt'
      ][0];
    expect(stateMachine.Properties).toMatchObject({
      StateMachineType: 'STANDARD',
      TracingConfiguration: { Enabled: true },
      LoggingConfiguration: { Level: 'ALL', IncludeExecutionData: false },
    });
    // Without it a stuck execution runs for a year and the ExecutionsTimedOut alarm never fires. It must
    // be in the definition itself: CDK ignores StateMachine's `timeout` for a definition given as a string.
    expect(deployedDefinition().TimeoutSeconds).toEqual(expect.any(Number));
    const logGroup = resource(logGroupId);
    expect(logGroup.Type).toBe('AWS::Logs::LogGroup');
    expect(logGroup.Properties.LogGroupName).toMatch(/^\/aws\/vendedlogs\/states\//);
    expect(logGroup.Properties.RetentionInDays).toBeGreaterThan(0);
  });

  it('may invoke the task functions, unqualified, and nothing else but logging and tracing', () => {
    const roleId = stateMachine.Properties.RoleArn['Fn::GetAtt'][0];
    const statements = statementsOfRole(roleId);
    const invoke = statements.filter((statement) =>
      actionsOf(statement).some((a) => a.startsWith('lambda:')),
    );
    expect(invoke).toEqual([
      {
        Effect: 'Allow',
        Action: 'lambda:InvokeFunction',
        Resource: tasks.map((task) => arnOf(taskFunctionId(task))),
      },
    ]);
    const others = allowedActions(statements).filter((action) => action !== 'lambda:InvokeFunction');
    expect(others.every((action) => action.startsWith('logs:') || action.startsWith('xray:'))).toBe(true);
  });

  it('alarms operations on any failed or timed-out execution', () => {
    const alarmOn = (metricName: string) =>
      ofType('AWS::CloudWatch::Alarm').filter(([, alarm]) => alarm.Properties.MetricName === metricName);
    for (const metricName of ['ExecutionsFailed', 'ExecutionsTimedOut']) {
      const [alarm, ...others] = alarmOn(metricName);
      expect(others).toEqual([]);
      expect(alarm?.[1].Properties).toMatchObject({
        Namespace: 'AWS/States',
        Dimensions: [{ Name: 'StateMachineArn', Value: ref(stateMachineId) }],
        Statistic: 'Sum',
        Period: 300,
        ComparisonOperator: 'GreaterThanThreshold',
        Threshold: 0,
        EvaluationPeriods: 1,
        TreatMissingData: 'notBreaching',
        AlarmActions: [ref(topicId)],
        OKActions: [ref(topicId)],
      });
    }
  });

  it('outputs the state machine ARN', () => {
    expect(template.toJSON().Outputs.PurchaseStateMachineArn.Value).toEqual(ref(stateMachineId));
  });
});

describe('the task functions', () => {
  const needsOf = (task: PurchaseTask): ReadonlySet<TaskNeed> => new Set(purchaseTasks[task].needs);

  it('has an effect for every TaskNeed', () => {
    expect(Object.keys(TASK_NEEDS).sort()).toEqual(Object.values(TaskNeed).sort());
  });

  it('runs one function per task with the shared defaults and the task table memory', () => {
    for (const task of purchaseTaskList()) {
      expect(resource(taskFunctionId(task.name)).Properties).toMatchObject({
        Architectures: ['arm64'],
        Runtime: 'nodejs24.x',
        Handler: 'index.handler',
        TracingConfig: { Mode: 'Active' },
        MemorySize: task.memoryMb,
      });
    }
  });

  it('gives each task the configuration its needs call for', () => {
    for (const task of tasks) {
      const needs = needsOf(task);
      expect({ task, env: resource(taskFunctionId(task)).Properties.Environment.Variables }).toEqual({
        task,
        env: {
          NODE_OPTIONS: '--enable-source-maps',
          POWERTOOLS_SERVICE_NAME: 'renewal-hub',
          [EnvName.TABLE_NAME]: ref(tableId),
          ...(needs.has(TaskNeed.SEND_EMAIL) && { [EnvName.EMAIL_FROM]: config.emailFrom }),
          ...(needs.has(TaskNeed.NOTIFY_OPS) && {
            [EnvName.OPS_TRANSPORT]: 'sns',
            [EnvName.OPS_TOPIC_ARN]: ref(topicId),
          }),
        },
      });
    }
  });

  it('lets each task read and write the table, and do what its needs say and nothing more', () => {
    const tableArn = arnOf(tableId);
    for (const task of tasks) {
      const needs = needsOf(task);
      const statements = statementsOfFunction(taskFunctionId(task));
      const byService = (service: string): Statement[] =>
        statements.filter((statement) =>
          actionsOf(statement).some((action) => action.startsWith(`${service}:`)),
        );
      expect({ task, dynamodb: byService('dynamodb') }).toEqual({
        task,
        dynamodb: [
          {
            Effect: 'Allow',
            Action: expect.arrayContaining(['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem']),
            Resource: [tableArn, { 'Fn::Join': ['', [tableArn, '/index/gsi1']] }],
          },
        ],
      });
      expect({ task, ses: byService('ses') }).toEqual({
        task,
        ses: needs.has(TaskNeed.SEND_EMAIL)
          ? [
              expect.objectContaining({
                Action: 'ses:SendEmail',
                Condition: { StringEquals: { 'ses:FromAddress': config.emailFrom } },
              }),
            ]
          : [],
      });
      expect({ task, sns: byService('sns'), kms: byService('kms') }).toEqual({
        task,
        sns: needs.has(TaskNeed.NOTIFY_OPS)
          ? [{ Effect: 'Allow', Action: 'sns:Publish', Resource: ref(topicId) }]
          : [],
        kms: needs.has(TaskNeed.NOTIFY_OPS)
          ? [{ Effect: 'Allow', Action: ['kms:Decrypt', 'kms:GenerateDataKey*'], Resource: arnOf(keyId) }]
          : [],
      });
      const services = new Set(allowedActions(statements).map((action) => action.split(':')[0]));
      expect({ task, services: [...services].sort() }).toEqual({
        task,
        services: [
          'dynamodb',
          ...(needs.has(TaskNeed.NOTIFY_OPS) ? ['kms'] : []),
          'logs',
          ...(needs.has(TaskNeed.SEND_EMAIL) ? ['ses'] : []),
          ...(needs.has(TaskNeed.NOTIFY_OPS) ? ['sns'] : []),
          'xray',
        ].sort(),
      });
    }
  });
});
