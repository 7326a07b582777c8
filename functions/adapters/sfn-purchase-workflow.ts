import { createHash } from 'node:crypto';
import { ExecutionAlreadyExists, type SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import type { PurchaseWorkflow } from '../ports/orders';

/**
 * Starts the purchase state machine (a Standard workflow) with an execution named after the order:
 * Step Functions refuses a second execution of the same name, so the same order can never run twice,
 * whatever the number of deliveries.
 */
export class SfnPurchaseWorkflow implements PurchaseWorkflow {
  public constructor(
    private readonly client: SFNClient,
    private readonly stateMachineArn: string,
  ) {}

  public async start(orderId: string): Promise<void> {
    try {
      await this.client.send(
        new StartExecutionCommand({
          stateMachineArn: this.stateMachineArn,
          name: executionNameFor(orderId),
          input: JSON.stringify({ orderId }),
        }),
      );
    } catch (error) {
      // A finished execution for this order: it already ran (or is kept for a deliberate replay).
      if (error instanceof ExecutionAlreadyExists) return;
      throw error;
    }
  }
}

/** Execution names allow 80 characters of [A-Za-z0-9-_]; order ids may hold anything, so hash them. */
export const executionNameFor = (orderId: string): string =>
  `order-${createHash('sha256').update(orderId).digest('hex').slice(0, 64)}`;
