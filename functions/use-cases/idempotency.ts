/**
 * Idempotent requests, with Stripe's semantics: the same key (per user) and the same request get the
 * first answer replayed for at least 24 h; the same key with another request is 422; a request still
 * running with the key is 409. Only successful answers are kept: after an error the key is released,
 * so the client can retry it once the cause is fixed.
 */
import { createHash } from 'node:crypto';
import type { IdempotencyStore, StoredResponse } from '../ports/idempotency';
import { conflict, ErrorCode, rejected } from './errors';

export interface IdempotentRequest {
  userId: string;
  key: string;
  /** What makes two requests "the same": route, path parameters and body. */
  fingerprint: unknown;
}

const sha256 = (text: string): string => createHash('sha256').update(text).digest('base64url');

/**
 * Runs `run` once per key and request; a replay answers what the first run answered (the stored
 * response is trusted to be a `T`: only `run` ever stores one under this key).
 */
export const runIdempotent = async <T extends StoredResponse>(
  store: IdempotencyStore,
  request: IdempotentRequest,
  now: Date,
  run: () => Promise<T>,
): Promise<T & { replayed: boolean }> => {
  const scopedKey = sha256(JSON.stringify([request.userId, request.key]));
  const requestHash = sha256(JSON.stringify(request.fingerprint));
  const claim = await store.begin(scopedKey, requestHash, now);
  if (claim.kind !== 'claimed') {
    if (claim.requestHash !== requestHash) throw rejected(ErrorCode.IDEMPOTENCY_KEY_REUSED);
    if (claim.kind === 'in-progress') throw conflict(ErrorCode.IDEMPOTENCY_KEY_IN_PROGRESS);
    return { ...(claim.response as T), replayed: true };
  }
  try {
    const response = await run();
    await store.complete(scopedKey, response, now);
    return { ...response, replayed: false };
  } catch (error) {
    await store.release(scopedKey);
    throw error;
  }
};
