/**
 * Prints what each handler bundle (each route's, and each purchase-workflow task's) costs at cold start: its size, and the time a fresh Node process
 * takes to import it (median of {@link RUNS}), against a floor, the smallest honest handler (one
 * DynamoDBDocumentClient GetCommand). Bundles are built with the deployed esbuild options
 * (`handlerBundling` of lib/lambda-defaults.ts) and imported with the deployed NODE_OPTIONS.
 * Not a test: `npm run bundle-sizes` prints figures and whether they are within the budget (exit code 1
 * when not): every handler within 1.5× the floor's import time, the median within 1.2×.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type BuildOptions, build } from 'esbuild';
import { EnvName } from '../../functions/config';
import { routeList } from '../../functions/routes';
import { purchaseTaskList } from '../../functions/workflow/definition';
import { handlerBundling, handlerRuntime, runtimeEnvironment } from '../../lib/lambda-defaults';

const RUNS = 9;
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

/** Every deployed handler: one per route (`functions/handlers`), per workflow task (`functions/tasks`), per consumer. */
const handlers = (): Array<{ name: string; entry: string }> => [
  ...routeList().map((route) => ({
    name: route.id,
    entry: join(ROOT, 'functions', 'handlers', `${route.id}.ts`),
  })),
  ...purchaseTaskList().map((task) => ({
    name: `task ${task.name}`,
    entry: join(ROOT, 'functions', 'tasks', `${task.handler}.ts`),
  })),
  // Every module of functions/consumers is a deployed function (webhooks, reminders): none is left out.
  ...readdirSync(join(ROOT, 'functions', 'consumers'))
    .filter((file) => file.endsWith('.ts'))
    .map((file) => ({
      name: file.replace(/\.ts$/, ''),
      entry: join(ROOT, 'functions', 'consumers', file),
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

/**
 * The Node.js that imports the bundles: `BUNDLE_SIZES_NODE` (e.g. the binary of the npm `node@24`
 * package, the Lambda runtime's major version), else this one.
 */
const NODE = process.env.BUNDLE_SIZES_NODE ?? process.execPath;

/** The deployed runtime's major version (`nodejs24.x` → 24): figures from another major can mislead. */
const RUNTIME_MAJOR = Number(/^nodejs(\d+)/.exec(handlerRuntime.name)?.[1]);

/** Import time in ms of `file` in one fresh Node process. */
const importOnce = (file: string): number => {
  const script =
    'const t = performance.now(); await import(process.argv[1]); process.stdout.write(String(performance.now() - t));';
  const child = spawnSync(NODE, ['--input-type=module', '-e', script, pathToFileURL(file).href], {
    env: IMPORT_ENV,
    encoding: 'utf8',
  });
  if (child.status !== 0) throw new Error(child.stderr.trim().split('\n').slice(0, 3).join(' '));
  return Number(child.stdout);
};

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((x, y) => x - y);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[middle] ?? Number.NaN)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
};

/** The budget of issue 8: every handler within 1.5× the floor's import time, the median within 1.2×. */
const BUDGET = { worst: 1.5, median: 1.2 } as const;

interface Bundle {
  name: string;
  file: string;
  kb: number;
}

/**
 * The floor is imported again after every this many bundles. Every ratio divides by the floor's median,
 * so its error is shared by all of them: measured ~6× as often, it no longer sets the whole table's luck.
 */
const FLOOR_EVERY = 8;

/**
 * Median import time of every bundle over {@link RUNS} rounds, the floor (the first bundle) first.
 * Each round imports every bundle once, in turn, and the floor between them, so a machine that gets
 * busier or quieter shifts all of them alike.
 */
const interleavedMedians = (bundles: readonly Bundle[]): number[] => {
  const times = bundles.map((): number[] => []);
  const [floor, ...others] = bundles;
  if (!floor) return [];
  for (let round = 0; round < RUNS; round++) {
    for (const [index, bundle] of others.entries()) {
      if (index % FLOOR_EVERY === 0) times[0]?.push(importOnce(floor.file));
      times[index + 1]?.push(importOnce(bundle.file));
    }
  }
  return times.map(median);
};

const main = async (): Promise<void> => {
  const dir = mkdtempSync(join(tmpdir(), 'bundle-sizes-'));
  try {
    const floorFile = join(dir, 'floor.mjs');
    await build({
      ...esbuildOptions(),
      stdin: { contents: FLOOR_SOURCE, loader: 'ts', resolveDir: ROOT, sourcefile: 'floor.ts' },
      outfile: floorFile,
    });
    const bundles: Bundle[] = [
      { name: '(floor: one GetCommand)', file: floorFile, kb: statSync(floorFile).size / 1024 },
    ];
    for (const [index, { name, entry }] of handlers().entries()) {
      const file = join(dir, `${index}.mjs`);
      await build({ ...esbuildOptions(), entryPoints: [entry], outfile: file });
      bundles.push({ name, file, kb: statSync(file).size / 1024 });
    }
    process.stderr.write(`Importing ${bundles.length} bundles ${RUNS} times, interleaved…\n`);
    const ms = interleavedMedians(bundles);
    const [floorKb, floorMs] = [bundles[0]?.kb ?? Number.NaN, ms[0] ?? Number.NaN];

    const version = spawnSync(NODE, ['--version'], { encoding: 'utf8' }).stdout.trim();
    console.log(`esbuild ${JSON.stringify(esbuildOptions())}`);
    console.log(
      `import: Node.js ${version}, median of ${RUNS} fresh processes per bundle (the floor ${RUNS * Math.ceil((bundles.length - 1) / FLOOR_EVERY)}), interleaved, NODE_OPTIONS=${runtimeEnvironment.NODE_OPTIONS}\n`,
    );
    if (Number(/^v(\d+)/.exec(version)?.[1]) !== RUNTIME_MAJOR) {
      console.log(
        `note: the functions run on ${handlerRuntime.name}; for its figures set BUNDLE_SIZES_NODE to a Node.js ${RUNTIME_MAJOR} (npx -y node@${RUNTIME_MAJOR} --version, then the binary under ~/.npm/_npx/*/node_modules/node/bin/node)\n`,
      );
    }
    console.log(
      ['handler'.padEnd(26), 'bundle KB'.padStart(10), 'import ms'.padStart(10), 'KB×floor', 'ms×floor'].join(
        ' ',
      ),
    );
    for (const [index, bundle] of bundles.entries()) {
      const time = ms[index] ?? Number.NaN;
      console.log(
        [
          bundle.name.padEnd(26),
          bundle.kb.toFixed(1).padStart(10),
          time.toFixed(1).padStart(10),
          (bundle.kb / floorKb).toFixed(2).padStart(8),
          (time / floorMs).toFixed(2).padStart(8),
        ].join(' '),
      );
    }
    const ratios = ms.slice(1).map((time) => time / floorMs);
    const worst = Math.max(...ratios);
    const typical = median(ratios);
    const holds = worst <= BUDGET.worst && typical <= BUDGET.median;
    console.log(
      `\nimport time × floor: median ${typical.toFixed(2)} (budget ${BUDGET.median}), worst ${worst.toFixed(2)} (budget ${BUDGET.worst}): ${holds ? 'within budget' : 'OVER BUDGET'}`,
    );
    if (!holds) process.exitCode = 1;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};

void main();
