/**
 * Prints what each handler bundle (each route's, and each purchase-workflow task's) costs at cold start: its size, and the time a fresh Node process
 * takes to import it (median of {@link RUNS}), against a floor, the smallest honest handler (one
 * DynamoDBDocumentClient GetCommand). Bundles are built with the deployed esbuild options
 * (`handlerBundling` of lib/lambda-defaults.ts) and imported with the deployed NODE_OPTIONS.
 * Not a test: `npm run bundle-sizes` prints figures. STACK.md's target: every handler within 1.5× the
 * floor's import time, most within 1.25×.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type BuildOptions, build } from 'esbuild';
import { EnvName } from '../../functions/config';
import { routeList } from '../../functions/routes';
import { purchaseTaskList } from '../../functions/workflow/definition';
import { handlerBundling, runtimeEnvironment } from '../../lib/lambda-defaults';

const RUNS = 5;
const ROOT = join(__dirname, '..', '..');

const FLOOR_SOURCE = `
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
const client = DynamoDBDocumentClient.from(new DynamoDBClient({}));
export const handler = async (event: { id: string }) =>
  (await client.send(new GetCommand({ TableName: process.env.TABLE_NAME, Key: { pk: event.id, sk: 'x' } }))).Item;
`;

/** Dummy configuration: enough for every module to initialise; nothing is called. */
const IMPORT_ENV = {
  ...process.env,
  ...runtimeEnvironment,
  AWS_REGION: 'eu-central-1',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  [EnvName.TABLE_NAME]: 'renewal-hub',
  [EnvName.TOKEN_SECRET_ARN]: 'arn:aws:secretsmanager:eu-central-1:123456789012:secret:token-AbCdEf',
  [EnvName.SMS_TRANSPORT]: 'sns',
  [EnvName.EMAIL_FROM]: 'no-reply@renewal-hub.example',
  [EnvName.STORE_CHECKOUT_URL]: 'https://store.renewal-hub.example/checkouts/{checkoutId}',
  [EnvName.CHECKOUT_TTL_MINUTES]: '60',
  [EnvName.PURCHASE_STATE_MACHINE_ARN]: 'arn:aws:states:eu-central-1:123456789012:stateMachine:purchase',
  [EnvName.STORE_WEBHOOK_SECRET_ARN]: 'arn:aws:secretsmanager:eu-central-1:123456789012:secret:store-AbCdEf',
  [EnvName.OPS_TRANSPORT]: 'sns',
  [EnvName.OPS_TOPIC_ARN]: 'arn:aws:sns:eu-central-1:123456789012:ops',
};

/** Every deployed handler: one per route (`functions/handlers`), one per workflow task (`functions/tasks`). */
const handlers = (): Array<{ name: string; entry: string }> => [
  ...routeList().map((route) => ({
    name: route.id,
    entry: join(ROOT, 'functions', 'handlers', `${route.id}.ts`),
  })),
  ...purchaseTaskList().map((task) => ({
    name: `task ${task.name}`,
    entry: join(ROOT, 'functions', 'tasks', `${task.handler}.ts`),
  })),
];

/**
 * `handlerBundling` as esbuild options, field by field: `rest` must be empty, so an option added there
 * and not mapped here is a compile error rather than a silent difference.
 */
const esbuildOptions = (): BuildOptions => {
  const { minify, sourceMap, sourcesContent, format, mainFields, target, banner, externalModules, ...rest } =
    handlerBundling;
  rest satisfies Record<string, never>;
  return {
    bundle: true,
    platform: 'node',
    minify,
    sourcemap: sourceMap,
    sourcesContent,
    format: format === 'esm' ? 'esm' : 'cjs',
    mainFields,
    target,
    banner: { js: banner },
    external: externalModules,
    logLevel: 'silent',
  };
};

/** Import time in ms of `file` in a fresh Node process: the median of {@link RUNS}. */
const importMs = (file: string): number => {
  const script =
    'const t = performance.now(); await import(process.argv[1]); process.stdout.write(String(performance.now() - t));';
  const times = Array.from({ length: RUNS }, () => {
    const child = spawnSync(
      process.execPath,
      ['--input-type=module', '-e', script, pathToFileURL(file).href],
      {
        env: IMPORT_ENV,
        encoding: 'utf8',
      },
    );
    if (child.status !== 0) throw new Error(child.stderr.trim().split('\n').slice(0, 3).join(' '));
    return Number(child.stdout);
  }).sort((a, b) => a - b);
  return times[Math.floor(RUNS / 2)] ?? Number.NaN;
};

interface Measure {
  name: string;
  kb: number;
  ms: number;
}

const measure = async (
  name: string,
  outfile: string,
  source: Pick<BuildOptions, 'entryPoints' | 'stdin'>,
) => {
  await build({ ...esbuildOptions(), ...source, outfile });
  return { name, kb: statSync(outfile).size / 1024, ms: importMs(outfile) } satisfies Measure;
};

const main = async (): Promise<void> => {
  const dir = mkdtempSync(join(tmpdir(), 'bundle-sizes-'));
  try {
    const floor = await measure('(floor: one GetCommand)', join(dir, 'floor.mjs'), {
      stdin: { contents: FLOOR_SOURCE, loader: 'ts', resolveDir: ROOT, sourcefile: 'floor.ts' },
    });
    const rows: string[] = [];
    const row = (m: Measure) =>
      [
        m.name.padEnd(26),
        m.kb.toFixed(1).padStart(10),
        m.ms.toFixed(1).padStart(10),
        (m.kb / floor.kb).toFixed(2).padStart(8),
        (m.ms / floor.ms).toFixed(2).padStart(8),
      ].join(' ');
    rows.push(row(floor));
    for (const [index, { name, entry }] of handlers().entries()) {
      try {
        rows.push(row(await measure(name, join(dir, `${index}.mjs`), { entryPoints: [entry] })));
      } catch (error) {
        process.exitCode = 1;
        rows.push(`${name.padEnd(26)} failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    console.log(`esbuild ${JSON.stringify(esbuildOptions())}`);
    console.log(
      `import: median of ${RUNS} fresh processes, NODE_OPTIONS=${runtimeEnvironment.NODE_OPTIONS}\n`,
    );
    console.log(
      ['handler'.padEnd(26), 'bundle KB'.padStart(10), 'import ms'.padStart(10), 'KB×floor', 'ms×floor'].join(
        ' ',
      ),
    );
    for (const line of rows) console.log(line);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};

void main();
