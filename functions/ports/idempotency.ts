/** The answer a request got, kept to replay it for the same idempotency key. */
export interface StoredResponse {
  status: number;
  body: unknown;
}

/** What `begin` found for a key. */
export type IdempotencyClaim =
  | { kind: 'claimed' }
  | { kind: 'completed'; requestHash: string; response: StoredResponse }
  | { kind: 'in-progress'; requestHash: string };

/**
 * Idempotency records (Stripe's semantics): a key is claimed by the first request, which then stores
 * its answer; later requests with the key get that answer replayed.
 */
export interface IdempotencyStore {
  /** Claims `key` for a request, unless it is held (in progress, lock not yet lapsed) or completed. */
  begin(key: string, requestHash: string, now: Date): Promise<IdempotencyClaim>;
  complete(key: string, response: StoredResponse, now: Date): Promise<void>;
  /** Releases a claim whose request failed, so the client may retry with the same key. */
  release(key: string): Promise<void>;
}
