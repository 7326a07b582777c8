/**
 * Pins what the deployed stack must be: the route table's routes and nothing else, the table shape the
 * local run also uses, least-privilege roles, and a clean cdk-nag AwsSolutions report.
 * Bundling is skipped (context `aws:cdk:bundling-stacks`); `npx cdk synth` bundles for real.
 */
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { AwsSolutionsChecks } from 'cdk-nag';
import { createTableInput } from '../../functions/adapters/dynamodb/table-definition';
import { EnvName } from '../../functions/config';
import { Need, type RouteDefinition, type RouteId, routeList, routes } from '../../functions/routes';
import { STAGE_THROTTLE } from '../../lib/api';
import { DataTable } from '../../lib/data-table';
import { RenewalHubStack } from '../../lib/renewal-hub-stack';
import { grantRouteNeeds } from '../../lib/route-permissions';
import { TokenSecret } from '../../lib/secrets';

interface CfnResource {
  Type: string;
  // biome-ignore lint/suspicious/noExplicitAny: a synthesized template is untyped JSON; tests read paths in it.
  Properties: Record<string, any>;
  DeletionPolicy?: string;
  UpdateReplacePolicy?: string;
}
interface Statement {
  Effect: 'Allow' | 'Deny';
  Action: string | string[];
  Resource: unknown;
  Condition?: unknown;
}

const config = {
  corsAllowedOrigins: ['https://portal.example.com', 'https://admin.example.com'],
  emailFrom: 'no-reply@mail.example.com',
  opsEmail: 'ops@example.com',
};
// No CloudFormation schema validation here (it adds seconds per synth); `npx cdk synth` runs it.
const app = new App({ context: { 'aws:cdk:bundling-stacks': [] }, builtinCloudFormationValidation: false });
const stack = new RenewalHubStack(app, 'RenewalHub', config);
const template = Template.fromStack(stack);
const resources: Record<string, CfnResource> = template.toJSON().Resources;

const ofType = (type: string) => Object.entries(resources).filter(([, candidate]) => candidate.Type === type);
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
const routeNamed = (id: RouteId): RouteDefinition => routes[id];
const routeKey = (route: RouteDefinition) => `${route.method} ${route.path}`;
const actionsOf = (statement: Statement) => [statement.Action].flat();

/** Each function's logical id, by its route key (functions are described by their route key). */
const functionIdByRouteKey = new Map(
  ofType('AWS::Lambda::Function').map(([id, fn]) => [fn.Properties.Description as string, id]),
);
const functionOf = (route: RouteDefinition): CfnResource => {
  const id = functionIdByRouteKey.get(routeKey(route));
  if (!id) throw new Error(`No function for ${routeKey(route)}`);
  return resource(id);
};
/** Every statement of every policy attached to the route's function role. */
const statementsOf = (route: RouteDefinition): Statement[] => {
  const roleId = functionOf(route).Properties.Role['Fn::GetAtt'][0];
  return ofType('AWS::IAM::Policy')
    .filter(([, policy]) => policy.Properties.Roles.some((role: { Ref: string }) => role.Ref === roleId))
    .flatMap(([, policy]) => policy.Properties.PolicyDocument.Statement);
};
const actionsGranted = (route: RouteDefinition) =>
  statementsOf(route)
    .filter((statement) => statement.Effect === 'Allow')
    .flatMap(actionsOf);
const needs = (route: RouteDefinition) => new Set(route.needs ?? []);

