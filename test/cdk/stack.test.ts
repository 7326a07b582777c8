/**
 * Pins what the deployed stack must be: the route table's routes and nothing else, the table shape the
 * local run also uses, least-privilege roles, and a clean cdk-nag AwsSolutions report.
 * Bundling is skipped (context `aws:cdk:bundling-stacks`); `npx cdk synth` bundles for real.
 */
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { StateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { createTableInput } from '../../functions/adapters/dynamodb/table-definition';
import { EnvName, readConfig } from '../../functions/config';
import { Need, type RouteDefinition, type RouteId, routeList, routes } from '../../functions/routes';
import { purchaseTaskList } from '../../functions/workflow/definition';
import { STAGE_THROTTLE } from '../../lib/api';
import { DataTable } from '../../lib/data-table';
import { OpsTopic } from '../../lib/ops-topic';
import { grantRouteNeeds, ROUTE_NEEDS } from '../../lib/route-permissions';
import { TokenSecret } from '../../lib/secrets';
import { actionsOf, allowedActions, config, type Statement, synthesize } from './synth';

const { app, template, ofType, resource, only, functionId, statementsOfFunction } = synthesize();

const routeNamed = (id: RouteId): RouteDefinition => routes[id];
const routeKey = (route: RouteDefinition) => `${route.method} ${route.path}`;

/** A route's function (functions are described by their route key). */
const functionIdOf = (route: RouteDefinition): string =>
  functionId((description) => description === routeKey(route));
const functionOf = (route: RouteDefinition) => resource(functionIdOf(route));
/** Every statement of every policy attached to the route's function role. */
const statementsOf = (route: RouteDefinition): Statement[] => statementsOfFunction(functionIdOf(route));
const actionsGranted = (route: RouteDefinition) => allowedActions(statementsOf(route));
const needs = (route: RouteDefinition) => new Set(route.needs ?? []);
const secretId = (prefix: string): string => {
  const found = ofType('AWS::SecretsManager::Secret').find(([id]) => id.startsWith(prefix));
  if (!found) throw new Error(`No secret ${prefix}`);
  return found[0];
};
const tokenSecretId = secretId('TokenSecret');
const webhookSecretId = secretId('StoreWebhookSecret');
const stateMachineId = only('AWS::StepFunctions::StateMachine')[0];

describe('the HTTP API follows the route table', () => {
  it('has exactly one API route per route-table entry, with the same route keys', () => {
    const deployed = ofType('AWS::ApiGatewayV2::Route').map(([, route]) => route.Properties.RouteKey);
    expect(deployed.sort()).toEqual([...routeList().map(routeKey), '$default'].sort());
  });

  it('answers requests no route takes with its own problem-details function, which can touch nothing', () => {
    const fallback = ofType('AWS::Lambda::Function').filter(
      ([, fn]) => fn.Properties.Description === '$default',
    );
    const [[fallbackId, fn] = []] = fallback;
    const policies = ofType('AWS::IAM::Policy').filter(([, policy]) =>
      JSON.stringify(policy.Properties.Roles).includes(fn?.Properties.Role['Fn::GetAtt'][0]),
    );
    const actions = JSON.stringify(policies.map(([, policy]) => policy.Properties.PolicyDocument));

    expect(fallback).toHaveLength(1);
    expect(fallbackId).toEqual(expect.any(String));
    expect(actions).not.toMatch(/dynamodb|secretsmanager|sns:|states:|ses:/);
  });

  it('has one function per route, and each route integrates its own function', () => {
    const apiFunctions = ofType('AWS::Lambda::Function').filter(
      ([id, fn]) => id.startsWith('Api') && fn.Properties.Description !== '$default',
    );
    expect(apiFunctions).toHaveLength(routeList().length);
    // The others are the `$default` fallback, the purchase workflow's tasks, the two webhook consumers
    // and the reminder job's two functions.
    expect(ofType('AWS::Lambda::Function')).toHaveLength(
      routeList().length + 1 + purchaseTaskList().length + 2 + 2,
    );
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

  it('gives every function the configuration it reads, and ARNs only for what its needs grant', () => {
    const common = {
      [EnvName.TABLE_NAME]: { Ref: only('AWS::DynamoDB::Table')[0] },
      [EnvName.SMS_TRANSPORT]: 'sns',
      [EnvName.EMAIL_FROM]: config.emailFrom,
      [EnvName.STORE_CHECKOUT_URL]: config.storeCheckoutUrl,
      [EnvName.CHECKOUT_TTL_MINUTES]: String(config.checkoutTtlMinutes),
      NODE_OPTIONS: '--enable-source-maps',
      POWERTOOLS_SERVICE_NAME: 'renewal-hub',
    };
    const webhookQueueId = ofType('AWS::SQS::Queue').find(([id]) => id.includes('Attempts'))?.[0];
    for (const route of routeList()) {
      const has = (need: Need) => needs(route).has(need);
      const withTokenSecret = !has(Need.NO_AWS_ACCESS) && !has(Need.NO_TOKEN_SECRET);
      expect({ route: route.path, env: functionOf(route).Properties.Environment.Variables }).toEqual({
        route: route.path,
        env: {
          ...common,
          ...(withTokenSecret && { [EnvName.TOKEN_SECRET_ARN]: { Ref: tokenSecretId } }),
          ...(has(Need.START_PURCHASE_WORKFLOW) && {
            [EnvName.PURCHASE_STATE_MACHINE_ARN]: { Ref: stateMachineId },
          }),
          ...(has(Need.STORE_WEBHOOK_SECRET) && {
            [EnvName.STORE_WEBHOOK_SECRET_ARN]: { Ref: webhookSecretId },
          }),
          ...(has(Need.NOTIFY_OPS) && {
            [EnvName.OPS_TRANSPORT]: 'sns',
            [EnvName.OPS_TOPIC_ARN]: { Ref: only('AWS::SNS::Topic')[0] },
          }),
          ...(has(Need.QUEUE_WEBHOOK_DELIVERY) && {
            [EnvName.WEBHOOK_TRANSPORT]: 'sqs',
            [EnvName.WEBHOOK_QUEUE_URL]: { Ref: webhookQueueId },
          }),
        },
      });
    }
  });

  it('sets no environment variable that functions/config.ts does not read', () => {
    const runtimeOnly = new Set(['NODE_OPTIONS', 'POWERTOOLS_SERVICE_NAME']);
    const unread = new Set<string>();
    for (const [, fn] of ofType('AWS::Lambda::Function')) {
      for (const [name, value] of Object.entries<unknown>(fn.Properties.Environment.Variables)) {
        if (runtimeOnly.has(name)) continue;
        // Read means: some value of it (the deployed one, another transport, an ARN, a number) changes the
        // configuration from the defaults.
        const samples = [
          String(typeof value === 'string' ? value : ''),
          'outbox',
          `arn:aws:x:eu-west-1:1:${name}`,
          '7',
        ];
        // A value the schema refuses counts as read too: the variable is checked.
        const base = { TABLE_NAME: name === 'TABLE_NAME' ? 'base-table' : 'sample-table' };
        const read = (env: Record<string, string>): string => {
          try {
            return JSON.stringify(readConfig(env));
          } catch {
            return 'refused';
          }
        };
        const defaults = read(base);
        if (samples.every((sample) => read({ ...base, [name]: sample }) === defaults)) unread.add(name);
      }
    }
    expect([...unread].sort()).toEqual([]);
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
  const opsTopic = { Ref: only('AWS::SNS::Topic')[0] };
  const publishing = (route: RouteDefinition) =>
    statementsOf(route).filter((statement) => actionsOf(statement).includes('sns:Publish'));

  it('has an effect for every Need, so that no need can be silently ignored', () => {
    expect(Object.keys(ROUTE_NEEDS).sort()).toEqual(Object.values(Need).sort());
  });

  it('lets SEND_SMS routes publish SMS to phone numbers but never to a topic, and no other route publish SMS', () => {
    for (const route of routeList()) {
      // Publishing to the operations topic is NOTIFY_OPS's, tested below.
      const smsStatements = publishing(route).filter(
        (statement) => JSON.stringify(statement.Resource) !== JSON.stringify(opsTopic),
      );
      if (!needs(route).has(Need.SEND_SMS)) {
        expect({ route: route.path, publish: smsStatements }).toEqual({ route: route.path, publish: [] });
        continue;
      }
      expect(smsStatements).toEqual([
        { Effect: 'Allow', Action: 'sns:Publish', Resource: '*' },
        {
          Effect: 'Deny',
          Action: 'sns:Publish',
          Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':sns:*:*:*']] },
        },
      ]);
    }
  });

  it('lets NOTIFY_OPS routes publish to the operations topic (and use its key), and no other route', () => {
    const keyArn = { 'Fn::GetAtt': [only('AWS::KMS::Key')[0], 'Arn'] };
    for (const route of routeList()) {
      const toTopic = publishing(route).filter(
        (statement) => JSON.stringify(statement.Resource) === JSON.stringify(opsTopic),
      );
      const keyUse = statementsOf(route).filter(
        (statement) => JSON.stringify(statement.Resource) === JSON.stringify(keyArn),
      );
      const notifies = needs(route).has(Need.NOTIFY_OPS);
      expect({ route: route.path, toTopic, keyUse }).toEqual({
        route: route.path,
        toTopic: notifies ? [{ Effect: 'Allow', Action: 'sns:Publish', Resource: opsTopic }] : [],
        keyUse: notifies
          ? [{ Effect: 'Allow', Action: ['kms:Decrypt', 'kms:GenerateDataKey*'], Resource: keyArn }]
          : [],
      });
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

  it('grants the table read-only to TABLE_READ_ONLY routes and read-write to the others', () => {
    for (const route of routeList().filter((route) => !needs(route).has(Need.NO_AWS_ACCESS))) {
      const actions = actionsGranted(route);
      expect(actions).toEqual(expect.arrayContaining(['dynamodb:GetItem', 'dynamodb:Query']));
      const writes = actions.includes('dynamodb:PutItem') && actions.includes('dynamodb:UpdateItem');
      expect({ route: route.path, writes }).toEqual({
        route: route.path,
        writes: !needs(route).has(Need.TABLE_READ_ONLY),
      });
      expect(actions).not.toContain('dynamodb:Scan');
    }
  });

  it("lets a read-only route that takes API keys update only keys' and rate counters' items", () => {
    for (const route of routeList().filter((route) => needs(route).has(Need.TABLE_READ_ONLY))) {
      const bookkeeping = statementsOf(route).filter((statement) => statement.Condition);
      expect({ route: route.path, bookkeeping }).toEqual({
        route: route.path,
        bookkeeping: route.scope
          ? [
              {
                Effect: 'Allow',
                Action: 'dynamodb:UpdateItem',
                Resource: expect.anything(),
                Condition: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['APIKEY#*', 'RATE#*'] } },
              },
            ]
          : [],
      });
    }
  });

  it('lets each route read exactly the secrets its needs call for', () => {
    for (const route of routeList()) {
      const secrets = statementsOf(route)
        .filter((statement) => actionsOf(statement).some((action) => action.startsWith('secretsmanager:')))
        .map((statement) => statement.Resource);
      const has = (need: Need) => needs(route).has(need);
      expect({ route: route.path, secrets }).toEqual({
        route: route.path,
        secrets: [
          ...(has(Need.NO_AWS_ACCESS) || has(Need.NO_TOKEN_SECRET) ? [] : [{ Ref: tokenSecretId }]),
          ...(has(Need.STORE_WEBHOOK_SECRET) ? [{ Ref: webhookSecretId }] : []),
        ],
      });
    }
  });

  it("lets the store's webhook start the purchase state machine and read its own secret, nothing more", () => {
    const webhook = statementsOf(routeNamed('store-webhook'));
    const states = webhook.filter((statement) =>
      actionsOf(statement).some((action) => action.startsWith('states:')),
    );
    expect(states).toEqual([
      { Effect: 'Allow', Action: 'states:StartExecution', Resource: { Ref: stateMachineId } },
    ]);
    expect(
      webhook.filter((statement) => actionsOf(statement).some((a) => a.startsWith('secretsmanager:'))),
    ).toEqual([
      {
        Effect: 'Allow',
        Action: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'],
        Resource: { Ref: webhookSecretId },
      },
    ]);
    expect(
      allowedActions(webhook)
        .filter((action) => !action.startsWith('dynamodb:'))
        .sort(),
    ).toEqual([
      'kms:Decrypt',
      'kms:GenerateDataKey*',
      'logs:CreateLogStream',
      'logs:PutLogEvents',
      'secretsmanager:DescribeSecret',
      'secretsmanager:GetSecretValue',
      'sns:Publish',
      'states:StartExecution',
      'xray:PutTelemetryRecords',
      'xray:PutTraceSegments',
    ]);
  });

  it('lets no other route, and no role at all besides, start or touch a state machine', () => {
    const webhookRole = resource(functionIdOf(routeNamed('store-webhook'))).Properties.Role['Fn::GetAtt'][0];
    const touching = ofType('AWS::IAM::Policy')
      .filter(([, policy]) =>
        policy.Properties.PolicyDocument.Statement.some((statement: Statement) =>
          actionsOf(statement).some((action) => action.startsWith('states:') || action === '*'),
        ),
      )
      .flatMap(([, policy]) => policy.Properties.Roles.map((role: { Ref: string }) => role.Ref));
    expect(touching).toEqual([webhookRole]);
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
    const arn = (service: string, resource: string) =>
      `arn:aws:${service}:eu-west-1:123456789012:${resource}`;
    grantRouteNeeds(scope, role, route, {
      table: new DataTable(scope, 'Data'),
      tokenSecret: new TokenSecret(scope, 'Secret').secret,
      emailFrom: 'no-reply@mail.example.com',
      storeWebhookSecret: Secret.fromSecretCompleteArn(
        scope,
        'Store',
        arn('secretsmanager', 'secret:s-AbCdEf'),
      ),
      purchaseStateMachine: StateMachine.fromStateMachineArn(
        scope,
        'Purchase',
        arn('states', 'stateMachine:p'),
      ),
      opsTopic: new OpsTopic(scope, 'Ops'),
      webhookQueue: Queue.fromQueueArn(scope, 'Queue', arn('sqs', 'attempts')),
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
    // Nothing the route does not need: no state machine, no store secret, no topic.
    expect(statements.flatMap(actionsOf).filter((action) => /^(states|sns|kms):/.test(action))).toEqual([]);
  });
});

describe('secrets and operations', () => {
  it('generates both secrets in Secrets Manager; the template holds their ARNs only', () => {
    expect(resource(tokenSecretId).Properties.GenerateSecretString).toEqual({
      PasswordLength: 64,
      ExcludePunctuation: true,
    });
    // The store's secret: a random placeholder until operations put the store's value.
    expect(resource(webhookSecretId).Properties.GenerateSecretString).toEqual({
      PasswordLength: 64,
      ExcludePunctuation: true,
    });
    const secretValues = JSON.stringify(template.toJSON()).match(/"SecretString"|"SecretStringTemplate"/g);
    expect(secretValues).toBeNull();
  });

  it("outputs the store webhook secret's ARN with what operations must do with it", () => {
    const output = template.toJSON().Outputs.StoreWebhookSecretArn;
    expect(output.Value).toEqual({ Ref: webhookSecretId });
    expect(output.Description).toMatch(/put-secret-value/);
    expect(output.Description.length).toBeLessThanOrEqual(1024);
  });

  it('encrypts the operations topic with its own rotated KMS key, TLS only, with the configured email subscription', () => {
    const [keyId, key] = only('AWS::KMS::Key');
    expect(key.Properties.EnableKeyRotation).toBe(true);
    template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: { 'Fn::GetAtt': [keyId, 'Arn'] } });
    const [, policy] = only('AWS::SNS::TopicPolicy');
    expect(policy.Properties.PolicyDocument.Statement).toContainEqual(
      expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
    );
    template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: config.opsEmail,
    });
  });

  it("lets this account's CloudWatch alarms, and no one else's, use the key and publish to the topic", () => {
    const ownAlarms = {
      ArnLike: {
        'aws:SourceArn': {
          'Fn::Join': [
            '',
            [
              'arn:',
              { Ref: 'AWS::Partition' },
              ':cloudwatch:',
              { Ref: 'AWS::Region' },
              ':',
              { Ref: 'AWS::AccountId' },
              ':alarm:*',
            ],
          ],
        },
      },
      StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } },
    };
    const [, key] = only('AWS::KMS::Key');
    expect(key.Properties.KeyPolicy.Statement).toContainEqual({
      Sid: 'AllowCloudWatchAlarmsToUseTheKey',
      Effect: 'Allow',
      Principal: { Service: 'cloudwatch.amazonaws.com' },
      Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
      Resource: '*',
      Condition: ownAlarms,
    });
    const [, policy] = only('AWS::SNS::TopicPolicy');
    expect(policy.Properties.PolicyDocument.Statement).toContainEqual({
      Sid: 'AllowCloudWatchAlarmsToPublish',
      Effect: 'Allow',
      Principal: { Service: 'cloudwatch.amazonaws.com' },
      Action: 'sns:Publish',
      Resource: { Ref: only('AWS::SNS::Topic')[0] },
      Condition: ownAlarms,
    });
  });

  it("alarms operations when the store's webhook crashes or answers 500", () => {
    const webhookId = functionIdOf(routeNamed('store-webhook'));
    const logGroupId = resource(webhookId).Properties.LoggingConfig.LogGroup.Ref;
    const filters = ofType('AWS::Logs::MetricFilter').filter(
      ([, candidate]) => candidate.Properties.LogGroupName.Ref === logGroupId,
    );
    expect(filters).toHaveLength(1);
    expect(filters[0]?.[1].Properties).toEqual({
      LogGroupName: { Ref: logGroupId },
      FilterPattern: '{ $.level = "ERROR" }',
      MetricTransformations: [
        { MetricNamespace: 'RenewalHub', MetricName: 'StoreWebhookLoggedErrors', MetricValue: '1' },
      ],
    });
    const alarm = ofType('AWS::CloudWatch::Alarm').find(([id]) =>
      id.startsWith('StoreWebhookErrorsAlarm'),
    )?.[1];
    expect(alarm?.Properties).toMatchObject({
      ComparisonOperator: 'GreaterThanThreshold',
      Threshold: 0,
      EvaluationPeriods: 1,
      TreatMissingData: 'notBreaching',
      AlarmActions: [{ Ref: only('AWS::SNS::Topic')[0] }],
    });
    const metrics = alarm?.Properties.Metrics;
    expect(metrics).toContainEqual(
      expect.objectContaining({ Expression: 'FILL(crashes, 0) + FILL(logged, 0)' }),
    );
    expect(metrics).toContainEqual({
      Id: 'crashes',
      ReturnData: false,
      MetricStat: {
        Metric: {
          Namespace: 'AWS/Lambda',
          MetricName: 'Errors',
          Dimensions: [{ Name: 'FunctionName', Value: { Ref: webhookId } }],
        },
        Period: 300,
        Stat: 'Sum',
      },
    });
    expect(metrics).toContainEqual({
      Id: 'logged',
      ReturnData: false,
      MetricStat: {
        Metric: { Namespace: 'RenewalHub', MetricName: 'StoreWebhookLoggedErrors' },
        Period: 300,
        Stat: 'Sum',
      },
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
