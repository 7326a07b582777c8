import {
  BatchWriteCommand,
  type BatchWriteCommandInput,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { forEachLimit } from '../for-each-limit';

/** One put or delete of a BatchWriteItem request. */
export type WriteRequest = NonNullable<BatchWriteCommandInput['RequestItems']>[string][number];

/** BatchWriteItem's limit per call. */
const CHUNK_SIZE = 25;

export interface BatchWriteOptions {
  /** Chunks written at the same time. */
  concurrency: number;
  /** Calls per chunk before giving up on items DynamoDB keeps returning unprocessed. Default 8. */
  maxAttempts?: number;
  /** First pause before retrying unprocessed items, doubled each time (capped at 5 s). Default 50 ms. */
  baseDelayMs?: number;
  /** Called after each chunk is fully written, with the number of requests in it. */
  onChunk?: (written: number) => void;
}

/** Some items were still unprocessed after every attempt (the table kept throttling). */
export class BatchWriteError extends Error {
  public override readonly name = 'BatchWriteError';

  public constructor(
    public readonly unprocessed: number,
    attempts: number,
  ) {
    super(`${unprocessed} items were still unprocessed after ${attempts} attempts`);
  }
}

const MAX_DELAY_MS = 5000;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Writes `requests` with BatchWriteItem in chunks of 25, retrying the items DynamoDB returns as
 * unprocessed with exponential backoff and jitter. Requests must not touch the same key twice.
 */
export const batchWrite = async (
  client: DynamoDBDocumentClient,
  tableName: string,
  requests: readonly WriteRequest[],
  options: BatchWriteOptions,
): Promise<void> => {
  const { concurrency, maxAttempts = 8, baseDelayMs = 50, onChunk } = options;
  const chunks: WriteRequest[][] = [];
  for (let start = 0; start < requests.length; start += CHUNK_SIZE) {
    chunks.push(requests.slice(start, start + CHUNK_SIZE));
  }
  await forEachLimit(chunks, concurrency, async (chunk) => {
    let pending = chunk;
    for (let attempt = 1; ; attempt++) {
      const { UnprocessedItems } = await client.send(
        new BatchWriteCommand({ RequestItems: { [tableName]: pending } }),
      );
      pending = UnprocessedItems?.[tableName] ?? [];
      if (pending.length === 0) break;
      if (attempt >= maxAttempts) throw new BatchWriteError(pending.length, attempt);
      // Unprocessed items mean the table is throttling: back off, with jitter so chunks do not retry in step.
      await pause(Math.min(baseDelayMs * 2 ** (attempt - 1), MAX_DELAY_MS) * (0.5 + Math.random() / 2));
    }
    onChunk?.(chunk.length);
  });
};