describe('the HTTP API follows the route table', () => {
  it('has exactly one API route per route-table entry, with the same route keys', () => {
    const deployed = ofType('AWS::ApiGatewayV2::Route').map(([, route]) => route.Properties.RouteKey);
    expect(deployed.sort()).toEqual(routeList().map(routeKey).sort());
  });

  it('has one function per route, and each route integrates its own function', () => {
    expect(ofType('AWS::Lambda::Function')).toHaveLength(routeList().length);
    for (const [, apiRoute] of ofType('AWS::ApiGatewayV2::Route')) {
      const integrationId = apiRoute.Properties.Target['Fn::Join'][1][1].Ref;
      const functionId = resource(integrationId).Properties.IntegrationUri['Fn::GetAtt'][0];
      expect(resource(functionId).Properties.Description).toBe(apiRoute.Properties.RouteKey);
    }
  });

  it('runs every function on arm64 and the newest Node runtime, traced, with its own log group', () => {
    for (const route of routeList()) {
      const { Properties: fn } = functionOf(route);
      expect(fn).toMatchObject({
        Architectures: ['arm64'],
        Runtime: 'nodejs24.x',
        Handler: 'index.handler',
        TracingConfig: { Mode: 'Active' },
        Timeout: 10,
        MemorySize: route.memoryMb ?? 256,
      });
      const logGroup = resource(fn.LoggingConfig.LogGroup.Ref);
      expect(logGroup.Type).toBe('AWS::Logs::LogGroup');
      expect(logGroup.Properties.RetentionInDays).toBeGreaterThan(0);
    }
  });

  it('gives every function the configuration it reads', () => {
    const tableId = only('AWS::DynamoDB::Table')[0];
    const secretId = only('AWS::SecretsManager::Secret')[0];
    for (const route of routeList()) {
      expect(functionOf(route).Properties.Environment.Variables).toEqual({
        [EnvName.TABLE_NAME]: { Ref: tableId },
        [EnvName.TOKEN_SECRET_ARN]: { Ref: secretId },
        [EnvName.SMS_TRANSPORT]: 'sns',
        [EnvName.EMAIL_FROM]: config.emailFrom,
        [EnvName.CORS_ALLOWED_ORIGINS]: config.corsAllowedOrigins.join(','),
        NODE_OPTIONS: '--enable-source-maps',
        POWERTOOLS_SERVICE_NAME: 'renewal-hub',
      });
    }
  });

  it('serves the $default stage with JSON access logs and throttling', () => {
    const [, stage] = only('AWS::ApiGatewayV2::Stage');
    expect(stage.Properties).toMatchObject({
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: {
        ThrottlingRateLimit: STAGE_THROTTLE.rateLimit,
        ThrottlingBurstLimit: STAGE_THROTTLE.burstLimit,
      },
    });
    const { DestinationArn, Format } = stage.Properties.AccessLogSettings;
    expect(resource(DestinationArn['Fn::GetAtt'][0]).Type).toBe('AWS::Logs::LogGroup');
    expect(JSON.parse(Format)).toMatchObject({ requestId: '$context.requestId', status: '$context.status' });
  });

  it('answers CORS preflights for the configured origins only', () => {
    const [, api] = only('AWS::ApiGatewayV2::Api');
    const cors = api.Properties.CorsConfiguration;
    expect(cors.AllowOrigins).toEqual(config.corsAllowedOrigins);
    expect(cors.AllowHeaders).toEqual([
      'Authorization',
      'Content-Type',
      'Idempotency-Key',
      'Accept-Language',
    ]);
    expect(cors.ExposeHeaders).toEqual(['Retry-After']);
    expect(cors.AllowCredentials).toBeUndefined();
  });
});

