import { Aws, Stack, Validations } from 'aws-cdk-lib';
import { Effect, type IRole, Policy, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { Need, type RouteDefinition } from '../functions/routes';
import type { DataTable } from './data-table';

/** What route functions may be granted access to. */
export interface RouteResources {
  readonly table: DataTable;
  readonly tokenSecret: ISecret;
  /** The sender address of every email. */
  readonly emailFrom: string;
}

/**
 * Grants a route's function the least it needs, from the route table's `needs`: read-write on the table
 * by default (read-only with {@link Need.TABLE_READ_ONLY}; sessions are only read), the token secret, and
 * SMS or email sending when asked for. {@link Need.NO_AWS_ACCESS} gets nothing.
 */
export const grantRouteNeeds = (
  scope: Construct,
  role: IRole,
  route: RouteDefinition,
  resources: RouteResources,
): void => {
  const needs = new Set(route.needs ?? []);
  if (needs.has(Need.NO_AWS_ACCESS)) return;
  if (needs.has(Need.TABLE_READ_ONLY)) resources.table.grantRead(role);
  else resources.table.grantReadWrite(role);
  resources.tokenSecret.grantRead(role);
  if (needs.has(Need.SEND_SMS)) grantSendSms(scope, role);
  if (needs.has(Need.SEND_EMAIL)) grantSendEmail(scope, role, resources.emailFrom);
};

/**
 * SMS to a phone number has no resource ARN, so `sns:Publish` must be allowed on `*`; the Deny on every
 * topic ARN keeps that from reaching any topic: the function can send SMS and nothing else. In a policy of
 * its own, so the acknowledged wildcard is exactly this one.
 */
const grantSendSms = (scope: Construct, role: IRole): void => {
  const policy = new Policy(scope, 'SendSms', {
    roles: [role],
    statements: [
      new PolicyStatement({ actions: ['sns:Publish'], resources: ['*'] }),
      new PolicyStatement({
        effect: Effect.DENY,
        actions: ['sns:Publish'],
        resources: [`arn:${Aws.PARTITION}:sns:*:*:*`],
      }),
    ],
  });
  Validations.of(policy).acknowledge({
    id: 'AwsSolutions-IAM5[Resource::*]',
    reason:
      'sns:Publish to a phone number (direct SMS) has no resource ARN, so it can only be allowed on *; ' +
      'an explicit Deny on arn:<partition>:sns:*:*:* in the same policy forbids publishing to any topic.',
  });
};

/**
 * SES authorizes sending against the identity in use, the address's or its domain's, whichever is
 * verified (one must be, before deploying); `ses:FromAddress` pins the sender address itself.
 */
const grantSendEmail = (scope: Construct, role: IRole, emailFrom: string): void => {
  const domain = emailFrom.slice(emailFrom.lastIndexOf('@') + 1);
  role.addToPrincipalPolicy(
    new PolicyStatement({
      actions: ['ses:SendEmail'],
      resources: [emailFrom, domain].map((identity) =>
        Stack.of(scope).formatArn({ service: 'ses', resource: 'identity', resourceName: identity }),
      ),
      conditions: { StringEquals: { 'ses:FromAddress': emailFrom } },
    }),
  );
};
