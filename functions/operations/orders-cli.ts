/**
 * The operations command (`npm run orders`), as a function of its arguments and output streams so tests
 * can run it in-process. `bin/orders.ts` is its entry point. See {@link USAGE}.
 */
import { parseArgs } from 'node:util';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SFNClient } from '@aws-sdk/client-sfn';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { awsClientOptions } from '../adapters/aws-client-options';
import { DynamoOrderStore } from '../adapters/dynamodb/order-store';
import { DynamoPurchaseStore } from '../adapters/dynamodb/purchase-store';
import { SfnPurchaseWorkflow } from '../adapters/sfn-purchase-workflow';
import { type CliStreams, TABLE_OPTIONS, TABLE_OPTIONS_HELP, UsageError } from '../cli-options';
import { EnvName } from '../config';
import type { TrackedOrder } from '../domain/order';
import { OperatorOrderStatus } from '../domain/order';
import { formatMinorUnits } from '../domain/pricing';
import type { PurchaseReplayer, PurchaseWorkflow } from '../ports/purchase-workflow';
import { listOperatorOrders, type OrderRow, ReplayOutcome, replayOrder } from '../use-cases/order-operations';

export const ExitCode = { OK: 0, NOT_DONE: 1, USAGE: 2, FAILED: 3 } as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

export const USAGE = `Usage:
  npm run orders -- list [--status NEEDS_REVIEW|FAILED] [--since <ISO instant>] [--json] [table options]
  npm run orders -- replay <orderId> [--state-machine-arn <arn>] [--wait <seconds>] [table options]

list     paid orders waiting for an operator (both statuses unless --status), oldest first: order,
         checkout, amount, status, reason, age. --json prints them as JSON.
replay   runs the purchase workflow again for a FAILED order, once per failure: a second replay of the
         same failure starts nothing. A FULFILLED order is left alone (it renewed and emailed once);
         a NEEDS_REVIEW order needs a person and is not replayed. Renewal stays exactly-once.
         Against AWS it starts the state machine (--state-machine-arn or PURCHASE_STATE_MACHINE_ARN)
         and follows the order for --wait seconds (default 120); with --endpoint it runs the workflow
         in this process against that table (email and SMS as configured by the environment, e.g.
         SES_ENDPOINT) and prints how it ended.

Table options:
  --table <name>      the table (default: TABLE_NAME)
${TABLE_OPTIONS_HELP}

Exit codes: 0 done, 1 not replayed or not completed, 2 usage error, 3 failure.
`;

const parseOptions = (argv: readonly string[]) =>
  parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      ...TABLE_OPTIONS,
      status: { type: 'string' },
      since: { type: 'string' },
      json: { type: 'boolean' },
      'state-machine-arn': { type: 'string' },
      wait: { type: 'string' },
    },
  });

type Options = ReturnType<typeof parseOptions>['values'];

/** Clients with the project's timeouts and retry budget, in the asked region. */
const clientOptions = (endpoint: string | undefined, region: string | undefined) => ({
  ...awsClientOptions(endpoint),
  ...(region ? { region } : {}),
});

const createDocumentClient = (endpoint: string | undefined, region: string | undefined) =>
  DynamoDBDocumentClient.from(new DynamoDBClient(clientOptions(endpoint, region)), {
    marshallOptions: { removeUndefinedValues: true },
  });

const STATUSES = Object.values(OperatorOrderStatus) as string[];

/** How long ago, compactly: 42s, 5m, 3h 12m, 2d 4h. */
export const formatAge = (seconds: number): string => {
  if (seconds < 60) return `${seconds}s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)}m`;
  if (seconds < 86_400) return `${Math.floor(seconds / 3600)}h ${Math.floor((seconds % 3600) / 60)}m`;
  return `${Math.floor(seconds / 86_400)}d ${Math.floor((seconds % 86_400) / 3600)}h`;
};

