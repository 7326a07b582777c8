import { Duration } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  type Alarm,
  AlarmStatusWidget,
  Dashboard,
  GraphWidget,
  type HorizontalAnnotation,
  type IMetric,
  type Metric,
  TextWidget,
} from 'aws-cdk-lib/aws-cloudwatch';
import type { StateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { BusinessMetric } from '../functions/metric-names';
import { SMS_VOLUME_ALARM_THRESHOLD } from './business-alarms';
import { businessMetric, revenueByCurrency } from './business-metrics';
import type { HandlerFunction } from './lambda-defaults';

/** What the dashboard shows. */
export interface OpsDashboardProps {
  readonly httpApi: HttpApi;
  readonly stateMachine: StateMachine;
  /** Every handler function, by a short name (route id or task name) for the graph legends. */
  readonly functions: ReadonlyMap<string, HandlerFunction>;
  /** The stack's alarms, shown with their state. */
  readonly alarms: readonly Alarm[];
}

/** Graphs sum per 5 minutes, the alarms' period, so a graph and its alarm agree. */
const PERIOD = Duration.minutes(5);
const FULL = 24;
const HALF = 12;
const THIRD = 8;
const HEIGHT = 6;

const graph = (title: string, left: IMetric[], props: { width?: number; stacked?: boolean } = {}) =>
  new GraphWidget({ title, left, width: props.width ?? THIRD, height: HEIGHT, stacked: props.stacked });

/**
 * The one CloudWatch dashboard operations look at: the business metrics (renewals, revenue by currency,
 * checkouts, orders needing a person, sign-in failures, throttled attempts, SMS), then the health of the
 * API, the Lambda functions and the purchase workflow, and the state of every alarm.
 */
export class OpsDashboard extends Construct {
  public readonly dashboard: Dashboard;

  public constructor(scope: Construct, id: string, props: OpsDashboardProps) {
    super(scope, id);
    const business = (name: BusinessMetric, label: string) => businessMetric(name, PERIOD, { label });
    const perFunction = (metricOf: (handler: HandlerFunction) => Metric) =>
      [...props.functions].map(([name, handler]) => metricOf(handler).with({ label: name, period: PERIOD }));
    const { httpApi, stateMachine } = props;

    this.dashboard = new Dashboard(this, 'Dashboard', {
      defaultInterval: Duration.hours(24),
      widgets: [
        [
          new TextWidget({
            markdown:
              '# Renewal Hub\nBusiness metrics are EMF from the functions (namespace `RenewalHub`, ' +
              'dimension `service`); see README, "Observability".',
            width: FULL,
            height: 2,
          }),
        ],
        [
          graph('Renewals and checkouts', [
            business(BusinessMetric.RENEWALS_COMPLETED, 'Renewals completed'),
            business(BusinessMetric.CHECKOUTS_CREATED, 'Checkouts created'),
          ]),
          graph('Revenue by currency (minor units)', [revenueByCurrency(PERIOD)]),
          graph('Paid orders that need a person', [
            business(BusinessMetric.ORDERS_NEEDS_REVIEW, 'NEEDS_REVIEW'),
            business(BusinessMetric.ORDERS_FAILED, 'FAILED'),
          ]),
        ],
        [
          graph('Sign-in', [
            business(BusinessMetric.SIGN_IN_FAILURES, 'Sign-in failures'),
            business(BusinessMetric.THROTTLED_ATTEMPTS, 'Throttled attempts (429)'),
          ]),
          new GraphWidget({
            title: 'SMS sent',
            left: [business(BusinessMetric.SMS_SENT, 'SMS sent')],
            leftAnnotations: [
              {
                value: SMS_VOLUME_ALARM_THRESHOLD,
                label: 'alarm',
                color: '#d62728',
              } satisfies HorizontalAnnotation,
            ],
            width: THIRD,
            height: HEIGHT,
          }),
          new AlarmStatusWidget({ title: 'Alarms', alarms: [...props.alarms], width: THIRD, height: HEIGHT }),
        ],
        [
          graph('API requests and errors', [
            httpApi.metricCount({ period: PERIOD, label: 'Requests' }),
            httpApi.metricClientError({ period: PERIOD, label: '4xx' }),
            httpApi.metricServerError({ period: PERIOD, label: '5xx' }),
          ]),
          graph('API latency', [
            httpApi.metricLatency({ period: PERIOD, statistic: 'p50', label: 'p50' }),
            httpApi.metricLatency({ period: PERIOD, statistic: 'p99', label: 'p99' }),
          ]),
          graph('Purchase workflow executions', [
            stateMachine.metricStarted({ period: PERIOD, label: 'Started' }),
            stateMachine.metricSucceeded({ period: PERIOD, label: 'Succeeded' }),
            stateMachine.metricFailed({ period: PERIOD, label: 'Failed' }),
            stateMachine.metricTimedOut({ period: PERIOD, label: 'Timed out' }),
          ]),
        ],
        [
          graph(
            'Lambda errors',
            perFunction((handler) => handler.function.metricErrors({ statistic: 'Sum' })),
            { width: HALF, stacked: true },
          ),
          graph(
            'Lambda throttles',
            perFunction((handler) => handler.function.metricThrottles({ statistic: 'Sum' })),
            { width: HALF, stacked: true },
          ),
        ],
        [
          graph(
            'Lambda duration p99 (ms)',
            perFunction((handler) => handler.function.metricDuration({ statistic: 'p99' })),
            { width: HALF },
          ),
          graph(
            'Lambda invocations',
            perFunction((handler) => handler.function.metricInvocations({ statistic: 'Sum' })),
            { width: HALF, stacked: true },
          ),
        ],
      ],
    });
  }
}
