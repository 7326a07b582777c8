/**
 * The outbound-webhook infrastructure (lib/webhook-delivery.ts): encrypted queues with a dead-letter
 * queue, a stream trigger filtered to inserted outbox events, an SQS trigger that reports item failures,
 * item-level least privilege for both functions, and the alarms operations rely on.
 */
import { WEBHOOK_EVENT_ITEM_TYPE } from '../../functions/adapters/dynamodb/webhook-stores';
import { actionsOf, allowed, synthesize } from './synth';

const { ofType, resource, functionId, statementsOfFunction } = synthesize();

const queueNamed = (part: string) => {
  const found = ofType('AWS::SQS::Queue').find(([id]) => id.includes(part));
  if (!found) throw new Error(`No queue ${part}`);
  return found;
};
const [attemptsId, attempts] = queueNamed('Attempts');
const [deadLettersId, deadLetters] = queueNamed('DeadLetters');
const fanOutId = functionId((description) => description.startsWith('Webhooks: one delivery'));
const deliverId = functionId((description) => description.startsWith('Webhooks: sign and send'));
const mappingOf = (functionLogicalId: string) => {
  const found = ofType('AWS::Lambda::EventSourceMapping').filter(
    ([, mapping]) => mapping.Properties.FunctionName.Ref === functionLogicalId,
  );
  if (found.length !== 1) throw new Error(`Expected one event source for ${functionLogicalId}`);
  return found[0]?.[1];
};
const STREAM_ACTIONS = [
  'dynamodb:DescribeStream',
  'dynamodb:GetRecords',
  'dynamodb:GetShardIterator',
  'dynamodb:ListStreams',
];
const tableStatements = (functionLogicalId: string) =>
  allowed(statementsOfFunction(functionLogicalId)).filter((statement) =>
    actionsOf(statement).some((action) => action.startsWith('dynamodb:') && !STREAM_ACTIONS.includes(action)),
  );
const streamStatements = (functionLogicalId: string) =>
  allowed(statementsOfFunction(functionLogicalId)).filter((statement) =>
    actionsOf(statement).some((action) => STREAM_ACTIONS.includes(action)),
  );

describe('webhook delivery infrastructure', () => {
  it('encrypts both queues, refuses plain HTTP to them, and moves a message to the DLQ after 5 receives', () => {
    // Assert
    for (const queue of [attempts, deadLetters]) expect(queue.Properties.SqsManagedSseEnabled).toBe(true);
    expect(attempts.Properties.RedrivePolicy).toEqual({
      deadLetterTargetArn: { 'Fn::GetAtt': [deadLettersId, 'Arn'] },
      maxReceiveCount: 5,
    });
    const policies = ofType('AWS::SQS::QueuePolicy').map(([, policy]) => JSON.stringify(policy.Properties));
    for (const id of [attemptsId, deadLettersId]) {
      expect(
        policies.some((policy) => policy.includes(id) && policy.includes('"aws:SecureTransport":"false"')),
      ).toBe(true);
    }
    // Six times the delivery function's timeout, as the SQS event source asks.
    expect(attempts.Properties.VisibilityTimeout).toBe(6 * resource(deliverId).Properties.Timeout);
  });

  it('invokes the fan-out only for inserted outbox events, and sends its failures to the DLQ', () => {
    // Act
    const mapping = mappingOf(fanOutId);

    // Assert
    expect(JSON.parse(mapping?.Properties.FilterCriteria.Filters[0].Pattern)).toEqual({
      eventName: ['INSERT'],
      dynamodb: { NewImage: { type: { S: [WEBHOOK_EVENT_ITEM_TYPE] } } },
    });
    expect(mapping?.Properties.FunctionResponseTypes).toEqual(['ReportBatchItemFailures']);
    expect(mapping?.Properties.DestinationConfig.OnFailure.Destination).toEqual({
      'Fn::GetAtt': [deadLettersId, 'Arn'],
    });
  });

  it('gives the delivery function the attempts queue, reporting item failures, in batches of 10', () => {
    // Act
    const mapping = mappingOf(deliverId);

    // Assert
    expect(mapping?.Properties.EventSourceArn).toEqual({ 'Fn::GetAtt': [attemptsId, 'Arn'] });
    expect(mapping?.Properties.FunctionResponseTypes).toEqual(['ReportBatchItemFailures']);
    expect(mapping?.Properties.BatchSize).toBe(10);
  });

  it('lets each function touch only its own kinds of item, by partition key', () => {
    // Act
    const grants = (id: string) =>
      tableStatements(id).map((statement) => ({
        actions: actionsOf(statement).sort(),
        keys: statement.Condition,
      }));

    // Assert
    expect(grants(fanOutId)).toEqual([
      {
        actions: ['dynamodb:Query'],
        keys: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['WSHOOKS#*'] } },
      },
      {
        actions: ['dynamodb:GetItem', 'dynamodb:PutItem'],
        keys: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['DLV#*'] } },
      },
    ]);
    // Reading the stream is the event source's: on the stream only (ListStreams has no resource).
    for (const statement of streamStatements(fanOutId)) {
      const resources = JSON.stringify(statement.Resource);
      expect(resources === '"*"' ? actionsOf(statement) : resources).toEqual(
        resources === '"*"' ? ['dynamodb:ListStreams'] : expect.stringContaining('StreamArn'),
      );
    }
    expect(streamStatements(deliverId)).toEqual([]);
    expect(grants(deliverId)).toEqual([
      {
        actions: ['dynamodb:GetItem', 'dynamodb:PutItem'],
        keys: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['DLV#*', 'WSHOOKS#*'] } },
      },
      {
        actions: ['dynamodb:GetItem'],
        keys: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['WHEVT#*', 'WS#*', 'USER#*'] } },
      },
    ]);
  });

  it('alarms operations on dead letters and on a failure rate above 50 %', () => {
    // Act
    const alarms = ofType('AWS::CloudWatch::Alarm').map(([id, alarm]) => [id, alarm.Properties] as const);
    const deadLettersAlarm = alarms.find(([id]) => id.includes('DeadLettersAlarm'))?.[1];
    const failureRate = alarms.find(([id]) => id.includes('FailureRateAlarm'))?.[1];

    // Assert
    expect(deadLettersAlarm?.Dimensions).toEqual([
      { Name: 'QueueName', Value: { 'Fn::GetAtt': [deadLettersId, 'QueueName'] } },
    ]);
    expect(deadLettersAlarm?.Threshold).toBe(0);
    expect(failureRate?.Threshold).toBe(50);
    expect(JSON.stringify(failureRate?.Metrics)).toContain('WebhookAttemptsFailed');
    for (const alarm of [deadLettersAlarm, failureRate]) expect(alarm?.AlarmActions).toHaveLength(1);
  });
});
