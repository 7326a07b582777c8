import { join } from 'node:path';
import { Duration } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, MathExpression, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { FilterCriteria, FilterRule, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq, SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { WEBHOOK_EVENT_ITEM_TYPE } from '../functions/adapters/dynamodb/webhook-stores';
import { EnvName } from '../functions/config';
import { BusinessMetric } from '../functions/metric-names';
import { Need } from '../functions/needs';
import { ALARM_PERIOD, alarmOnDeadLetters } from './alarms';
import { businessMetric } from './business-metrics';
import type { DataTable } from './data-table';
import { HandlerFunction } from './lambda-defaults';
import { grantNeeds, needsEnvironment } from './needs';
import type { OpsTopic } from './ops-topic';
import { workQueueWithDeadLetters } from './work-queue';

/** An attempt has 10 s; the function 30 s for a batch of them made side by side. */
const DELIVER_TIMEOUT_SECONDS = 30;
/** Share of attempts without a 2xx (over at least 20 attempts) that wakes operations. */
const FAILURE_RATE_ALARM_PERCENT = 50;

export interface WebhookDeliveryProps {
  readonly table: DataTable;
  readonly opsTopic: OpsTopic;
  /** The sender of the emails to administrators. */
  readonly emailFrom: string;
}

/**
 * Outbound webhooks on AWS's own engines (PRODUCT.md §7): the table's stream carries each inserted
 * outbox event to the fan-out function, which makes one delivery per subscribed endpoint and queues its
 * first attempt; SQS keeps the retry schedule (each attempt is a message, delayed up to 15 minutes per
 * hop) for the delivery function. Both queues are encrypted and refuse plain HTTP; what crashes five
 * times lands in the dead-letter queue, whose depth alarms, as does the share of failing attempts.
 */
export class WebhookDelivery extends Construct {
  public readonly queue: Queue;
  public readonly deadLetters: Queue;
  public readonly functions: ReadonlyMap<string, HandlerFunction>;
  public readonly alarms: readonly Alarm[];

  public constructor(scope: Construct, id: string, props: WebhookDeliveryProps) {
    super(scope, id);
    // Six times the function's timeout, as Lambda's SQS event source asks.
    ({ queue: this.queue, deadLetters: this.deadLetters } = workQueueWithDeadLetters(
      this,
      'Attempts',
      Duration.seconds(6 * DELIVER_TIMEOUT_SECONDS),
    ));
    type ConsumerNeed = typeof Need.QUEUE_WEBHOOK_DELIVERY | typeof Need.NOTIFY_OPS | typeof Need.SEND_EMAIL;
    const environment = (needs: ConsumerNeed[]) => ({
      [EnvName.TABLE_NAME]: props.table.table.tableName,
      ...needsEnvironment(needs, {
        webhookQueue: this.queue,
        opsTopic: props.opsTopic,
        emailFrom: props.emailFrom,
      }),
    });

    const fanOut = new HandlerFunction(this, 'FanOut', {
      entry: join(__dirname, '..', 'functions', 'consumers', 'webhook-fan-out.ts'),
      description: 'Webhooks: one delivery per subscribed endpoint for each new outbox event',
      environment: environment([Need.QUEUE_WEBHOOK_DELIVERY]),
    });
    fanOut.function.addEventSource(
      new DynamoEventSource(props.table.table, {
        startingPosition: StartingPosition.TRIM_HORIZON,
        batchSize: 100,
        bisectBatchOnError: true,
        reportBatchItemFailures: true,
        retryAttempts: 10,
        onFailure: new SqsDlq(this.deadLetters),
        // Only inserted outbox events invoke it: every other write of the table costs nothing here.
        filters: [
          FilterCriteria.filter({
            eventName: FilterRule.isEqual('INSERT'),
            dynamodb: { NewImage: { type: { S: FilterRule.isEqual(WEBHOOK_EVENT_ITEM_TYPE) } } },
          }),
        ],
      }),
    );
    props.table.grantItems(fanOut.role, ['dynamodb:Query'], ['WSHOOKS#*']);
    props.table.grantItems(fanOut.role, ['dynamodb:GetItem', 'dynamodb:PutItem'], ['DLV#*']);
    grantNeeds(fanOut, fanOut.role, [Need.QUEUE_WEBHOOK_DELIVERY], { webhookQueue: this.queue });

    const deliver = new HandlerFunction(this, 'Deliver', {
      entry: join(__dirname, '..', 'functions', 'consumers', 'webhook-deliver.ts'),
      description: 'Webhooks: sign and send queued delivery attempts, record them, queue the retries',
      environment: environment([Need.QUEUE_WEBHOOK_DELIVERY, Need.NOTIFY_OPS, Need.SEND_EMAIL]),
      timeoutSeconds: DELIVER_TIMEOUT_SECONDS,
    });
    deliver.function.addEventSource(
      new SqsEventSource(this.queue, { batchSize: 10, reportBatchItemFailures: true, maxConcurrency: 50 }),
    );
    props.table.grantItems(deliver.role, ['dynamodb:GetItem', 'dynamodb:PutItem'], ['DLV#*', 'WSHOOKS#*']);
    // The outbox event, and whom to tell when a delivery gives up: the workspace's admins, in their language.
    props.table.grantItems(deliver.role, ['dynamodb:GetItem'], ['WHEVT#*', 'WS#*', 'USER#*']);
    grantNeeds(deliver, deliver.role, [Need.QUEUE_WEBHOOK_DELIVERY, Need.NOTIFY_OPS, Need.SEND_EMAIL], {
      webhookQueue: this.queue,
      opsTopic: props.opsTopic,
      emailFrom: props.emailFrom,
    });
    this.functions = new Map([
      ['webhook-fan-out', fanOut],
      ['webhook-deliver', deliver],
    ]);

    const deadLettersAlarm = alarmOnDeadLetters(this, 'DeadLettersAlarm', {
      queue: this.deadLetters,
      description:
        'Webhook work crashed five times (a delivery attempt) or a stream batch could not be fanned out: ' +
        'its message is in the dead-letter queue. See the webhook-deliver and webhook-fan-out logs.',
      ops: props.opsTopic,
    });
    const failureRate = new Alarm(this, 'FailureRateAlarm', {
      metric: new MathExpression({
        expression: `IF(attempts >= 20, 100 * FILL(failed, 0) / attempts, 0)`,
        label: 'Webhook attempts without a 2xx (%)',
        period: ALARM_PERIOD,
        usingMetrics: {
          attempts: businessMetric(BusinessMetric.WEBHOOK_ATTEMPTS, ALARM_PERIOD),
          failed: businessMetric(BusinessMetric.WEBHOOK_ATTEMPTS_FAILED, ALARM_PERIOD),
        },
      }),
      alarmDescription:
        `More than ${FAILURE_RATE_ALARM_PERCENT} % of webhook attempts got no 2xx in ${ALARM_PERIOD.toMinutes()} ` +
        'minutes: receivers are down, or our requests are refused. The delivery logs show each status.',
      threshold: FAILURE_RATE_ALARM_PERCENT,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 3,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    const action = new SnsAction(props.opsTopic.topic);
    failureRate.addAlarmAction(action);
    failureRate.addOkAction(action);
    this.alarms = [deadLettersAlarm, failureRate];
  }
}
