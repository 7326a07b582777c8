/**
 * Pins what operations see: the dashboard's widgets read the metrics the functions emit (same namespace,
 * names and `service` dimension as `functions/metric-names.ts`), and the business alarms tell the
 * operations topic, with their thresholds.
 */
import { BusinessMetric, METRIC_NAMESPACE, SERVICE_NAME } from '../../functions/metric-names';
import { SMS_VOLUME_ALARM_THRESHOLD } from '../../lib/business-alarms';
import { ref, synthesize } from './synth';

const { only, ofType, resource } = synthesize();

const topicId = only('AWS::SNS::Topic')[0];
const [, dashboard] = only('AWS::CloudWatch::Dashboard');

/** The dashboard body: JSON text joined with CloudFormation references (function names, ARNs). */
const parts: unknown[] = dashboard.Properties.DashboardBody['Fn::Join'][1];

/** The widgets of the body, parsed once each reference is stubbed with `REF`. */
const widgets = (): Array<{ type: string; properties: { title?: string; metrics?: unknown[][] } }> =>
  JSON.parse(parts.map((part) => (typeof part === 'string' ? part : 'REF')).join('')).widgets;
const widgetTitled = (title: string) => {
  const found = widgets().find((widget) => widget.properties.title === title);
  if (!found) throw new Error(`No widget "${title}"`);
  return found;
};

describe('the operations dashboard', () => {
  it.each([
    ['Renewals and checkouts', [BusinessMetric.RENEWALS_COMPLETED, BusinessMetric.CHECKOUTS_CREATED]],
    ['Paid orders that need a person', [BusinessMetric.ORDERS_NEEDS_REVIEW, BusinessMetric.ORDERS_FAILED]],
    ['Sign-in', [BusinessMetric.SIGN_IN_FAILURES, BusinessMetric.THROTTLED_ATTEMPTS]],
    ['SMS sent', [BusinessMetric.SMS_SENT]],
  ])('graphs "%s" from the EMF metrics %j, summed, with the service dimension', (title, names) => {
    // Act
    const { metrics } = widgetTitled(title).properties;

    // Assert
    expect(metrics?.map((metric) => metric.slice(0, 4))).toEqual(
      names.map((name) => [METRIC_NAMESPACE, name, 'service', SERVICE_NAME]),
    );
    for (const metric of metrics ?? []) {
      // No `period`: CloudWatch's default, 300 s, the alarms' period.
      expect(metric[4]).toMatchObject({ stat: 'Sum' });
      expect(metric[4]).not.toHaveProperty('period');
    }
  });

  it('graphs revenue per currency with a SEARCH over the Currency dimension', () => {
    // Act
    const { metrics } = widgetTitled('Revenue by currency (minor units)').properties;

    // Assert
    expect(metrics).toEqual([
      [
        expect.objectContaining({
          expression:
            `SEARCH('{RenewalHub,Currency,service} MetricName="${BusinessMetric.REVENUE}" ` +
            `service="renewal-hub"', 'Sum', 300)`,
        }),
      ],
    ]);
  });

  it('shows the health of the API, the Lambda functions and the purchase workflow', () => {
    // Act
    const titles = widgets().map((widget) => widget.properties.title);

    // Assert
    expect(titles).toEqual(
      expect.arrayContaining([
        'API requests and errors',
        'API latency',
        'Purchase workflow executions',
        'Lambda errors',
        'Lambda throttles',
        'Lambda duration p99 (ms)',
        'Lambda invocations',
      ]),
    );
    const names = (title: string) =>
      widgetTitled(title).properties.metrics?.map((metric) => metric.slice(0, 3).join(' '));
    expect(names('API requests and errors')).toEqual([
      'AWS/ApiGateway Count ApiId',
      'AWS/ApiGateway 4xx ApiId',
      'AWS/ApiGateway 5xx ApiId',
    ]);
    expect(names('Purchase workflow executions')).toEqual([
      'AWS/States ExecutionsStarted StateMachineArn',
      'AWS/States ExecutionsSucceeded StateMachineArn',
      'AWS/States ExecutionsFailed StateMachineArn',
      'AWS/States ExecutionsTimedOut StateMachineArn',
    ]);
    // One line per function, every route's and every task's, in each Lambda graph.
    const functionIds = ofType('AWS::Lambda::Function')
      .filter(([, fn]) => fn.Properties.Description !== '$default')
      .map(([id]) => id);
    expect(names('Lambda errors')).toHaveLength(functionIds.length);
    expect(new Set(names('Lambda errors'))).toEqual(new Set(['AWS/Lambda Errors FunctionName']));
    for (const id of functionIds) expect(parts).toContainEqual(ref(id));
  });

  it('shows the state of every alarm of the stack', () => {
    // Act
    const alarmWidget = widgets().find((widget) => widget.type === 'alarm');

    // Assert
    expect(alarmWidget?.properties.title).toBe('Alarms');
    for (const [id] of ofType('AWS::CloudWatch::Alarm')) {
      expect(parts).toContainEqual({ 'Fn::GetAtt': [id, 'Arn'] });
    }
  });
});

describe('the business alarms', () => {
  const alarmOn = (metricName: string) => {
    const found = ofType('AWS::CloudWatch::Alarm').filter(
      ([, alarm]) => alarm.Properties.MetricName === metricName,
    );
    const [first, ...others] = found;
    if (!first || others.length > 0)
      throw new Error(`Expected one alarm on ${metricName}, found ${found.length}`);
    return resource(first[0]).Properties;
  };
  const onTheEmfMetric = (metricName: string) => ({
    Namespace: METRIC_NAMESPACE,
    MetricName: metricName,
    Dimensions: [{ Name: 'service', Value: SERVICE_NAME }],
    Statistic: 'Sum',
    Period: 300,
    EvaluationPeriods: 1,
    ComparisonOperator: 'GreaterThanThreshold',
    TreatMissingData: 'notBreaching',
    AlarmActions: [ref(topicId)],
    OKActions: [ref(topicId)],
  });

  it.each([BusinessMetric.ORDERS_NEEDS_REVIEW, BusinessMetric.ORDERS_FAILED])(
    'tells operations of any %s order in 5 minutes',
    (metricName) => {
      // Act
      const alarm = alarmOn(metricName);

      // Assert
      expect(alarm).toMatchObject({ ...onTheEmfMetric(metricName), Threshold: 0 });
    },
  );

  it(`tells operations when more than ${SMS_VOLUME_ALARM_THRESHOLD} SMS are sent in 5 minutes`, () => {
    // Act
    const alarm = alarmOn(BusinessMetric.SMS_SENT);

    // Assert
    expect(SMS_VOLUME_ALARM_THRESHOLD).toBe(100);
    expect(alarm).toMatchObject({ ...onTheEmfMetric(BusinessMetric.SMS_SENT), Threshold: 100 });
    expect(alarm.AlarmDescription).toMatch(/SMS pumping/);
  });
});