describe('the table', () => {
  it('has the key schema, index and TTL of TableDefinition, billed on demand and protected', () => {
    const expected = createTableInput('any');
    const [, table] = only('AWS::DynamoDB::Table');
    const byName = (a: { AttributeName: string }, b: { AttributeName: string }) =>
      a.AttributeName.localeCompare(b.AttributeName);
    expect([...table.Properties.AttributeDefinitions].sort(byName)).toEqual(
      [...expected.AttributeDefinitions].sort(byName),
    );
    expect(table.Properties).toMatchObject({
      KeySchema: expected.KeySchema,
      GlobalSecondaryIndexes: expected.GlobalSecondaryIndexes,
      BillingMode: expected.BillingMode,
      TimeToLiveSpecification: { AttributeName: 'ttl', Enabled: true },
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      DeletionProtectionEnabled: true,
    });
    expect(table).toMatchObject({ DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
  });
});

describe('least privilege per route', () => {
  const smsPublish = (route: RouteDefinition) =>
    statementsOf(route).filter((statement) => actionsOf(statement).includes('sns:Publish'));

  it('lets SEND_SMS routes publish SMS to phone numbers but never to a topic, and no other route publish', () => {
    for (const route of routeList()) {
      if (!needs(route).has(Need.SEND_SMS)) {
        expect({ route: route.path, publish: smsPublish(route) }).toEqual({ route: route.path, publish: [] });
        continue;
      }
      expect(smsPublish(route)).toEqual([
        { Effect: 'Allow', Action: 'sns:Publish', Resource: '*' },
        {
          Effect: 'Deny',
          Action: 'sns:Publish',
          Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':sns:*:*:*']] },
        },
      ]);
    }
  });

  it('gives health no access to the table or the secret', () => {
    expect(actionsGranted(routeNamed('health')).sort()).toEqual([
      'logs:CreateLogStream',
      'logs:PutLogEvents',
      'xray:PutTelemetryRecords',
      'xray:PutTraceSegments',
    ]);
  });

  it('grants the table read-only to TABLE_READ_ONLY routes and read-write to the others; the secret to all', () => {
    for (const route of routeList().filter((route) => !needs(route).has(Need.NO_AWS_ACCESS))) {
      const actions = actionsGranted(route);
      expect(actions).toEqual(expect.arrayContaining(['dynamodb:GetItem', 'dynamodb:Query']));
      expect(actions).toEqual(expect.arrayContaining(['secretsmanager:GetSecretValue']));
      const writes = actions.includes('dynamodb:PutItem') && actions.includes('dynamodb:UpdateItem');
      expect({ route: route.path, writes }).toEqual({
        route: route.path,
        writes: !needs(route).has(Need.TABLE_READ_ONLY),
      });
      expect(actions).not.toContain('dynamodb:Scan');
    }
  });

  it('names the table and its index, not index/*', () => {
    const tableArn = { 'Fn::GetAtt': [only('AWS::DynamoDB::Table')[0], 'Arn'] };
    const table = statementsOf(routeNamed('login')).find((statement) =>
      actionsOf(statement).includes('dynamodb:GetItem'),
    );
    expect(table?.Resource).toEqual([tableArn, { 'Fn::Join': ['', [tableArn, '/index/gsi1']] }]);
  });

  it('lets SEND_EMAIL routes send from the configured address only, as its SES identities', () => {
    const scope = new Stack(new App({ builtinCloudFormationValidation: false }), 'EmailGrant');
    const role = new Role(scope, 'Role', { assumedBy: new ServicePrincipal('lambda.amazonaws.com') });
    const route: RouteDefinition = {
      method: 'POST',
      path: '/x',
      auth: true,
      needs: [Need.SEND_EMAIL],
      summary: '',
    };
    grantRouteNeeds(scope, role, route, {
      table: new DataTable(scope, 'Data'),
      tokenSecret: new TokenSecret(scope, 'Secret').secret,
      emailFrom: 'no-reply@mail.example.com',
    });
    const identity = (name: string) => ({
      'Fn::Join': [
        '',
        [
          'arn:',
          { Ref: 'AWS::Partition' },
          ':ses:',
          { Ref: 'AWS::Region' },
          ':',
          { Ref: 'AWS::AccountId' },
          `:identity/${name}`,
        ],
      ],
    });
    const statements: Statement[] = Object.values(
      Template.fromStack(scope).findResources('AWS::IAM::Policy'),
    ).flatMap((policy) => policy.Properties.PolicyDocument.Statement);
    expect(statements).toContainEqual({
      Effect: 'Allow',
      Action: 'ses:SendEmail',
      Resource: [identity('no-reply@mail.example.com'), identity('mail.example.com')],
      Condition: { StringEquals: { 'ses:FromAddress': 'no-reply@mail.example.com' } },
    });
  });
});

describe('secrets and operations', () => {
  it('generates the token secret in Secrets Manager; the template holds its ARN only', () => {
    template.hasResourceProperties('AWS::SecretsManager::Secret', {
      GenerateSecretString: { PasswordLength: 64, ExcludePunctuation: true },
    });
    const secretValues = JSON.stringify(template.toJSON()).match(/"SecretString"|"SecretStringTemplate"/g);
    expect(secretValues).toBeNull();
  });

  it('has an encrypted, TLS-only operations topic with the configured email subscription', () => {
    template.hasResourceProperties('AWS::SNS::Topic', {
      KmsMasterKeyId: {
        'Fn::Join': [
          '',
          [
            'arn:',
            { Ref: 'AWS::Partition' },
            ':kms:',
            { Ref: 'AWS::Region' },
            ':',
            { Ref: 'AWS::AccountId' },
            ':alias/aws/sns',
          ],
        ],
      },
    });
    const [, policy] = only('AWS::SNS::TopicPolicy');
    expect(policy.Properties.PolicyDocument.Statement).toContainEqual(
      expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
    );
    template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: config.opsEmail,
    });
  });
});

describe('cdk-nag', () => {
  it('finds nothing unacknowledged with the AwsSolutions rules', () => {
    const { violations } = new AwsSolutionsChecks().validateScope(app);
    const findings = violations.map(
      (violation) =>
        `${violation.severity} ${violation.ruleName}: ${violation.description} at ` +
        violation.violatingResources.map((resource) => resource.constructPath).join(', '),
    );
    expect(findings).toEqual([]);
  });
});
