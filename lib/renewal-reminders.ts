import { join } from 'node:path';
import { Aws, Duration } from 'aws-cdk-lib';
import type { Alarm } from 'aws-cdk-lib/aws-cloudwatch';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { CfnSchedule } from 'aws-cdk-lib/aws-scheduler';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { EnvName } from '../functions/config';
import { Need } from '../functions/needs';
import { REMINDER_LEASE_MS } from '../functions/use-cases/renewal-reminders';
import { alarmOnAnyToOps, alarmOnDeadLetters, handlerErrorsMetric } from './alarms';
import type { DataTable } from './data-table';
import { HandlerFunction } from './lambda-defaults';
import { grantNeeds, needsEnvironment } from './needs';
import type { OpsTopic } from './ops-topic';
import { workQueueWithDeadLetters } from './work-queue';

/**
 * A share function has 5 minutes; it starts no reminder with less than 90 s left (reminders-share.ts), so
 * one license's emails have that long.
 */
const SHARE_TIMEOUT_SECONDS = 300;
/** How late a daily run may still start, after retries: later, the next day's run catches it up. */
const DAILY_RUN_MAX_AGE = Duration.hours(6);
/** Share functions running at once (SQS's least `maxConcurrency`): the sending rate is split between them. */
const SHARE_CONCURRENCY = 2;

export interface RenewalRemindersProps {
  readonly table: DataTable;
  readonly tokenSecret: ISecret;
  readonly opsTopic: OpsTopic;
  readonly emailFrom: string;
  /** The daily run's time of day, `HH:MM`, in {@link timeZone}. */
  readonly time: string;
  /** An IANA time zone; EventBridge Scheduler follows its daylight-saving changes. */
  readonly timeZone: string;
  /** Reminder emails a second, in all. */
  readonly sendsPerSecond: number;
  /** The portal page of a license, with `{licenseId}`. */
  readonly portalLicenseUrl: string;
  /** The API's one-click unsubscribe URL, with `{token}`. */
  readonly unsubscribeUrl: string;
}

/**
 * The renewal-reminder job (PRODUCT.md §8) on AWS's engines. EventBridge Scheduler invokes the plan
 * function daily with the scheduled instant; it queues one share per expiry partition in SQS; share
 * functions run them, queueing what they cannot finish in one invocation. Why SQS pages rather than a
 * Step Functions Map: each share is independent and idempotent already (the reminder claim is the guard),
 * so SQS gives what a Map would (retries, a dead-letter queue, bounded concurrency to respect the SES
 * rate) without a state transition per license, and the same pattern as the webhook deliveries.
 */
export class RenewalReminders extends Construct {
  public readonly queue: Queue;
  public readonly deadLetters: Queue;
  public readonly schedule: CfnSchedule;
  public readonly functions: ReadonlyMap<string, HandlerFunction>;
  public readonly alarms: readonly Alarm[];

