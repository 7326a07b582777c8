import { Duration } from 'aws-cdk-lib';
import {
  Alarm,
  ComparisonOperator,
  type IMetric,
  MathExpression,
  Metric,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { FilterPattern, MetricFilter } from 'aws-cdk-lib/aws-logs';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { METRIC_NAMESPACE } from '../functions/metric-names';
import type { HandlerFunction } from './lambda-defaults';
import type { OpsTopic } from './ops-topic';

/** Every alarm looks at sums over this period. */
export const ALARM_PERIOD = Duration.minutes(5);

/**
 * The namespace of the metrics this stack derives from its logs: the same as the functions' EMF metrics
 * (`functions/metric-names.ts`), so one namespace holds everything Renewal Hub reports. No clash: the
 * log-derived ones have no dimensions, the EMF ones always carry `service`.
 */
export { METRIC_NAMESPACE };

/**
 * An alarm that tells operations (through the operations topic) as soon as `metric` is above 0 in one
 * {@link ALARM_PERIOD}, and again when it is back to normal. No data means nothing happened.
 */
export const alarmOnAnyToOps = (
  scope: Construct,
  id: string,
  props: { metric: IMetric; description: string; ops: OpsTopic },
): Alarm => {
  const alarm = new Alarm(scope, id, {
    metric: props.metric,
    alarmDescription: props.description,
    threshold: 0,
    comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
    evaluationPeriods: 1,
    treatMissingData: TreatMissingData.NOT_BREACHING,
  });
  const action = new SnsAction(props.ops.topic);
  alarm.addAlarmAction(action);
  alarm.addOkAction(action);
  return alarm;
};

/** Wakes operations as soon as a message lands in `queue`, a dead-letter queue: work that kept failing. */
export const alarmOnDeadLetters = (
  scope: Construct,
  id: string,
  props: { queue: IQueue; description: string; ops: OpsTopic },
): Alarm =>
  alarmOnAnyToOps(scope, id, {
    metric: props.queue.metricApproximateNumberOfMessagesVisible({ period: ALARM_PERIOD, statistic: 'Max' }),
    description: props.description,
    ops: props.ops,
  });

/**
 * Errors of an HTTP handler function. The Lambda `Errors` metric alone misses most of them: the shared
 * HTTP middleware (`functions/http/handler.ts`) answers an unexpected error with a 500 and logs it at
 * level ERROR, so the invocation itself succeeds. So this is the sum of the function's `Errors` (crashes,
 * timeouts) and of the ERROR lines in its log (counted by a metric filter on the Powertools JSON `level`).
 */
export const handlerErrorsMetric = (scope: Construct, id: string, handler: HandlerFunction): IMetric => {
  const metricName = `${id}LoggedErrors`;
  new MetricFilter(scope, `${id}ErrorLogs`, {
    logGroup: handler.logGroup,
    filterPattern: FilterPattern.stringValue('$.level', '=', 'ERROR'),
    metricNamespace: METRIC_NAMESPACE,
    metricName,
    metricValue: '1',
  });
  return new MathExpression({
    expression: 'FILL(crashes, 0) + FILL(logged, 0)',
    label: `${id} errors`,
    period: ALARM_PERIOD,
    usingMetrics: {
      crashes: handler.function.metricErrors({ period: ALARM_PERIOD, statistic: 'Sum' }),
      logged: new Metric({
        namespace: METRIC_NAMESPACE,
        metricName,
        period: ALARM_PERIOD,
        statistic: 'Sum',
      }),
    },
  });
};
