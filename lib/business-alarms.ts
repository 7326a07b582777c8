import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { Construct } from 'constructs';
import { BusinessMetric } from '../functions/metric-names';
import { ALARM_PERIOD, alarmOnAnyToOps } from './alarms';
import { businessMetric } from './business-metrics';
import type { OpsTopic } from './ops-topic';

/**
 * SMS in one {@link ALARM_PERIOD} above which operations hear about it. The per-user and per-number
 * limits cap each attacker's SMS, not the total: many accounts or numbers at once (SMS pumping) still cost
 * money. 100 per 5 minutes is far above a normal day's sign-ins with SMS codes; raise it with the user base.
 */
export const SMS_VOLUME_ALARM_THRESHOLD = 100;

/** The alarms on the business metrics: each tells the operations topic, and again when back to normal. */
export class BusinessAlarms extends Construct {
  public readonly needsReview: Alarm;
  public readonly failed: Alarm;
  public readonly smsVolume: Alarm;

  public constructor(scope: Construct, id: string, props: { ops: OpsTopic }) {
    super(scope, id);
    this.needsReview = alarmOnAnyToOps(this, 'OrdersNeedsReviewAlarm', {
      metric: businessMetric(BusinessMetric.ORDERS_NEEDS_REVIEW, ALARM_PERIOD),
      description:
        'A paid order was recorded as NEEDS_REVIEW (its amount, currency or checkout did not match): a ' +
        'customer has paid and waits for a person. `npm run orders -- list` shows it with its reason.',
      ops: props.ops,
    });
    this.failed = alarmOnAnyToOps(this, 'OrdersFailedAlarm', {
      metric: businessMetric(BusinessMetric.ORDERS_FAILED, ALARM_PERIOD),
      description:
        'A paid order was recorded as FAILED: completing it failed after its retries. The order is kept; ' +
        'fix the cause, then `npm run orders -- replay`.',
      ops: props.ops,
    });
    this.smsVolume = new Alarm(this, 'SmsVolumeAlarm', {
      metric: businessMetric(BusinessMetric.SMS_SENT, ALARM_PERIOD),
      alarmDescription:
        `More than ${SMS_VOLUME_ALARM_THRESHOLD} SMS were sent in ${ALARM_PERIOD.toMinutes()} minutes: ` +
        'possibly SMS pumping (sign-ins or enrolments for many accounts or numbers). SMS cost money; look ' +
        'at the login, mfa-resend, sms-enrol and mfa-code logs.',
      threshold: SMS_VOLUME_ALARM_THRESHOLD,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    const action = new SnsAction(props.ops.topic);
    this.smsVolume.addAlarmAction(action);
    this.smsVolume.addOkAction(action);
  }
}
