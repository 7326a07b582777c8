import type { Duration } from 'aws-cdk-lib';
import { type IMetric, MathExpression, Metric } from 'aws-cdk-lib/aws-cloudwatch';
import { BusinessMetric, METRIC_NAMESPACE, MetricDimension, SERVICE_NAME } from '../functions/metric-names';

/**
 * A business metric the functions emit as EMF (`functions/metrics.ts`), summed over `period`. Powertools
 * puts the `service` dimension on every one, so the dashboard and the alarms must name it too.
 */
export const businessMetric = (
  name: BusinessMetric,
  period: Duration,
  props: { label?: string } = {},
): Metric =>
  new Metric({
    namespace: METRIC_NAMESPACE,
    metricName: name,
    dimensionsMap: { [MetricDimension.SERVICE]: SERVICE_NAME },
    statistic: 'Sum',
    period,
    label: props.label,
  });

/**
 * Revenue per currency, one line each: a SEARCH over the `Currency` dimension, so a currency added to the
 * price book shows up without a deployment. Minor units: amounts in different currencies never add up.
 */
export const revenueByCurrency = (period: Duration): IMetric =>
  new MathExpression({
    expression:
      `SEARCH('{${METRIC_NAMESPACE},${MetricDimension.CURRENCY},${MetricDimension.SERVICE}} ` +
      `MetricName="${BusinessMetric.REVENUE}" ${MetricDimension.SERVICE}="${SERVICE_NAME}"', 'Sum', ${period.toSeconds()})`,
    label: 'Revenue (minor units)',
    period,
  });
