/**
 * The purchase workflow's business metrics, through the real definition and task handler modules against
 * DynamoDB Local: what each way a paid order can end writes as EMF.
 */
import '../support/emf-enabled';
import { LocalPurchaseWorkflow } from '../../functions/local/purchase-workflow';
import { captureEmf, type EmfRecord } from '../support/emf';
import { codeFor, createPurchaseHarness, type PurchaseHarness } from '../support/purchase';

let h: PurchaseHarness;
let n = 0;
let emf: ReturnType<typeof captureEmf>;

const paidOrder = async (changes: { amount?: number; currency?: string } = {}) => {
  n++;
  await h.addLicense(`lic-m${n}`, 10, codeFor(100 + n));
  const checkout = await h.openCheckout(`co-m${n}`, `lic-m${n}`);
  await h.recordOrder(`order-m${n}`, checkout, changes);
  return `order-m${n}`;
};

const run = async (workflow: LocalPurchaseWorkflow, orderId: string) => {
  await workflow.start(orderId);
  await workflow.whenIdle();
};

/** Every metric value written, by name (with the currency for revenue). */
const written = (records: EmfRecord[]) =>
  records.flatMap((record) =>
    Object.entries(record.metrics).map(([name, { value }]) => ({
      name,
      value,
      ...(record.dimensions.Currency ? { currency: record.dimensions.Currency } : {}),
    })),
  );

beforeAll(async () => {
  h = await createPurchaseHarness();
});

afterAll(async () => {
  await h.close();
});

beforeEach(() => {
  h.email.reset();
  emf = captureEmf();
});

afterEach(() => emf.restore());

describe('purchase workflow metrics', () => {
  it('counts a renewal and its revenue once, and nothing for a replay of it', async () => {
    // Arrange
    const orderId = await paidOrder();

    // Act
    await run(h.workflow, orderId);
    const afterRun = written(emf.records());
    await run(new LocalPurchaseWorkflow({ retryIntervalMs: 0 }), orderId);

    // Assert
    expect(afterRun).toEqual(
      expect.arrayContaining([
        { name: 'RenewalsCompleted', value: 1 },
        { name: 'RevenueMinorUnits', value: 103_200, currency: 'PLN' },
      ]),
    );
    expect(afterRun).toHaveLength(2);
    expect(written(emf.records())).toEqual(afterRun);
  });

  it('counts a paid order that does not match its quote as NEEDS_REVIEW, and no revenue', async () => {
    // Arrange
    const orderId = await paidOrder({ amount: 1 });

    // Act
    await run(h.workflow, orderId);

    // Assert
    expect(written(emf.records())).toEqual([{ name: 'OrdersNeedsReview', value: 1 }]);
  });

  it('counts an order whose email SES rejects as FAILED, after counting its renewal', async () => {
    // Arrange
    const orderId = await paidOrder();
    h.email.rejectAll();

    // Act
    await run(h.workflow, orderId);

    // Assert
    expect(written(emf.records())).toEqual(
      expect.arrayContaining([
        { name: 'RenewalsCompleted', value: 1 },
        { name: 'OrdersFailed', value: 1 },
      ]),
    );
  });
});
