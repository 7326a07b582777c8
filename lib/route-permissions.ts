import type { IRole } from 'aws-cdk-lib/aws-iam';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import type { Construct } from 'constructs';
import { EnvName } from '../functions/config';
import { Need, type RouteDefinition } from '../functions/routes';
import type { DataTable } from './data-table';
import { grantNeeds, NEED_EFFECTS, needsEnvironment } from './needs';
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
  /** The queue of webhook delivery attempts (redelivery sends to it). */
  readonly webhookQueue: IQueue;
}

/** A route may declare any {@link Need}: each one's effect is the one grant table's ({@link NEED_EFFECTS}). */
export const ROUTE_NEEDS = NEED_EFFECTS;

const needsOf = (route: RouteDefinition): ReadonlySet<Need> => new Set(route.needs ?? []);

/** The token secret goes to every route with AWS access but those that declare they never use it. */
const usesTokenSecret = (needs: ReadonlySet<Need>): boolean =>
  !needs.has(Need.NO_AWS_ACCESS) && !needs.has(Need.NO_TOKEN_SECRET);

/**
 * Grants a route's function the least it needs, from the route table's `needs`: read-write on the table
 * by default (read-only with {@link Need.TABLE_READ_ONLY}; sessions are only read; a route that takes API
 * keys may still count their requests and uses), the token secret
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
  if (needs.has(Need.TABLE_READ_ONLY)) {
    resources.table.grantRead(role);
    if (route.scope) resources.table.grantApiKeyBookkeeping(role);
  } else resources.table.grantReadWrite(role);
  if (usesTokenSecret(needs)) resources.tokenSecret.grantRead(role);
  grantNeeds(scope, role, needs, resources);
};

/** The configuration a route's function gets for its needs (on top of what every function gets). */
export const routeEnvironment = (
  route: RouteDefinition,
  resources: RouteResources,
): Readonly<Record<string, string>> => {
  const needs = needsOf(route);
  if (needs.has(Need.NO_AWS_ACCESS)) return {};
  return {
    ...(usesTokenSecret(needs) ? { [EnvName.TOKEN_SECRET_ARN]: resources.tokenSecret.secretArn } : {}),
    ...needsEnvironment(needs, resources),
  };
};
