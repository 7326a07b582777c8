import type { PurchaseReplayer, PurchaseWorkflow } from '../../functions/ports/purchase-workflow';

/**
 * {@link PurchaseWorkflow} and {@link PurchaseReplayer} that record what they were asked to start,
 * idempotently: an order starts once, and a replay once per failure number.
 */
export class FakePurchaseWorkflow implements PurchaseWorkflow, PurchaseReplayer {
  public readonly started: string[] = [];
  public readonly replays: Array<{ orderId: string; failure: number }> = [];

  public async start(orderId: string): Promise<void> {
    if (!this.started.includes(orderId)) this.started.push(orderId);
  }

  public async replay(orderId: string, failure: number): Promise<boolean> {
    if (this.replays.some((r) => r.orderId === orderId && r.failure === failure)) return false;
    this.replays.push({ orderId, failure });
    return true;
  }
}