  public constructor(scope: Construct, id: string, props: RenewalRemindersProps) {
    super(scope, id);
    // Six times the function's timeout, as Lambda's SQS event source asks; 30 minutes, more than a
    // reminder's lease, so a share given again takes over the reminders whose email failed.
    const visibilityTimeout = Duration.seconds(6 * SHARE_TIMEOUT_SECONDS);
    if (visibilityTimeout.toMilliseconds() <= REMINDER_LEASE_MS) {
      throw new Error('The reminder queue must hide a failed share for longer than a reminder lease');
    }
    ({ queue: this.queue, deadLetters: this.deadLetters } = workQueueWithDeadLetters(
      this,
      'Shares',
      visibilityTimeout,
    ));
    const queueEnvironment = { [EnvName.REMINDER_QUEUE_URL]: this.queue.queueUrl };

    const plan = new HandlerFunction(this, 'Plan', {
      entry: join(__dirname, '..', 'functions', 'consumers', 'reminders-plan.ts'),
      description: "Reminders: queue the daily run's shares, one per expiry partition",
      // It reads nothing: the table's name only satisfies the configuration every function shares.
      environment: { [EnvName.TABLE_NAME]: props.table.table.tableName, ...queueEnvironment },
    });
    this.queue.grantSendMessages(plan.role);
    // Scheduler invokes asynchronously: its retries cover handing the event to Lambda, and these cover the
    // function failing. An event that fails them all goes to the dead-letter queue, not away.
    plan.function.configureAsyncInvoke({
      retryAttempts: 2,
      maxEventAge: DAILY_RUN_MAX_AGE,
      onFailure: new SqsDestination(this.deadLetters),
    });

    const share = new HandlerFunction(this, 'Share', {
      entry: join(__dirname, '..', 'functions', 'consumers', 'reminders-share.ts'),
      description: 'Reminders: claim, record and email the reminders of one queued share',
      timeoutSeconds: SHARE_TIMEOUT_SECONDS,
      environment: {
        [EnvName.TABLE_NAME]: props.table.table.tableName,
        [EnvName.TOKEN_SECRET_ARN]: props.tokenSecret.secretArn,
        [EnvName.PORTAL_LICENSE_URL]: props.portalLicenseUrl,
        [EnvName.UNSUBSCRIBE_URL]: props.unsubscribeUrl,
        [EnvName.REMINDER_SENDS_PER_SECOND]: String(Math.floor(props.sendsPerSecond / SHARE_CONCURRENCY)),
        ...queueEnvironment,
        ...needsEnvironment([Need.SEND_EMAIL], { emailFrom: props.emailFrom }),
      },
    });
    share.function.addEventSource(
      new SqsEventSource(this.queue, {
        batchSize: 1,
        reportBatchItemFailures: true,
        maxConcurrency: SHARE_CONCURRENCY,
      }),
    );
    this.queue.grantSendMessages(share.role);
    // The licenses of the day's partitions, by the expiry index only.
    props.table.grantExpiryIndexQuery(share.role);
    // The reminder records, and the event each first claim writes in the same transaction.
    props.table.grantItems(
      share.role,
      ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'],
      ['REMINDER#*'],
    );
    props.table.grantItems(share.role, ['dynamodb:PutItem'], ['WHEVT#*']);
    // What an email says and to whom: the workspace, its admins' language and opt-outs, the price.
    props.table.grantItems(
      share.role,
      ['dynamodb:GetItem'],
      ['WS#*', 'USER#*', 'PREFS#*', 'PRODUCT#*', 'PRICE#*'],
    );
    props.table.grantItems(share.role, ['dynamodb:Query'], ['OFFERS']);
    // The unsubscribe links are signed with a key derived from the root secret.
    props.tokenSecret.grantRead(share.role);
    grantNeeds(share, share.role, [Need.SEND_EMAIL], { emailFrom: props.emailFrom });

    // The schedule's own role may invoke the plan function (that ARN, no version wildcard, which the L2
    // target's grantInvoke would add) and dead-letter to the queue: nothing else.
    const scheduleRole = new Role(this, 'ScheduleRole', {
      assumedBy: new ServicePrincipal('scheduler.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID } },
      }),
    });
    scheduleRole.addToPrincipalPolicy(
      new PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: [plan.function.functionArn] }),
    );
    this.deadLetters.grantSendMessages(scheduleRole);
    const [hour, minute] = props.time.split(':').map(Number);
    this.schedule = new CfnSchedule(this, 'Daily', {
      description: `Renewal reminders, daily at ${props.time} ${props.timeZone}`,
      // Scheduler follows the zone's daylight-saving changes: 08:00 stays 08:00 all year.
      scheduleExpression: `cron(${minute} ${hour} * * ? *)`,
      scheduleExpressionTimezone: props.timeZone,
      flexibleTimeWindow: { mode: 'OFF' },
      target: {
        arn: plan.function.functionArn,
        roleArn: scheduleRole.roleArn,
        // The scheduled instant, not the invocation's: a retried invocation queues the same shares.
        input: JSON.stringify({ at: '<aws.scheduler.scheduled-time>' }),
        retryPolicy: { maximumRetryAttempts: 5, maximumEventAgeInSeconds: DAILY_RUN_MAX_AGE.toSeconds() },
        deadLetterConfig: { arn: this.deadLetters.queueArn },
      },
    });

    this.functions = new Map([
      ['reminders-plan', plan],
      ['reminders-share', share],
    ]);
    const deadLettersAlarm = alarmOnDeadLetters(this, 'DeadLettersAlarm', {
      queue: this.deadLetters,
      description:
        'A reminder share failed five times (its emails keep failing, or it crashes), or the schedule could ' +
        'not start the daily run: its message is in the dead-letter queue. See the reminders-share and ' +
        'reminders-plan logs; redrive the queue once fixed (a share sends nothing twice).',
      ops: props.opsTopic,
    });
    const planAlarm = alarmOnAnyToOps(this, 'PlanErrorsAlarm', {
      metric: handlerErrorsMetric(this, 'RemindersPlan', plan),
      description:
        "The daily reminder run could not queue its shares: today's reminders wait. See the reminders-plan " +
        'log; the schedule retries, and the next run catches up the days it missed.',
      ops: props.opsTopic,
    });
    const shareAlarm = alarmOnAnyToOps(this, 'ShareErrorsAlarm', {
      metric: handlerErrorsMetric(this, 'RemindersShare', share),
      description:
        'A reminder share crashed or timed out: SQS gives it again after 30 minutes. See the reminders-share log.',
      ops: props.opsTopic,
    });
    this.alarms = [deadLettersAlarm, planAlarm, shareAlarm];
  }
}
