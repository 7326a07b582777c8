import { Aws, Stack, Validations } from 'aws-cdk-lib';
import { Effect, type IRole, Policy, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import type { Construct } from 'constructs';
import { EnvName } from '../functions/config';
import { Need, type RouteDefinition } from '../functions/routes';
import type { DataTable } from './data-table';
import type { OpsTopic } from './ops-topic';

/** What route functions may be granted access to. */
export interface RouteResources {
  readonly table: DataTable;
  readonly tokenSecret: ISecret;
  /** The sender address of every email. */
  readonly emailFrom: string;
  /** The store's webhook signing secret. */
  readonly storeWebhookSecret: ISecret;
  /** The purchase workflow the store's webhook starts. */
  readonly purchaseStateMachine: IStateMachine;
  readonly opsTopic: OpsTopic;
}

/** A function's role, the scope for policies made for it, and what may be granted. */
export interface Grantee<TResources> {
  readonly scope: Construct;
  readonly role: IRole;
  readonly resources: TResources;
}

/**
 * What one need adds to a function: permissions for its role and the configuration (names from `EnvName`)
 * that tells the code where the granted resources are.
 */
export interface NeedEffect<TResources> {
  readonly grant: (grantee: Grantee<TResources>) => void;
  readonly environment: (resources: TResources) => Readonly<Record<string, string>>;
}

const nothing = () => ({});

/**
 * Every {@link Need}'s effect. `satisfies Record<Need, …>` makes it exhaustive: a need added to the route
 * table without an entry here is a compile error, never a silently ungranted permission.
 * {@link Need.TABLE_READ_ONLY}, {@link Need.NO_TOKEN_SECRET} and {@link Need.NO_AWS_ACCESS} adjust the
 * base grant of {@link grantRouteNeeds} instead of adding to it.
 */
export const ROUTE_NEEDS = {
  [Need.SEND_SMS]: { grant: ({ scope, role }) => grantSendSms(scope, role), environment: nothing },
  [Need.SEND_EMAIL]: {
    grant: ({ scope, role, resources }) => grantSendEmail(scope, role, resources.emailFrom),
    environment: nothing,
  },
  [Need.TABLE_READ_ONLY]: { grant: nothing, environment: nothing },
  [Need.START_PURCHASE_WORKFLOW]: {
    // states:StartExecution on this state machine's ARN only.
    grant: ({ role, resources }) => resources.purchaseStateMachine.grantStartExecution(role),
    environment: (resources) => ({
      [EnvName.PURCHASE_STATE_MACHINE_ARN]: resources.purchaseStateMachine.stateMachineArn,
    }),
  },
  [Need.STORE_WEBHOOK_SECRET]: {
    grant: ({ role, resources }) => resources.storeWebhookSecret.grantRead(role),
    environment: (resources) => ({
      [EnvName.STORE_WEBHOOK_SECRET_ARN]: resources.storeWebhookSecret.secretArn,
    }),
  },
  [Need.NOTIFY_OPS]: {
    grant: ({ role, resources }) => resources.opsTopic.grantPublish(role),
    environment: (resources) => opsEnvironment(resources.opsTopic),
  },
  [Need.NO_TOKEN_SECRET]: { grant: nothing, environment: nothing },
  [Need.NO_AWS_ACCESS]: { grant: nothing, environment: nothing },
} satisfies Record<Need, NeedEffect<RouteResources>>;

/** Where a function that notifies operations sends it: the topic, through SNS. */
export const opsEnvironment = (ops: OpsTopic): Readonly<Record<string, string>> => ({
  [EnvName.OPS_TRANSPORT]: 'sns',
  [EnvName.OPS_TOPIC_ARN]: ops.topic.topicArn,
});

const needsOf = (route: RouteDefinition): ReadonlySet<Need> => new Set(route.needs ?? []);

/** The token secret goes to every route with AWS access but those that declare they never use it. */
const usesTokenSecret = (needs: ReadonlySet<Need>): boolean =>
  !needs.has(Need.NO_AWS_ACCESS) && !needs.has(Need.NO_TOKEN_SECRET);

/**
 * Grants a route's function the least it needs, from the route table's `needs`: read-write on the table
 * by default (read-only with {@link Need.TABLE_READ_ONLY}; sessions are only read), the token secret
 * (unless {@link Need.NO_TOKEN_SECRET}), and what each further need adds ({@link ROUTE_NEEDS}).
 * {@link Need.NO_AWS_ACCESS} gets nothing.
 */
export const grantRouteNeeds = (
  scope: Construct,
  role: IRole,
  route: RouteDefinition,
  resources: RouteResources,
): void => {
  const needs = needsOf(route);
  if (needs.has(Need.NO_AWS_ACCESS)) return;
  if (needs.has(Need.TABLE_READ_ONLY)) resources.table.grantRead(role);
  else resources.table.grantReadWrite(role);
  if (usesTokenSecret(needs)) resources.tokenSecret.grantRead(role);
  for (const need of needs) ROUTE_NEEDS[need].grant({ scope, role, resources });
};

/** The configuration a route's function gets for its needs (on top of what every function gets). */
export const routeEnvironment = (
  route: RouteDefinition,
  resources: RouteResources,
): Readonly<Record<string, string>> => {
  const needs = needsOf(route);
  if (needs.has(Need.NO_AWS_ACCESS)) return {};
  return Object.assign(
    usesTokenSecret(needs) ? { [EnvName.TOKEN_SECRET_ARN]: resources.tokenSecret.secretArn } : {},
    ...[...needs].map((need) => ROUTE_NEEDS[need].environment(resources)),
  );
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
export const grantSendEmail = (scope: Construct, role: IRole, emailFrom: string): void => {
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
