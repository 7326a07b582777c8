/**
 * `npm run orders` against DynamoDB Local, in-process: a FAILED order (SES refusing every send) is
 * listed, replayed once the cause is fixed, and completes once; replaying again does nothing.
 */
import { localOrdersWorkflow } from '../../functions/local/orders-workflow';
import { runOrdersCli } from '../../functions/operations/orders-cli';
import { checkoutStore, config, licenseStore, purchaseStore } from '../../functions/wiring';
import { codeFor, createPurchaseHarness, type PurchaseHarness } from '../support/purchase';

let h: PurchaseHarness;
let tableArgs: string[];
const savedEnv = { ...process.env };

beforeAll(async () => {
  h = await createPurchaseHarness();
  tableArgs = ['--table', config().tableName, '--endpoint', config().dynamoDbEndpoint ?? ''];
});

afterAll(async () => {
  await h.close();
  process.env = savedEnv;
});

/** Runs the command; returns its exit code and what it printed. */
const orders = async (...argv: string[]) => {
  let stdout = '';
  let stderr = '';
  const code = await runOrdersCli(
    [...argv, ...tableArgs],
    {
      stdout: { write: (text: string) => (stdout += text) },
      stderr: { write: (text: string) => (stderr += text) },
    },
    () => h.clock.now(),
    localOrdersWorkflow,
  );
  return { code, stdout, stderr };
};

/** A paid order whose workflow has run to its end. */
const paidOrder = async (n: number, changes: { amount?: number } = {}) => {
  const licenseId = `lic-ops-${n}`;
  await h.addLicense(licenseId, 10, codeFor(700 + n));
  const checkout = await h.openCheckout(`co_ops_${n}`, licenseId);
  const order = await h.recordOrder(`ord_ops_${n}`, checkout, changes);
  await h.workflow.start(order.orderId);
  await h.workflow.whenIdle();
  return { licenseId, checkoutId: checkout.checkoutId, orderId: order.orderId };
};

describe('npm run orders', () => {
  test('a FAILED order is listed, replayed after the fix, completes once; a second replay does nothing', async () => {
    h.email.refuseNext(Number.POSITIVE_INFINITY);
    const { licenseId, checkoutId, orderId } = await paidOrder(1);
    const afterFailure = await licenseStore().get(licenseId);
    h.clock.advance(90 * 60_000);

    const listed = await orders('list', '--status', 'FAILED');
    const listedJson = JSON.parse((await orders('list', '--status', 'FAILED', '--json')).stdout);
    h.email.reset(); // the cause is fixed
    const replayed = await orders('replay', orderId);
    const again = await orders('replay', orderId);
    const listedAfter = JSON.parse((await orders('list', '--json')).stdout);

    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(/^ORDER +CHECKOUT +AMOUNT +STATUS +REASON +AGE$/m);
    expect(listed.stdout).toMatch(
      new RegExp(
        `^${orderId} +${checkoutId} +1032\\.00 PLN +FAILED +EMAIL_NOT_SENT \\(\\S+\\) +1h 30m$`,
        'm',
      ),
    );
    expect(listedJson).toEqual([
      expect.objectContaining({
        orderId,
        checkoutId,
        amount: 103200,
        currency: 'PLN',
        status: 'FAILED',
        statusReason: expect.stringMatching(/^EMAIL_NOT_SENT/),
        ageSeconds: 5400,
      }),
    ]);
    expect(replayed).toMatchObject({ code: 0, stderr: '' });
    expect(replayed.stdout).toContain('replay 1 started');
    expect(replayed.stdout).toContain('Outcome: FULFILLED.');
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('is FULFILLED (renewed and emailed): nothing to replay, nothing done');
    // Renewed once (by the first run), emailed once (by the replay).
    expect(await licenseStore().get(licenseId)).toEqual(afterFailure);
    expect(await licenseStore().listRenewals(licenseId)).toHaveLength(1);
    expect(h.email.sent).toHaveLength(1);
    expect(await checkoutStore().get(checkoutId)).toMatchObject({ status: 'COMPLETED' });
    expect(await purchaseStore().getOrder(orderId)).toMatchObject({ status: 'FULFILLED', failures: 1 });
    expect(listedAfter.map((row: { orderId: string }) => row.orderId)).not.toContain(orderId);
  });

  test('a NEEDS_REVIEW order is listed, and replay leaves it to a person', async () => {
    const { orderId } = await paidOrder(2, { amount: 1 });
    const since = h.clock.now().toISOString();

    const listed = JSON.parse((await orders('list', '--status', 'NEEDS_REVIEW', '--json')).stdout);
    const recent = JSON.parse((await orders('list', '--since', since, '--json')).stdout);
    const later = JSON.parse(
      (await orders('list', '--since', new Date(h.clock.now().getTime() + 1000).toISOString(), '--json'))
        .stdout,
    );
    const replayed = await orders('replay', orderId);

    expect(listed).toEqual([
      expect.objectContaining({ orderId, status: 'NEEDS_REVIEW', statusReason: 'AMOUNT_MISMATCH' }),
    ]);
    expect(recent.map((row: { orderId: string }) => row.orderId)).toEqual([orderId]);
    expect(later).toEqual([]);
    expect(replayed.code).toBe(1);
    expect(replayed.stderr).toContain('a person must decide');
    expect(await purchaseStore().getOrder(orderId)).toMatchObject({ status: 'NEEDS_REVIEW' });
  });

  test('usage errors exit 2 with the usage; an unknown order exits 1', async () => {
    const noCommand = await orders();
    const badStatus = await orders('list', '--status', 'RECEIVED');
    const unknown = await orders('replay', 'ord_nope');

    expect(noCommand.code).toBe(2);
    expect(noCommand.stderr).toContain('Usage:');
    expect(badStatus.code).toBe(2);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('No order ord_nope');
  });
});
