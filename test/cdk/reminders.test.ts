/**
 * The renewal-reminder infrastructure (lib/renewal-reminders.ts): a daily schedule in the configured time
 * zone that passes its scheduled instant, encrypted queues with a dead-letter queue, one share at a time
 * for at most two functions, item-level least privilege, and the alarms operations rely on.
 */
import { EXPIRY_INDEX } from '../../functions/adapters/dynamodb/table-definition';
import { EnvName } from '../../functions/config';
import { REMINDER_LEASE_MS } from '../../functions/use-cases/renewal-reminders';
import { actionsOf, allowed, arnOf, config, synthesize } from './synth';

const { ofType, only, resource, functionId, statementsOfRole, statementsOfFunction } = synthesize();

const queueNamed = (part: string) => {
  const found = ofType('AWS::SQS::Queue').find(([id]) => id.startsWith(`Reminders${part}`));
  if (!found) throw new Error(`No queue ${part}`);
  return found;
};
const [sharesId, shares] = queueNamed('Shares');
const [deadLettersId] = queueNamed('DeadLetters');
const planId = functionId((description) => description.startsWith('Reminders: queue'));
const shareId = functionId((description) => description.startsWith('Reminders: claim'));
const [, schedule] = only('AWS::Scheduler::Schedule');
const [tableId] = only('AWS::DynamoDB::Table');
const dynamoStatements = (functionLogicalId: string) =>
  allowed(statementsOfFunction(functionLogicalId)).filter((statement) =>
    actionsOf(statement).some((action) => action.startsWith('dynamodb:')),
  );

describe('renewal reminder infrastructure', () => {
  it('runs daily at the configured time in the configured time zone, as of the scheduled instant', () => {
    // Assert: 07:30 Europe/Warsaw in the test configuration.
    expect(config).toMatchObject({ reminderTime: '07:30', reminderTimeZone: 'Europe/Warsaw' });
    expect(schedule.Properties).toMatchObject({
      ScheduleExpression: 'cron(30 7 * * ? *)',
      ScheduleExpressionTimezone: 'Europe/Warsaw',
      FlexibleTimeWindow: { Mode: 'OFF' },
    });
    expect(schedule.Properties.Target).toMatchObject({
      Arn: arnOf(planId),
      Input: JSON.stringify({ at: '<aws.scheduler.scheduled-time>' }),
      DeadLetterConfig: { Arn: arnOf(deadLettersId) },
      RetryPolicy: { MaximumRetryAttempts: 5 },
    });
  });

  it('sends a daily run that keeps failing to the dead-letter queue, not away', () => {
    // Act
    const [, config] = only('AWS::Lambda::EventInvokeConfig');

    // Assert
    expect(config.Properties).toMatchObject({
      FunctionName: { Ref: planId },
      MaximumRetryAttempts: 2,
      DestinationConfig: { OnFailure: { Destination: arnOf(deadLettersId) } },
    });
  });

  it('lets the schedule invoke the plan function and dead-letter, nothing more', () => {
    // Act
    const roleId = schedule.Properties.Target.RoleArn['Fn::GetAtt'][0];
    const statements = allowed(statementsOfRole(roleId));

    // Assert
    expect(resource(roleId).Properties.AssumeRolePolicyDocument.Statement[0].Principal).toEqual({
      Service: 'scheduler.amazonaws.com',
    });
    expect(statements.map((statement) => [actionsOf(statement), statement.Resource])).toEqual([
      [['lambda:InvokeFunction'], arnOf(planId)],
      [['sqs:SendMessage', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl'], arnOf(deadLettersId)],
    ]);
  });

  it('encrypts the queues, hides a failed share for longer than a lease, and dead-letters after 5 receives', () => {
    // Assert
    for (const [, queue] of [queueNamed('Shares'), queueNamed('DeadLetters')]) {
      expect(queue.Properties.SqsManagedSseEnabled).toBe(true);
    }
    expect(shares.Properties.RedrivePolicy).toEqual({
      deadLetterTargetArn: arnOf(deadLettersId),
      maxReceiveCount: 5,
    });
    expect(shares.Properties.VisibilityTimeout).toBe(6 * resource(shareId).Properties.Timeout);
    expect(shares.Properties.VisibilityTimeout * 1000).toBeGreaterThan(REMINDER_LEASE_MS);
  });

  it('gives the share function one share at a time, two at once, each with half the sending rate', () => {
    // Act
    const [, mapping] = ofType('AWS::Lambda::EventSourceMapping').find(
      ([, candidate]) => candidate.Properties.FunctionName.Ref === shareId,
    ) ?? [undefined, undefined];
    const environment = resource(shareId).Properties.Environment.Variables;

    // Assert
    expect(mapping?.Properties).toMatchObject({
      EventSourceArn: arnOf(sharesId),
      BatchSize: 1,
      ScalingConfig: { MaximumConcurrency: 2 },
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
    expect(environment[EnvName.REMINDER_SENDS_PER_SECOND]).toBe(String(config.reminderSendsPerSecond / 2));
    expect(environment[EnvName.PORTAL_LICENSE_URL]).toBe(config.portalLicenseUrl);
    expect(JSON.stringify(environment[EnvName.UNSUBSCRIBE_URL])).toContain(
      'v1/notifications/unsubscribe?token={token}',
    );
  });

  it('lets the plan function only queue, and the share function touch only what a reminder needs', () => {
    // Act
    const grants = dynamoStatements(shareId).map((statement) => ({
      actions: actionsOf(statement).sort(),
      on: statement.Condition ?? statement.Resource,
    }));

    // Assert
    expect(dynamoStatements(planId)).toEqual([]);
    expect(grants).toEqual([
      {
        actions: ['dynamodb:Query'],
        on: { 'Fn::Join': ['', [arnOf(tableId), `/index/${EXPIRY_INDEX}`]] },
      },
      {
        actions: ['dynamodb:BatchGetItem', 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'],
        on: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['REMINDER#*'] } },
      },
      {
        actions: ['dynamodb:PutItem'],
        on: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['WHEVT#*'] } },
      },
      {
        actions: ['dynamodb:GetItem'],
        on: {
          'ForAllValues:StringLike': {
            'dynamodb:LeadingKeys': ['WS#*', 'USER#*', 'PREFS#*', 'PRODUCT#*', 'PRICE#*'],
          },
        },
      },
      {
        actions: ['dynamodb:Query'],
        on: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['OFFERS'] } },
      },
    ]);
  });

  it('alarms operations on dead letters and on errors of either function', () => {
    // Act
    const alarms = ofType('AWS::CloudWatch::Alarm').filter(([id]) => id.startsWith('Reminders'));

    // Assert
    expect(alarms.map(([id]) => id.replace(/[0-9A-F]{8}$/, '')).sort()).toEqual([
      'RemindersDeadLettersAlarm',
      'RemindersPlanErrorsAlarm',
      'RemindersShareErrorsAlarm',
    ]);
    for (const [, alarm] of alarms) expect(alarm.Properties.AlarmActions).toHaveLength(1);
  });
});
