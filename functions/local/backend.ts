/**
 * The whole backend on one machine (PRODUCT.md §4): DynamoDB Local, the SES emulator, the table with the
 * demo data (or `SEED_FILE`), and the local HTTP API, wired through the same environment variables the
 * CDK stack sets on the Lambda functions. `start.ts` is the CLI around {@link startLocalBackend}.
 */
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { CreateTableCommand, DynamoDBClient, UpdateTimeToLiveCommand } from '@aws-sdk/client-dynamodb';
import { createDocumentClient } from '../adapters/dynamodb/client';
import { createTableInput, TableDefinition } from '../adapters/dynamodb/table-definition';
import { localOutbox, type OutboxItem } from '../adapters/outbox';
import { EnvName } from '../config';
import { handler as deliverWebhooks } from '../consumers/webhook-deliver';
import { handler as fanOutWebhooks } from '../consumers/webhook-fan-out';
import { systemClock } from '../domain/clock';
import { type DailySchedule, DEFAULT_REMINDER_SCHEDULE } from '../domain/daily-schedule';
import { buildDemoData } from '../seed/demo-data';
import { importDataFile } from '../seed/import';
import { dynamoImportStores } from '../seed/import-stores';
import { type DataFile, parseDataFile } from '../seed/schema';
import { runReminders } from '../use-cases/renewal-reminders';
import { overrideDependencies, reminderDeps } from '../wiring';
import { startDailyReminders } from './daily-reminders';
import { LocalDeliveryQueue } from './delivery-queue';
import { startDynamoDbLocal } from './dynamodb-local';
import { type Listening, LOCAL_HOST, listenOn } from './listen';
import { LocalPurchaseWorkflow } from './purchase-workflow';
import { createLocalServer } from './server';
import { startSesLocal } from './ses-local';
import { startTableStream } from './table-stream';

/** Options of {@link startLocalBackend}. */
export interface LocalBackendOptions {
  /** TCP port on 127.0.0.1; 0 picks a free one. */
  port: number;
  /** A data file (PRODUCT.md §5) to load instead of the bundled demo data. */
  seedFile?: string;
  /** Progress lines, one line per request, and SMS/OPS messages as they are sent. */
  log?: (line: string) => void;
  /** Aborting stops whatever has started so far; the start then rejects with the signal's reason. */
  signal?: AbortSignal;
  /** When the reminder job runs daily; the deployed default unless given. */
  reminderSchedule?: DailySchedule;
}

/** A running local backend. */
export interface LocalBackend {
  /** Base URL of the HTTP API, e.g. `http://127.0.0.1:3000`. */
  url: string;
  port: number;
  /** DynamoDB Local's Java process, so a caller can check it is gone after {@link LocalBackend.stop}. */
  dynamoDbPid: number | undefined;
  /**
   * Settles with how DynamoDB Local's Java process ended if it dies while the backend runs (every
   * request would then fail); never settles otherwise.
   */
  dynamoDbDied: Promise<string>;
  /** What was loaded: the demo data unless a seed file was given. */
  data: DataFile;
  /** The daily reminder runs: when, and the first one due. */
  reminders: { schedule: DailySchedule; firstRun: Date };
  /** Closes the server and stops SES local and DynamoDB Local. Safe to call twice. */
  stop(): Promise<void>;
}

/** Reading or parsing `SEED_FILE` failed before anything was started. */
export class SeedFileError extends Error {
  public constructor(path: string, options: { cause: unknown }) {
    super(`Cannot read the data file ${path}: ${messageOf(options.cause)}`, options);
    this.name = 'SeedFileError';
  }
}

/** Starting the backend failed; everything it had started was stopped again. */
export class LocalStartError extends Error {
  public constructor(step: string, options: { cause: unknown }) {
    super(`Local start-up failed while ${step}: ${messageOf(options.cause)}`, options);
    this.name = 'LocalStartError';
  }
}

const DEFAULT_TABLE_NAME = 'renewal-hub-local';

