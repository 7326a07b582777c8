import { createHash } from 'node:crypto';
import { ExecutionAlreadyExists, type SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import type { PurchaseReplayer, PurchaseWorkflow } from '../ports/purchase-workflow';

/**
 * Starts the purchase state machine (a Standard workflow) with an execution named after the order:
 * Step Functions refuses a second execution of the same name, so the same order can never run twice,
 * whatever the number of deliveries.
 */
export class SfnPurchaseWorkflow implements PurchaseWorkflow, PurchaseReplayer {
  public constructor(
    private readonly client: SFNClient,
    private readonly stateMachineArn: string,
  ) {}

  public async start(orderId: string): Promise<void> {
    await this.startNamed(orderId, executionNameFor(orderId));
  }

  public async replay(orderId: string, failure: number): Promise<boolean> {
    return this.startNamed(orderId, replayExecutionNameFor(orderId, failure));
  }

  /** False when an execution of that name exists: it already ran, or is running. */
  private async startNamed(orderId: string, name: string): Promise<boolean> {
    try {
      await this.client.send(
        new StartExecutionCommand({
          stateMachineArn: this.stateMachineArn,
          name,
          input: JSON.stringify({ orderId }),
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ExecutionAlreadyExists) return false;
      throw error;
    }
  }
}

/** Execution names allow 80 characters of [A-Za-z0-9-_]; order ids may hold anything, so hash them. */
export const executionNameFor = (orderId: string): string =>
  `order-${createHash('sha256').update(orderId).digest('hex').slice(0, 64)}`;

/** The replay after an order's `failure`-th failure: `<first name>-replay-<n>` (at most 80 characters). */
export const replayExecutionNameFor = (orderId: string, failure: number): string => {
  if (!Number.isSafeInteger(failure) || failure < 1 || failure > 99) {
    throw new RangeError(`Replay number must be 1–99, not ${failure}`);
  }
  return `${executionNameFor(orderId)}-replay-${failure}`;
};
