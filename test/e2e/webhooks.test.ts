/**
 * The integrator's webhook walkthrough of the README ("For integrators: webhooks") against the backend
 * `npm start` runs, with the README's own receiver (taken from the README, run as its own process):
 * two events verified with `standardwebhooks`; then the receiver is stopped, a renewal happens, the
 * receiver comes back, and the event arrives on a retry with the same webhook-id, both attempts logged.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { DemoAccounts, DemoLicenses, DemoPartnerCodes } from '../../functions/seed/demo-data';
import { httpCall } from '../support/http-client';
import { exitOf, ProcessOutput, START_TIMEOUT_MS, startBackendProcess } from '../support/process';

const ROOT = join(__dirname, '..', '..');
const WORKSPACE = 'ws-acme-pl';

let backend: ChildProcess;
let output: ProcessOutput;
let url: string;
let token: string;
let dir: string;

/** The README's receiver, exactly as printed there. */
const readmeReceiver = (): string => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const block = [...readme.matchAll(/```js\n([\s\S]*?)```/g)].find((match) =>
    match[1]?.includes('standardwebhooks'),
  );
  if (!block?.[1]) throw new Error('The README has no receiver');
  return block[1];
};

const freePort = (): Promise<number> =>
  new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });

const startReceiver = async (secret: string, port: number) => {
  const child = spawn(process.execPath, [join(dir, 'receiver.mjs')], {
    env: { ...process.env, WEBHOOK_SECRET: secret, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines = new ProcessOutput(child);
  await lines.waitFor(/listening on/, 10_000);
  return { child, lines };
};

const stop = async (child: ChildProcess) => {
  if (child.exitCode === null && child.signalCode === null) {
    child.kill('SIGTERM');
    await exitOf(child);
  }
};

/** Renews a demo license through the local store; resolves once the purchase workflow has finished. */
const renew = async (licenseId: string) => {
  const created = await httpCall(url, 'POST', `/v1/licenses/${licenseId}/checkouts`, {
    token,
    headers: { 'idempotency-key': `e2e-webhooks-${licenseId}` },
  });
  if (created.status !== 201) throw new Error(`checkout: ${created.status} ${JSON.stringify(created.body)}`);
  const paid = await httpCall(url, 'POST', `${new URL(created.body.redirectUrl).pathname}/pay`);
  await output.waitFor(new RegExp(`order ${paid.body.orderId}: SUCCEEDED`), 30_000);
  return created.body.checkoutId as string;
};

beforeAll(async () => {
  dir = mkdtempSync(join(ROOT, 'node_modules', '.e2e-receiver-'));
  writeFileSync(join(dir, 'receiver.mjs'), readmeReceiver());
  ({ child: backend, output, url } = await startBackendProcess());
  const { email, password } = DemoAccounts.noMfa;
  token = (await httpCall(url, 'POST', '/v1/auth/login', { body: { email, password } })).body.accessToken;
}, START_TIMEOUT_MS + 5_000);

afterAll(async () => {
  if (backend) await stop(backend);
  rmSync(dir, { recursive: true, force: true });
});

test('the README receiver verifies two events, and gets a missed one on a retry with the same webhook-id', async () => {
  // Arrange
  const port = await freePort();
  const endpoint = await httpCall(url, 'POST', `/v1/workspaces/${WORKSPACE}/webhook-endpoints`, {
    token,
    body: { url: `http://127.0.0.1:${port}/hooks`, events: ['checkout.completed', 'license.attached'] },
  });
  const log = `/v1/workspaces/${WORKSPACE}/webhook-endpoints/${endpoint.body.endpointId}/deliveries`;
  const first = await startReceiver(endpoint.body.secret, port);

  // Act: a renewal and an activation code, received live.
  const renewed = await renew(DemoLicenses.windowJustOpened.licenseId);
  const attached = await httpCall(url, 'POST', `/v1/workspaces/${WORKSPACE}/activation-codes`, {
    token,
    body: { activationCode: DemoPartnerCodes[0]?.activationCode },
  });
  await first.lines.waitFor(/verified \S+ checkout\.completed/, 15_000);
  await first.lines.waitFor(/verified \S+ license\.attached/, 15_000);
  // The receiver prints before it answers: it is stopped only once both 204s are in the log.
  await waitForDelivery(log, (items) =>
    items.length === 2 && items.every((d) => d.status === 'SUCCEEDED') ? items[0] : undefined,
  );
  await stop(first.child);

  // Act: a renewal while the receiver is down, then the receiver back within the first retry's 5 s.
  await renew(DemoLicenses.eligible.licenseId);
  const missed = await waitForDelivery(log, (items) =>
    items.find((d) => d.status === 'PENDING' && d.attempts === 1),
  );
  const second = await startReceiver(endpoint.body.secret, port);
  const retried = (await second.lines.waitFor(/verified (\S+) checkout\.completed/, 30_000))[1];
  const delivered = await waitForDelivery(log, (items) =>
    items.find((d) => d.deliveryId === missed.deliveryId && d.status === 'SUCCEEDED'),
  );
  await stop(second.child);

  // Assert
  expect(endpoint.status).toBe(201);
  expect(attached.status).toBe(201);
  expect(first.lines.all).toContain(`"checkoutId":"${renewed}"`);
  expect(first.lines.all).not.toContain('refused');
  expect(missed.lastResponseStatus).toBeNull();
  expect(retried).toBe(missed.eventId);
  expect(delivered.attempts).toBe(2);
  expect(delivered.lastResponseStatus).toBe(204);
}, 120_000);

interface DeliveryEntry {
  deliveryId: string;
  eventId: string;
  status: string;
  attempts: number;
  lastResponseStatus: number | null;
}

/** Reads the delivery log until `pick` finds what it looks for (the backend works in the background). */
const waitForDelivery = async (
  log: string,
  pick: (items: DeliveryEntry[]) => DeliveryEntry | undefined,
): Promise<DeliveryEntry> => {
  // A safety net for a stuck backend, not a timing assumption: the first retry is due 5 s after the failure.
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const items = (await httpCall(url, 'GET', log, { token })).body.items as DeliveryEntry[];
    const found = pick(items);
    if (found) return found;
    await new Promise((resolve) => setImmediate(resolve));
  }
  throw new Error(`The delivery log never showed it: ${log}`);
};
