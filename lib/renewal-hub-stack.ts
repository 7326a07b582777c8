import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { EnvName } from '../functions/config';
import { routes } from '../functions/routes';
import { alarmOnAnyToOps, handlerErrorsMetric } from './alarms';
import { Api } from './api';
import { BusinessAlarms } from './business-alarms';
import { DataTable } from './data-table';
import { OpsDashboard } from './ops-dashboard';
import { OpsTopic } from './ops-topic';
import { PurchaseWorkflow } from './purchase-workflow';
import { RenewalReminders } from './renewal-reminders';
import { TokenSecret } from './secrets';
import type { RenewalHubConfig } from './stack-config';
import { STORE_WEBHOOK_SECRET_HOWTO, StoreWebhookSecret } from './store-webhook-secret';
import { WebhookDelivery } from './webhook-delivery';

export type RenewalHubStackProps = StackProps & RenewalHubConfig;

/**
 * The whole backend: the table, the secrets, the operations topic, the purchase workflow, the HTTP API,
 * the webhook deliveries, the daily renewal reminders,
 * the alarms that tell operations when a paid order is in trouble or SMS volume is unusual, and the
 * operations dashboard.
 */
export class RenewalHubStack extends Stack {
  public constructor(scope: Construct, id: string, props: RenewalHubStackProps) {
    super(scope, id, props);
    const data = new DataTable(this, 'Data');
    const tokenSecret = new TokenSecret(this, 'TokenSecret');
    const storeWebhookSecret = new StoreWebhookSecret(this, 'StoreWebhookSecret');
    const ops = new OpsTopic(this, 'Ops', { email: props.opsEmail });
    const purchase = new PurchaseWorkflow(this, 'Purchase', {
      table: data,
      emailFrom: props.emailFrom,
      opsTopic: ops,
    });
    const webhooks = new WebhookDelivery(this, 'Webhooks', {
      table: data,
      opsTopic: ops,
      emailFrom: props.emailFrom,
    });
    const api = new Api(this, 'Api', {
      corsAllowedOrigins: props.corsAllowedOrigins,
      environment: {
        [EnvName.TABLE_NAME]: data.table.tableName,
        [EnvName.SMS_TRANSPORT]: 'sns',
        [EnvName.EMAIL_FROM]: props.emailFrom,
        [EnvName.STORE_CHECKOUT_URL]: props.storeCheckoutUrl,
        [EnvName.CHECKOUT_TTL_MINUTES]: String(props.checkoutTtlMinutes),
      },
      resources: {
        table: data,
        tokenSecret: tokenSecret.secret,
        emailFrom: props.emailFrom,
        storeWebhookSecret: storeWebhookSecret.secret,
        purchaseStateMachine: purchase.stateMachine,
        opsTopic: ops,
        webhookQueue: webhooks.queue,
      },
    });

    const reminders = new RenewalReminders(this, 'Reminders', {
      table: data,
      tokenSecret: tokenSecret.secret,
      opsTopic: ops,
      emailFrom: props.emailFrom,
      time: props.reminderTime,
      timeZone: props.reminderTimeZone,
      sendsPerSecond: props.reminderSendsPerSecond,
      portalLicenseUrl: props.portalLicenseUrl,
      // The stage URL ends with a slash; the route table's path starts with one.
      unsubscribeUrl: `${api.stage.url}${routes['notifications-unsubscribe'].path.slice(1)}?token={token}`,
    });

    const webhook = api.functions.get('store-webhook');
    if (!webhook) throw new Error('The route table has no store-webhook route');
    const webhookAlarm = alarmOnAnyToOps(this, 'StoreWebhookErrorsAlarm', {
      metric: handlerErrorsMetric(this, 'StoreWebhook', webhook),
      description:
        "The store's webhook failed (crashed, timed out or answered 500): a paid order is recorded only by " +
        "a delivery that succeeds, so check that the store redelivers it. See the webhook function's log.",
      ops,
    });
    const business = new BusinessAlarms(this, 'Business', { ops });
    new OpsDashboard(this, 'OpsDashboard', {
      httpApi: api.httpApi,
      stateMachine: purchase.stateMachine,
      functions: new Map([
        ...api.functions,
        ...purchase.functions,
        ...webhooks.functions,
        ...reminders.functions,
      ]),
      alarms: [
        business.needsReview,
        business.failed,
        business.smsVolume,
        purchase.failedAlarm,
        purchase.timedOutAlarm,
        webhookAlarm,
        ...webhooks.alarms,
        ...reminders.alarms,
      ],
    });

    new CfnOutput(this, 'ApiUrl', { value: api.stage.url });
    // `npm run import` loads a data file into this table.
    new CfnOutput(this, 'TableName', { value: data.table.tableName });
    new CfnOutput(this, 'OpsTopicArn', { value: ops.topic.topicArn });
    new CfnOutput(this, 'PurchaseStateMachineArn', {
      value: purchase.stateMachine.stateMachineArn,
      description:
        'The purchase workflow: one execution per paid order, named order-<sha256 of the order id>.',
    });
    new CfnOutput(this, 'StoreWebhookSecretArn', {
      value: storeWebhookSecret.secret.secretArn,
      description: STORE_WEBHOOK_SECRET_HOWTO,
    });
  }
}