const table = (rows: readonly OrderRow[]): string => {
  const cells = [
    ['ORDER', 'CHECKOUT', 'AMOUNT', 'STATUS', 'REASON', 'AGE'],
    ...rows.map((row) => [
      row.orderId,
      row.checkoutId,
      `${formatMinorUnits(row.amount, row.currency)} ${row.currency}`,
      row.status,
      row.statusReason ?? '',
      formatAge(row.ageSeconds),
    ]),
  ];
  const widths =
    cells[0]?.map((_, column) => Math.max(...cells.map((line) => (line[column] ?? '').length))) ?? [];
  return cells
    .map((line) =>
      line
        .map((cell, column) => cell.padEnd(widths[column] ?? 0))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
};

/** The workflow in this process, for `--endpoint` runs against a local table (the local run's own). */
export interface InProcessWorkflow extends PurchaseWorkflow, PurchaseReplayer {
  whenIdle(): Promise<void>;
}

/** Builds an {@link InProcessWorkflow} whose tasks use the table `tableName` at `endpoint`. */
export type InProcessWorkflowFactory = (endpoint: string, tableName: string) => Promise<InProcessWorkflow>;

/**
 * Runs the command; returns the exit code (see {@link ExitCode}). `inProcessWorkflow` replays orders of
 * a local table (`--endpoint`); the entry point passes the local run's.
 */
export const runOrdersCli = async (
  argv: readonly string[],
  streams: CliStreams,
  now: () => Date = () => new Date(),
  inProcessWorkflow?: InProcessWorkflowFactory,
): Promise<ExitCode> => {
  const { stdout, stderr } = streams;
  let values: Options;
  let positionals: string[];
  try {
    ({ values, positionals } = parseOptions(argv));
    if (values.help) {
      stdout.write(USAGE);
      return ExitCode.OK;
    }
    checkArguments(values, positionals);
  } catch (error) {
    stderr.write(`${(error as Error).message}\n\n${USAGE}`);
    return ExitCode.USAGE;
  }
  const tableName = values.table ?? process.env[EnvName.TABLE_NAME] ?? '';
  const client = createDocumentClient(values.endpoint, values.region);
  try {
    if (positionals[0] === 'list') {
      const rows = await listOperatorOrders(
        { orders: new DynamoOrderStore(client, tableName) },
        {
          ...(values.status ? { statuses: [values.status as OperatorOrderStatus] } : {}),
          ...(values.since ? { since: new Date(values.since).toISOString() } : {}),
        },
        now(),
      );
      if (values.json) stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
      else stdout.write(rows.length ? `${table(rows)}\n` : 'No orders need an operator.\n');
      return ExitCode.OK;
    }
    return await replay(positionals[1] as string, values, tableName, client, streams, inProcessWorkflow);
  } catch (error) {
    stderr.write(`orders ${positionals[0]} failed: ${(error as Error).message}\n`);
    return ExitCode.FAILED;
  } finally {
    client.destroy();
  }
};

const checkArguments = (values: Options, positionals: readonly string[]): void => {
  const [command, ...rest] = positionals;
  if (command !== 'list' && command !== 'replay') throw new UsageError('give a command: list or replay');
  if (command === 'list' && rest.length > 0) throw new UsageError('list takes no arguments');
  if (command === 'replay' && rest.length !== 1) throw new UsageError('replay takes exactly one order id');
  if (!values.table && !process.env[EnvName.TABLE_NAME])
    throw new UsageError('--table is required (or TABLE_NAME)');
  if (values.status && !STATUSES.includes(values.status)) {
    throw new UsageError(`--status must be ${STATUSES.join(' or ')}`);
  }
  if (values.since && Number.isNaN(Date.parse(values.since)))
    throw new UsageError('--since must be an ISO instant');
  if (values.wait && !/^\d{1,5}$/.test(values.wait)) throw new UsageError('--wait must be whole seconds');
  const arn = values['state-machine-arn'] ?? process.env[EnvName.PURCHASE_STATE_MACHINE_ARN];
  if (command === 'replay' && !values.endpoint && !arn) {
    throw new UsageError('replay against AWS needs --state-machine-arn (or PURCHASE_STATE_MACHINE_ARN)');
  }
};

const describe = (order: TrackedOrder): string =>
  `${order.status}${order.statusReason ? ` (${order.statusReason})` : ''}`;

const replay = async (
  orderId: string,
  values: Options,
  tableName: string,
  client: ReturnType<typeof createDocumentClient>,
  { stdout, stderr }: CliStreams,
  inProcessWorkflow: InProcessWorkflowFactory | undefined,
): Promise<ExitCode> => {
  const purchases = new DynamoPurchaseStore(client, tableName);
  if (values.endpoint && !inProcessWorkflow) throw new Error('--endpoint needs the in-process workflow');
  const local =
    values.endpoint && inProcessWorkflow ? await inProcessWorkflow(values.endpoint, tableName) : undefined;
  const workflow =
    local ??
    new SfnPurchaseWorkflow(
      new SFNClient(clientOptions(undefined, values.region)),
      (values['state-machine-arn'] ?? process.env[EnvName.PURCHASE_STATE_MACHINE_ARN]) as string,
    );
  const { outcome, order, replay: failure } = await replayOrder({ purchases, workflow }, orderId);
  switch (outcome) {
    case ReplayOutcome.NOT_FOUND:
      stderr.write(`No order ${orderId} in ${tableName}.\n`);
      return ExitCode.NOT_DONE;
    case ReplayOutcome.ALREADY_FULFILLED:
      stdout.write(`Order ${orderId} is FULFILLED (renewed and emailed): nothing to replay, nothing done.\n`);
      return ExitCode.OK;
    case ReplayOutcome.NEEDS_REVIEW:
      stderr.write(
        `Order ${orderId} is ${describe(order as TrackedOrder)}: a person must decide (refund, or fulfil by hand). Not replayed.\n`,
      );
      return ExitCode.NOT_DONE;
    case ReplayOutcome.ALREADY_REPLAYED:
      stdout.write(
        `Order ${orderId}: the replay of failure ${failure} was started before (running or finished); nothing started.\n`,
      );
      return ExitCode.OK;
  }
  stdout.write(
    outcome === ReplayOutcome.STARTED
      ? `Order ${orderId} was ${describe(order as TrackedOrder)}: replay ${failure} started.\n`
      : `Order ${orderId} was RECEIVED but never processed: its workflow was started (if it had not been).\n`,
  );
  const ended = local
    ? await local.whenIdle().then(() => purchases.getOrder(orderId))
    : await follow(purchases, orderId, order as TrackedOrder, Number(values.wait ?? 120));
  if (!ended) return ExitCode.FAILED;
  stdout.write(`Outcome: ${describe(ended)}.\n`);
  return ended.status === 'FULFILLED' ? ExitCode.OK : ExitCode.NOT_DONE;
};

/** Reads the order until its replay has ended (a status other than the failure it had), or `waitSeconds` pass. */
const follow = async (
  purchases: DynamoPurchaseStore,
  orderId: string,
  before: TrackedOrder,
  waitSeconds: number,
): Promise<TrackedOrder | null> => {
  const deadline = Date.now() + waitSeconds * 1000;
  for (;;) {
    const order = await purchases.getOrder(orderId);
    const ended = order && (order.status !== before.status || (order.failures ?? 1) > (before.failures ?? 1));
    if (!order || ended || Date.now() >= deadline) return order;
    // Polling a Step Functions execution (seconds long): a pause between reads, not a timing assumption.
    await new Promise((resolve) => setTimeout(resolve, 2000));
  }
};
