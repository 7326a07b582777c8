/**
 * What a function (a route's handler or a workflow task) may touch in AWS beyond its base access: the one
 * vocabulary the route table and the task table declare, and CDK grants from (lib/needs.ts). No imports:
 * CDK code and every bundle load this.
 */
export const Need = {
  SEND_SMS: 'SEND_SMS',
  SEND_EMAIL: 'SEND_EMAIL',
  TABLE_READ_ONLY: 'TABLE_READ_ONLY',
  /** Starts the purchase workflow (Step Functions). */
  START_PURCHASE_WORKFLOW: 'START_PURCHASE_WORKFLOW',
  /** Reads the store's webhook signing secret. */
  STORE_WEBHOOK_SECRET: 'STORE_WEBHOOK_SECRET',
  /** Sends to the webhook delivery queue (SQS). */
  QUEUE_WEBHOOK_DELIVERY: 'QUEUE_WEBHOOK_DELIVERY',
  /** Publishes to the operations topic (something needs a person). */
  NOTIFY_OPS: 'NOTIFY_OPS',
  /** No access to the token secret: the route neither issues nor checks sessions (the store's webhook). */
  NO_TOKEN_SECRET: 'NO_TOKEN_SECRET',
  /** Touches nothing in AWS: no table, no secret (liveness). */
  NO_AWS_ACCESS: 'NO_AWS_ACCESS',
} as const;
export type Need = (typeof Need)[keyof typeof Need];