/**
 * Starts everything, in parallel where it can. Sets the process environment the handlers read (so one
 * backend per process) and replaces the wiring built so far.
 * @throws {DataFileInvalidError} when the seed file breaks the data file format (nothing is started)
 * @throws {SeedFileError} when the seed file cannot be read or is not JSON (nothing is started)
 * @throws {LocalStartError} when a later step fails (what had started is stopped)
 */
export const startLocalBackend = async (options: LocalBackendOptions): Promise<LocalBackend> => {
  const { seedFile, signal, log = () => undefined } = options;
  // The data file is checked before anything starts, so a bad one leaves nothing behind.
  const data = seedFile ? await readSeedFile(seedFile) : buildDemoData(new Date());

  if (options.port !== 0) await ensurePortFree(options.port);
  const tableName = applyLocalEnvironment();

  // What has started, to stop in reverse order: on failure here, or by the caller's stop().
  const stops: Array<() => Promise<void>> = [];
  const stopAll = async () => {
    for (const stop of stops.splice(0).reverse()) await stop().catch(() => undefined);
  };
  let step = 'starting DynamoDB Local and the SES emulator';
  try {
    log(`${step}…`);
    const [dynamo, ses] = await startBoth(startDynamoDbLocal(), startSesLocal(), stops);
    log(`DynamoDB Local is up (pid ${dynamo.pid}) at ${dynamo.endpoint}; SES emulator at ${ses.endpoint}`);
    signal?.throwIfAborted();

    useEndpoints(dynamo.endpoint, ses.endpoint);
    step = 'creating the table';
    await createTable(dynamo.endpoint, tableName);
    signal?.throwIfAborted();

    step = seedFile ? `loading ${seedFile}` : 'loading demo data';
    log(`${step}…`);
    const documents = createDocumentClient(dynamo.endpoint);
    try {
      await importDataFile(data, { stores: dynamoImportStores(documents, tableName) });
    } finally {
      documents.destroy();
    }
    signal?.throwIfAborted();

    step = 'starting the HTTP server';
    const server = createLocalServer({ readEmails: ses.readEmails, log });
    const { port, close } = await listenOn(server, options.port);
    stops.push(close);
    const url = `http://${LOCAL_HOST}:${port}`;
    // The store's page is this server's; the purchase workflow runs in-process (real definition).
    process.env[EnvName.STORE_CHECKOUT_URL] = `${url}/_local/store/checkouts/{checkoutId}`;
    // Reminders' one-click unsubscribe links point at this server's API.
    process.env[EnvName.UNSUBSCRIBE_URL] = `${url}/v1/notifications/unsubscribe?token={token}`;
    const workflow = new LocalPurchaseWorkflow({ log });
    // Outbound webhooks: the table's stream feeds the fan-out, the in-process queue the delivery function.
    const deliveryQueue = new LocalDeliveryQueue({
      clock: () => systemClock,
      deliver: (event) => deliverWebhooks(event),
      realTime: true,
      log,
    });
    overrideDependencies({ workflow, deliveryQueue });
    stops.push(() => workflow.whenIdle());
    stops.push(() => deliveryQueue.stop());
    step = 'reading the table stream';
    const stream = await startTableStream({
      endpoint: dynamo.endpoint,
      tableName,
      fanOut: (event) => fanOutWebhooks(event),
      log,
    });
    stops.push(() => stream.stop());
    const stopPrinting = printMessages(log);
    stops.push(async () => stopPrinting());
    // The job daily, as EventBridge Scheduler runs it deployed (not at start: see daily-reminders.ts).
    const reminderSchedule = options.reminderSchedule ?? DEFAULT_REMINDER_SCHEDULE;
    const daily = startDailyReminders({
      schedule: reminderSchedule,
      clock: systemClock,
      run: async (at) => runReminders(await reminderDeps(), at),
      log,
    });
    stops.push(async () => daily.stop());
    signal?.throwIfAborted();

    return {
      url,
      port,
      dynamoDbPid: dynamo.pid,
      dynamoDbDied: dynamo.died,
      data,
      reminders: { schedule: reminderSchedule, firstRun: daily.firstRun },
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    if (signal?.aborted) throw signal.reason;
    throw new LocalStartError(step, { cause: error });
  }
};

const readSeedFile = async (path: string): Promise<DataFile> => {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new SeedFileError(path, { cause: error });
  }
  return parseDataFile(json);
};

