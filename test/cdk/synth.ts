/**
 * The stack, synthesized once per test file, and ways to read the template. Bundling is skipped (context
 * `aws:cdk:bundling-stacks`); `npx cdk synth` bundles for real.
 */
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { RenewalHubStack } from '../../lib/renewal-hub-stack';
import type { RenewalHubConfig } from '../../lib/stack-config';

export interface CfnResource {
  Type: string;
  // biome-ignore lint/suspicious/noExplicitAny: a synthesized template is untyped JSON; tests read paths in it.
  Properties: Record<string, any>;
  DeletionPolicy?: string;
  UpdateReplacePolicy?: string;
  DependsOn?: string[];
}

export interface Statement {
  Effect: 'Allow' | 'Deny';
  Action: string | string[];
  Resource: unknown;
  Condition?: unknown;
  Principal?: unknown;
  Sid?: string;
}

export const config = {
  corsAllowedOrigins: ['https://portal.example.com', 'https://admin.example.com'],
  emailFrom: 'no-reply@mail.example.com',
  opsEmail: 'ops@example.com',
  storeCheckoutUrl: 'https://shop.example.com/pay/{checkoutId}',
  checkoutTtlMinutes: 45,
  reminderTime: '07:30',
  reminderTimeZone: 'Europe/Warsaw',
  reminderSendsPerSecond: 12,
  portalLicenseUrl: 'https://portal.example.com/licenses/{licenseId}',
} satisfies RenewalHubConfig;

/** Synthesizes the stack; no CloudFormation schema validation here (seconds per synth): `cdk synth` runs it. */
export const synthesize = () => {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] }, builtinCloudFormationValidation: false });
  const stack = new RenewalHubStack(app, 'RenewalHub', config);
  const template = Template.fromStack(stack);
  const resources: Record<string, CfnResource> = template.toJSON().Resources;

  const ofType = (type: string) =>
    Object.entries(resources).filter(([, candidate]) => candidate.Type === type);
  const resource = (logicalId: string): CfnResource => {
    const found = resources[logicalId];
    if (!found) throw new Error(`No resource ${logicalId}`);
    return found;
  };
  /** The one resource of a type: its logical id and itself. */
  const only = (type: string): [string, CfnResource] => {
    const [first, ...others] = ofType(type);
    if (!first || others.length > 0) throw new Error(`Expected exactly one ${type}`);
    return first;
  };
  /** A function's logical id, by its description (route key, or the task's). */
  const functionId = (matches: (description: string) => boolean): string => {
    const found = ofType('AWS::Lambda::Function').filter(([, fn]) => matches(fn.Properties.Description));
    const [first, ...others] = found;
    if (!first || others.length > 0) throw new Error(`Expected exactly one function, found ${found.length}`);
    return first[0];
  };
  /** Every statement of every policy attached to a role. */
  const statementsOfRole = (roleId: string): Statement[] =>
    ofType('AWS::IAM::Policy')
      .filter(([, policy]) => policy.Properties.Roles.some((role: { Ref: string }) => role.Ref === roleId))
      .flatMap(([, policy]) => policy.Properties.PolicyDocument.Statement);
  const roleOfFunction = (functionLogicalId: string): string =>
    resource(functionLogicalId).Properties.Role['Fn::GetAtt'][0];
  const statementsOfFunction = (functionLogicalId: string): Statement[] =>
    statementsOfRole(roleOfFunction(functionLogicalId));

  return {
    app,
    stack,
    template,
    resources,
    ofType,
    resource,
    only,
    functionId,
    statementsOfRole,
    roleOfFunction,
    statementsOfFunction,
  };
};

export const actionsOf = (statement: Statement): string[] => [statement.Action].flat();
export const allowed = (statements: Statement[]): Statement[] =>
  statements.filter((statement) => statement.Effect === 'Allow');
export const allowedActions = (statements: Statement[]): string[] => allowed(statements).flatMap(actionsOf);
export const ref = (logicalId: string) => ({ Ref: logicalId });
export const arnOf = (logicalId: string) => ({ 'Fn::GetAtt': [logicalId, 'Arn'] });
