import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { BusinessMetric, METRIC_NAMESPACE, MetricDimension, SERVICE_NAME } from './metric-names';

/**
 * The one Powertools Metrics instance. Metrics are buffered and written to stdout as EMF by
 * {@link flushMetrics}, which every handler frame calls once per invocation. `POWERTOOLS_METRICS_DISABLED`
 * (set by `npm start` and the Jest setup) turns the output off.
 */
export const metrics = new Metrics({ namespace: METRIC_NAMESPACE, serviceName: SERVICE_NAME });

/** Adds `value` (default 1) to the count `name` of this invocation. */
export const countMetric = (name: BusinessMetric, value = 1): void => {
  metrics.addMetric(name, MetricUnit.Count, value);
};

/**
 * Records a completed renewal's revenue, in minor units, with its currency as a dimension. A metric of
 * its own (a single-metric EMF line, written at once) so the currency dimension stays off the others.
 */
export const recordRevenue = (currency: string, amountMinorUnits: number): void => {
  const single = metrics.singleMetric();
  single.addDimension(MetricDimension.CURRENCY, currency);
  single.addMetric(BusinessMetric.REVENUE, MetricUnit.NoUnit, amountMinorUnits);
};

/**
 * Writes this invocation's metrics (one EMF line) and empties the buffer. Nothing when there are none:
 * Powertools would otherwise warn "No application metrics to publish" on every quiet invocation.
 */
export const flushMetrics = (): void => {
  if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
};
