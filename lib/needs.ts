import { Aws, Stack, Validations } from 'aws-cdk-lib';
import { Effect, type IRole, Policy, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import type { Construct } from 'constructs';
import { EnvName } from '../functions/config';
import { Need } from '../functions/needs';
import type { OpsTopic } from './ops-topic';

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

/**
 * What each need is granted from (`object`: nothing). A function is given the resources of its own needs
 * only: the workflow's tasks cannot be given the state machine they run in, nor the API's secrets.
 */
interface NeedResources {
  readonly [Need.SEND_SMS]: object;
  readonly [Need.SEND_EMAIL]: { readonly emailFrom: string };
  readonly [Need.TABLE_READ_ONLY]: object;
  readonly [Need.START_PURCHASE_WORKFLOW]: { readonly purchaseStateMachine: IStateMachine };
  readonly [Need.STORE_WEBHOOK_SECRET]: { readonly storeWebhookSecret: ISecret };
  readonly [Need.NOTIFY_OPS]: { readonly opsTopic: OpsTopic };
  readonly [Need.QUEUE_WEBHOOK_DELIVERY]: { readonly webhookQueue: IQueue };
  readonly [Need.NO_TOKEN_SECRET]: object;
  readonly [Need.NO_AWS_ACCESS]: object;
}

type Intersection<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void ? I : never;

/** The resources a function with needs `N` must be given: every one of those needs' resources. */
export type ResourcesFor<N extends Need> = Intersection<NeedResources[N]>;

const nothing = () => ({});

/**
 * Every {@link Need}'s effect, for route handlers and workflow tasks alike. Its type makes it exhaustive:
 * a need added to the vocabulary without an entry here is a compile error, never a silently ungranted
 * permission. {@link Need.TABLE_READ_ONLY}, {@link Need.NO_TOKEN_SECRET} and {@link Need.NO_AWS_ACCESS}
 * adjust a route's base grant (lib/route-permissions.ts) instead of adding to it.
 */
export const NEED_EFFECTS: { readonly [N in Need]: NeedEffect<NeedResources[N]> } = {
  [Need.SEND_SMS]: { grant: ({ scope, role }) => grantSendSms(scope, role), environment: nothing },
  [Need.SEND_EMAIL]: {
    grant: ({ scope, role, resources }) => grantSendEmail(scope, role, resources.emailFrom),
    environment: (resources) => ({ [EnvName.EMAIL_FROM]: resources.emailFrom }),
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
    environment: (resources) => ({
      [EnvName.OPS_TRANSPORT]: 'sns',
      [EnvName.OPS_TOPIC_ARN]: resources.opsTopic.topic.topicArn,
    }),
  },
  [Need.QUEUE_WEBHOOK_DELIVERY]: {
    // sqs:SendMessage (and what encryption needs) on this queue only.
    grant: ({ role, resources }) => resources.webhookQueue.grantSendMessages(role),
    environment: (resources) => ({
      [EnvName.WEBHOOK_TRANSPORT]: 'sqs',
      [EnvName.WEBHOOK_QUEUE_URL]: resources.webhookQueue.queueUrl,
    }),
  },
  [Need.NO_TOKEN_SECRET]: { grant: nothing, environment: nothing },
  [Need.NO_AWS_ACCESS]: { grant: nothing, environment: nothing },
};

/** The effect of one of a function's needs, on the resources given for all of them. */
const effectOf = <N extends Need>(need: N) =>
  // Each effect reads only its own need's part of the resources, which ResourcesFor<N> includes.
  NEED_EFFECTS[need] as unknown as NeedEffect<ResourcesFor<N>>;

/** Grants a function what each of its needs adds, in the order the needs are declared. */
export const grantNeeds = <N extends Need>(
  scope: Construct,
  role: IRole,
  needs: Iterable<N>,
  resources: ResourcesFor<N>,
): void => {
  for (const need of needs) effectOf(need).grant({ scope, role, resources });
};

/** The configuration a function's needs call for (later needs win, though no two set the same name). */
export const needsEnvironment = <N extends Need>(
  needs: Iterable<N>,
  resources: ResourcesFor<N>,
): Readonly<Record<string, string>> =>
  Object.assign({}, ...[...needs].map((need) => effectOf(need).environment(resources)));

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
