import { join } from 'node:path';
import { Duration, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  CorsHttpMethod,
  type CorsPreflightOptions,
  HttpApi,
  HttpMethod,
  HttpStage,
  LogGroupLogDestination,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { CORS_ALLOW_HEADERS, CORS_EXPOSE_HEADERS, CORS_MAX_AGE_SECONDS } from '../functions/cors-policy';
import { type RouteId, routeList } from '../functions/routes';
import { HandlerFunction } from './lambda-defaults';
import { grantRouteNeeds, type RouteResources, routeEnvironment } from './route-permissions';

/**
 * Default route throttling of the stage (requests per second, burst), well below the account's API Gateway
 * quota: a flood on this API can neither starve the account's other APIs nor run up the Lambda bill
 * (each sign-in runs scrypt on a 1 GB function).
 */
export const STAGE_THROTTLE = { rateLimit: 50, burstLimit: 100 } as const;

/**
 * One JSON object per request. No query string, headers or body: they can carry tokens, cursors and
 * personal data.
 */
const ACCESS_LOG_FORMAT = AccessLogFormat.custom(
  JSON.stringify({
    requestId: '$context.requestId',
    requestTime: '$context.requestTime',
    sourceIp: '$context.identity.sourceIp',
    userAgent: '$context.identity.userAgent',
    routeKey: '$context.routeKey',
    path: '$context.path',
    status: '$context.status',
    responseLength: '$context.responseLength',
    responseLatency: '$context.responseLatency',
    integrationLatency: '$context.integrationLatency',
    integrationError: '$context.integrationErrorMessage',
    error: '$context.error.message',
  }),
);

export interface ApiProps {
  /** Origins allowed by CORS; none means no CORS preflight at all. */
  readonly corsAllowedOrigins: readonly string[];
  /**
   * The application configuration every function gets (names from `EnvName`); each also gets what its
   * route's needs call for (`routeEnvironment`).
   */
  readonly environment: Readonly<Record<string, string>>;
  /** What route functions may be granted, each according to its route's `needs`. */
  readonly resources: RouteResources;
}

/**
 * The HTTP API (API Gateway v2), built from the route table `functions/routes.ts`: one function per route,
 * with the handler `functions/handlers/<id>.ts`, so the deployed routes and the local server's cannot
 * drift apart. Served by the `$default` stage, with access logs and throttling.
 */
export class Api extends Construct {
  public readonly httpApi: HttpApi;
  public readonly stage: HttpStage;
  /** Each route's function, by route id. */
  public readonly functions: ReadonlyMap<RouteId, HandlerFunction>;

  public constructor(scope: Construct, id: string, props: ApiProps) {
    super(scope, id);
    // Requests no route takes get the same RFC 9457 problem as locally, not API Gateway's own body.
    const unmatched = new HandlerFunction(this, 'unmatched-route', {
      entry: join(__dirname, '..', 'functions', 'handlers', 'unmatched-route.ts'),
      description: '$default',
      environment: {},
    });
    this.httpApi = new HttpApi(this, 'HttpApi', {
      apiName: 'renewal-hub',
      defaultIntegration: new HttpLambdaIntegration('unmatched-route', unmatched.function),
      // The default stage of HttpApi takes neither access logs nor throttling: ours is built below.
      createDefaultStage: false,
      corsPreflight:
        props.corsAllowedOrigins.length > 0 ? corsPreflight(props.corsAllowedOrigins) : undefined,
    });
    this.stage = new HttpStage(this, 'DefaultStage', {
      httpApi: this.httpApi,
      stageName: '$default',
      autoDeploy: true,
      throttle: STAGE_THROTTLE,
      accessLogSettings: {
        destination: new LogGroupLogDestination(
          new LogGroup(this, 'AccessLogs', { retention: RetentionDays.THREE_MONTHS }),
        ),
        format: ACCESS_LOG_FORMAT,
      },
    });

    const functions = new Map<RouteId, HandlerFunction>();
    for (const route of routeList()) {
      const handler = new HandlerFunction(this, route.id, {
        entry: join(__dirname, '..', 'functions', 'handlers', `${route.id}.ts`),
        description: `${route.method} ${route.path}`,
        memoryMb: route.memoryMb,
        environment: { ...props.environment, ...routeEnvironment(route, props.resources) },
      });
      grantRouteNeeds(handler, handler.role, route, props.resources);
      functions.set(route.id, handler);
      this.httpApi.addRoutes({
        path: route.path,
        methods: [HttpMethod[route.method]],
        integration: new HttpLambdaIntegration(route.id, handler.function),
      });
    }
    this.functions = functions;

    Validations.of(this.httpApi).acknowledge({
      id: 'AwsSolutions-APIG4',
      reason:
        'Authorization happens in each function, in the shared session middleware (functions/http/handler.ts): ' +
        'a session must stop working the moment it is revoked (logout), which a cached API Gateway ' +
        'authorizer result would not do; sign-in, health and the signed store webhook are public by design.',
    });
  }
}

const corsPreflight = (origins: readonly string[]): CorsPreflightOptions => ({
  allowOrigins: [...origins],
  allowHeaders: [...CORS_ALLOW_HEADERS],
  allowMethods: [...new Set(routeList().map((route) => CorsHttpMethod[route.method]))],
  exposeHeaders: [...CORS_EXPOSE_HEADERS],
  maxAge: Duration.seconds(CORS_MAX_AGE_SECONDS),
});
