/**
 * `npm start` when it cannot start: it says why, exits 1, and leaves nothing running.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  exitOf,
  isProcessAlive,
  ProcessOutput,
  START_TIMEOUT_MS,
  startBackendProcess,
} from '../support/process';

const ROOT = join(__dirname, '..', '..');

const runStart = async (env: Record<string, string>) => {
  const child = spawn(
    process.execPath,
    [join(ROOT, 'node_modules', '.bin', 'tsx'), 'functions/local/start.ts'],
    {
      cwd: ROOT,
      env: { ...process.env, PORT: '0', SEED_FILE: '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const output = new ProcessOutput(child);
  const { code } = await exitOf(child);
  return { code, output: output.all };
};

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'renewal-hub-start-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

test('an invalid SEED_FILE: every bad path is printed, exit 1, nothing started', async () => {
  const file = join(dir, 'bad.json');
  await writeFile(
    file,
    JSON.stringify({
      users: [{ email: 'nope', password: 'x', mfa: { method: 'TOTP', secret: 'not base32!' } }],
      licenses: [{ licenseId: 'l1' }],
    }),
  );
  const { code, output } = await runStart({ SEED_FILE: file });
  expect(code).toBe(1);
  for (const path of [
    'users[0].email',
    'users[0].password',
    'users[0].mfa.secret',
    'licenses[0].productCode',
  ]) {
    expect(output).toContain(path);
  }
  expect(output).not.toContain('starting DynamoDB Local');
}, 60_000);

test.each([
  [{ REMINDER_TIME: '8am' }, 'REMINDER_TIME must be a time of day like 08:00, not "8am"'],
  [{ REMINDER_TIME_ZONE: 'Mars/Olympus' }, 'REMINDER_TIME_ZONE must be an IANA time zone'],
])(
  'a bad reminder schedule (%o): said at once, exit 1, nothing started',
  async (env, message) => {
    const { code, output } = await runStart(env);
    expect(code).toBe(1);
    expect(output).toContain(message);
    expect(output).not.toContain('starting DynamoDB Local');
  },
  60_000,
);

describe('when the port is taken', () => {
  let blocker: Server;
  beforeAll(async () => {
    blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
  });
  afterAll(() => new Promise<void>((resolve) => blocker.close(() => resolve())));

  test('it says so at once and exits 1 before starting anything', async () => {
    const address = blocker.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const { code, output } = await runStart({ PORT: String(port) });
    expect(code).toBe(1);
    expect(output).toContain('EADDRINUSE');
    expect(output).toContain('PORT=0');
    expect(output).not.toContain('starting DynamoDB Local');
  }, 60_000);
});

test('a failure after DynamoDB Local started: exit 1 and its Java process is gone', async () => {
  // DynamoDB refuses a one-character table name, so creating the table fails.
  const { code, output } = await runStart({ TABLE_NAME: 'x' });
  expect(code).toBe(1);
  expect(output).toContain('creating the table');
  const javaPid = Number(/DynamoDB Local is up \(pid (\d+)\)/.exec(output)?.[1]);
  expect(javaPid).toBeGreaterThan(0);
  expect(isProcessAlive(javaPid)).toBe(false);
}, 90_000);

test(
  'DynamoDB Local dying while it runs: it says so on stderr and exits non-zero',
  async () => {
    const backend = await startBackendProcess();
    let stderr = '';
    backend.child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });

    // The test's own grandchild: the Java process this backend started.
    process.kill(backend.javaPid, 'SIGKILL');
    const { code } = await exitOf(backend.child);

    expect(code).toBe(1);
    expect(stderr).toContain('DynamoDB Local stopped unexpectedly (signal SIGKILL)');
    expect(isProcessAlive(backend.javaPid)).toBe(false);
  },
  START_TIMEOUT_MS + 30_000,
);