/** Awaits two starts; each one that succeeds is registered for stopping even if the other fails. */
const startBoth = async <A extends { stop(): Promise<void> }, B extends { stop(): Promise<void> }>(
  a: Promise<A>,
  b: Promise<B>,
  stops: Array<() => Promise<void>>,
): Promise<[A, B]> => {
  const [ra, rb] = await Promise.allSettled([a, b]);
  for (const result of [ra, rb]) if (result.status === 'fulfilled') stops.push(() => result.value.stop());
  if (ra.status === 'rejected') throw ra.reason;
  if (rb.status === 'rejected') throw rb.reason;
  return [ra.value, rb.value];
};

/**
 * The variables the CDK stack sets on every function, for a local run. Dummy AWS credentials keep every
 * SDK call away from a real account. Set before any SDK client exists. Returns the table name.
 */
const applyLocalEnvironment = (): string => {
  const env = process.env;
  const tableName = env[EnvName.TABLE_NAME] || DEFAULT_TABLE_NAME;
  Object.assign(env, {
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    [EnvName.TABLE_NAME]: tableName,
    [EnvName.SMS_TRANSPORT]: 'outbox',
    [EnvName.OPS_TRANSPORT]: 'outbox',
    // Random per start unless given: sessions of an earlier run must not survive a restart.
    [EnvName.TOKEN_SIGNING_KEY]: env[EnvName.TOKEN_SIGNING_KEY] || randomBytes(32).toString('base64url'),
    [EnvName.EMAIL_FROM]: env[EnvName.EMAIL_FROM] || 'no-reply@renewal-hub.example',
    [EnvName.STORE_WEBHOOK_SECRET]: env[EnvName.STORE_WEBHOOK_SECRET] || 'local-store-secret',
    // The in-process delivery queue, and http:// receivers on this machine (PRODUCT.md §4).
    [EnvName.WEBHOOK_TRANSPORT]: 'local',
  });
  return tableName;
};

/** Points the handlers at the emulators, and drops whatever the wiring built before. */
const useEndpoints = (dynamoDbEndpoint: string, sesEndpoint: string): void => {
  process.env[EnvName.DYNAMODB_ENDPOINT] = dynamoDbEndpoint;
  process.env[EnvName.SES_ENDPOINT] = sesEndpoint;
  overrideDependencies({});
};

/** The table as the stack defines it, TTL included (DynamoDB Local honours it). */
const createTable = async (endpoint: string, tableName: string): Promise<void> => {
  const client = new DynamoDBClient({ endpoint });
  try {
    await client.send(new CreateTableCommand(createTableInput(tableName)));
    await client.send(
      new UpdateTimeToLiveCommand({
        TableName: tableName,
        TimeToLiveSpecification: { AttributeName: TableDefinition.timeToLiveAttribute, Enabled: true },
      }),
    );
  } finally {
    client.destroy();
  }
};

/**
 * Fails in milliseconds, not after Java has booted, when the port is taken (most often by an earlier
 * `npm start` still running). The real listen can still lose a race; that failure is handled too.
 */
const ensurePortFree = async (port: number): Promise<void> => {
  let probe: Listening;
  try {
    probe = await listenOn(createServer(), port);
  } catch (error) {
    throw new LocalStartError(`checking that port ${port} is free`, { cause: error });
  }
  await probe.close();
};

/**
 * Shows SMS (and operations notifications) on the console as they are sent: locally the console stands in
 * for the phone, so this is the one place a code may be printed. Returns a function that stops it.
 */
const printMessages = (log: (line: string) => void): (() => void) => {
  let active = true;
  localOutbox.onItem((item: OutboxItem) => {
    if (!active) return;
    if (item.channel === 'SMS') log(`📱 SMS to ${item.to}: ${item.text}`);
    else if (item.channel === 'OPS') log(`🛎  OPS: ${item.subject}`);
  });
  return () => {
    active = false;
  };
};

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));
