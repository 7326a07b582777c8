import { Duration, Validations } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { type BundlingOptions, NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { SERVICE_NAME } from '../functions/metric-names';

/**
 * esbuild options of every handler bundle. `test/bench/bundle-sizes.ts` bundles with these very options,
 * so the sizes and import times it prints are the deployed ones (STACK.md, "Cold start"):
 * - ESM with the `module` main fields lets esbuild tree-shake the AWS SDK (335 KB, vs 537 KB as CJS);
 * - `externalModules: []` bundles the SDK: the runtime's own copy imports twice as slowly;
 * - `target: 'node22'`: the oldest current Lambda Node runtime, which local Node also imports;
 * - `sourcesContent: false`: `--enable-source-maps` only needs the mappings, not a copy of the sources;
 * - the banner defines `require` in the ESM bundle. No bundle needs it today (esbuild emits no `__require`),
 *   but a CommonJS dependency that requires a Node built-in, even lazily while serving a request, would
 *   otherwise fail in production with "Dynamic require of ... is not supported"; it costs nothing.
 */
export const handlerBundling = {
  minify: true,
  sourceMap: true,
  sourcesContent: false,
  format: OutputFormat.ESM,
  mainFields: ['module', 'main'],
  target: 'node22',
  banner: "import{createRequire as __cr}from'node:module';const require=__cr(import.meta.url);",
  externalModules: [],
} satisfies BundlingOptions;

/** The Lambda runtime of every function; `npm run bundle-sizes` imports the bundles with its major version. */
export const handlerRuntime = Runtime.NODEJS_24_X;

/** Environment every function gets besides the application configuration. */
export const runtimeEnvironment = {
  /** Stack traces point at the TypeScript sources. */
  NODE_OPTIONS: '--enable-source-maps',
  POWERTOOLS_SERVICE_NAME: SERVICE_NAME,
} as const;

/** What varies between handler functions. */
export interface HandlerFunctionProps {
  /** The handler module; it exports `handler`. */
  readonly entry: string;
  readonly description: string;
  /** @default 256 */
  readonly memoryMb?: number;
  readonly environment: Readonly<Record<string, string>>;
  /** @default 10 */
  readonly timeoutSeconds?: number;
}

/**
 * A handler: a {@link NodejsFunction} with the shared defaults (arm64, newest Node runtime, active X-Ray
 * tracing), its own log group with a retention, and its own role that may write to that log group only.
 * The role is explicit so the function does not get the managed AWSLambdaBasicExecutionRole, which
 * allows writing to every log group of the account.
 */
export class HandlerFunction extends Construct {
  /** The function; grant it what its route needs. */
  public readonly function: NodejsFunction;
  public readonly role: Role;
  /** Where the function logs (Powertools JSON lines). */
  public readonly logGroup: LogGroup;

  public constructor(scope: Construct, id: string, props: HandlerFunctionProps) {
    super(scope, id);
    const logGroup = new LogGroup(this, 'Logs', { retention: RetentionDays.ONE_MONTH });
    this.logGroup = logGroup;
    this.role = new Role(this, 'Role', { assumedBy: new ServicePrincipal('lambda.amazonaws.com') });
    logGroup.grantWrite(this.role);
    this.function = new NodejsFunction(this, 'Function', {
      entry: props.entry,
      description: props.description,
      runtime: handlerRuntime,
      architecture: Architecture.ARM_64,
      memorySize: props.memoryMb ?? 256,
      timeout: Duration.seconds(props.timeoutSeconds ?? 10),
      tracing: Tracing.ACTIVE,
      logGroup,
      role: this.role,
      bundling: handlerBundling,
      environment: { ...runtimeEnvironment, ...props.environment },
    });
    Validations.of(this.role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'Active tracing needs xray:PutTraceSegments and xray:PutTelemetryRecords, which have no resource-level permissions.',
    });
  }
}
