import type { AttemptOutcome } from '../domain/webhook-delivery';

/** Where a delivery may go, and how it is sent. */
export interface WebhookRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
}

/**
 * Sends one signed delivery: resolves the host and refuses a private address (checked at every attempt,
 * DNS can change), connects to the address it checked, follows no redirect, gives up after 10 s, and
 * keeps at most 1 KB of the answer.
 */
export interface WebhookSender {
  send(request: WebhookRequest): Promise<AttemptOutcome>;
}

/** Checks where a URL leads before it is stored: every address its host resolves to must be public. */
export interface AddressChecker {
  /** Why the URL's host may not receive webhooks (unknown, or a private address); null when it may. */
  problemWith(url: string): Promise<string | null>;
}
