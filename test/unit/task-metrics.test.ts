import '../support/emf-enabled';
import { lambdaContext } from '../../functions/local/lambda-event';
import { logger } from '../../functions/logger';
import { BusinessMetric } from '../../functions/metric-names';
import { countMetric, recordRevenue } from '../../functions/metrics';
import { StepOutcome, type StepResult } from '../../functions/use-cases/purchase-steps';
import { PurchaseTask } from '../../functions/workflow/definition';
import { orderRefSchema, taskHandler } from '../../functions/workflow/task-handler';
import { outcomeMetric } from '../../functions/workflow/task-metrics';
import { captureEmf } from '../support/emf';

const context = () => lambdaContext('renewal-hub-test-task', 256);

let emf: ReturnType<typeof captureEmf>;
beforeEach(() => {
  emf = captureEmf();
});
afterEach(() => emf.restore());

describe('outcomeMetric', () => {
  it.each([
    [PurchaseTask.FULFIL, StepOutcome.FULFILLED, 'RenewalsCompleted'],
    [PurchaseTask.FULFIL, StepOutcome.ALREADY_FULFILLED, undefined],
    [PurchaseTask.MARK_NEEDS_REVIEW, StepOutcome.NEEDS_REVIEW, 'OrdersNeedsReview'],
    [PurchaseTask.MARK_NEEDS_REVIEW, StepOutcome.ALREADY_FULFILLED, undefined],
    [PurchaseTask.LOAD_AND_VALIDATE, StepOutcome.NEEDS_REVIEW, undefined],
    [PurchaseTask.MARK_FAILED, StepOutcome.FAILED, 'OrdersFailed'],
    [PurchaseTask.SEND_EMAIL, StepOutcome.EMAILED, undefined],
  ] as const)('%s ending %s counts %s', (task, outcome, expected) => {
    // Act
    const metric = outcomeMetric(task, outcome);

    // Assert
    expect(metric).toBe(expected);
  });
});

describe('the task frame', () => {
  const runTask = (task: PurchaseTask, run: () => Promise<StepResult>) =>
    taskHandler(task, orderRefSchema, run)({ orderId: 'ord-1' }, context());

  it.each([
    [PurchaseTask.FULFIL, StepOutcome.FULFILLED, 'RenewalsCompleted'],
    [PurchaseTask.MARK_NEEDS_REVIEW, StepOutcome.NEEDS_REVIEW, 'OrdersNeedsReview'],
    [PurchaseTask.MARK_FAILED, StepOutcome.FAILED, 'OrdersFailed'],
  ] as const)('writes %s ending %s as %s = 1 in EMF', async (task, outcome, name) => {
    // Act
    await runTask(task, async () => ({ orderId: 'ord-1', outcome }));

    // Assert
    expect(emf.records()).toEqual([
      {
        namespace: 'RenewalHub',
        dimensions: { service: 'renewal-hub' },
        metrics: { [name]: { unit: 'Count', value: 1 } },
      },
    ]);
  });

  it('writes nothing for a step that counts nothing', async () => {
    // Act
    await runTask(PurchaseTask.SEND_EMAIL, async () => ({ orderId: 'ord-1', outcome: StepOutcome.EMAILED }));

    // Assert
    expect(emf.records()).toEqual([]);
  });

  it('flushes what the step counted even when it throws', async () => {
    // Arrange
    const failing = async (): Promise<StepResult> => {
      countMetric(BusinessMetric.SMS_SENT);
      throw new Error('boom');
    };

    // Act
    await expect(runTask(PurchaseTask.SEND_EMAIL, failing)).rejects.toThrow();

    // Assert
    expect(emf.records().map((record) => record.metrics)).toEqual([{ SmsSent: { unit: 'Count', value: 1 } }]);
  });

  it('logs with the order id as correlation id, for that invocation only', async () => {
    // Arrange
    const seen: unknown[] = [];

    // Act
    await runTask(PurchaseTask.SEND_EMAIL, async () => {
      seen.push(logger.getCorrelationId());
      return { orderId: 'ord-1', outcome: StepOutcome.EMAILED };
    });

    // Assert
    expect(seen).toEqual(['ord-1']);
    expect(logger.getCorrelationId()).toBeUndefined();
  });
});

describe('recordRevenue', () => {
  it('writes the amount in minor units with its currency as a dimension', () => {
    // Act
    recordRevenue('PLN', 12_345);

    // Assert
    expect(emf.records()).toEqual([
      {
        namespace: 'RenewalHub',
        dimensions: { service: 'renewal-hub', Currency: 'PLN' },
        metrics: { RevenueMinorUnits: { unit: 'None', value: 12_345 } },
      },
    ]);
  });
});

describe('the task frame near the function timeout', () => {
  it("leaves timing out to Lambda (Sandbox.Timedout, which the definition retries), not middy's TimeoutError", async () => {
    // Arrange: 5 ms left, so middy's early timeout (5 ms by default) would be due at once; the step's own
    // 1 ms timer is queued after it (after a microtask, once middy has set its timer), so the step ends
    // after that timeout would have fired.
    const almostOut = { ...context(), getRemainingTimeInMillis: () => 5 };
    const handler = taskHandler(PurchaseTask.SEND_EMAIL, orderRefSchema, async () => {
      await Promise.resolve();
      await new Promise((resolve) => setTimeout(resolve, 1));
      return { orderId: 'ord-1', outcome: StepOutcome.EMAILED };
    });

    // Act
    const result = await handler({ orderId: 'ord-1' }, almostOut);

    // Assert
    expect(result.outcome).toBe(StepOutcome.EMAILED);
  });
});
