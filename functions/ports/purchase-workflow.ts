/** Starts the purchase workflow for an order. Idempotent: the same order never runs twice at once. */
export interface PurchaseWorkflow {
  start(orderId: string): Promise<void>;
}

/**
 * Starts a replay of an order after its `failure`-th failure, as an execution of its own (the first
 * one's name is taken for good). Idempotent per failure: false when that replay was started before.
 */
export interface PurchaseReplayer {
  replay(orderId: string, failure: number): Promise<boolean>;
}
