/**
 * Reads the local table's stream (DynamoDB Local implements DynamoDB Streams) and gives each batch of
 * records to the fan-out function (`functions/consumers/webhook-fan-out.ts`), as Lambda's event source
 * does in AWS: the outbox events a renewal or an attachment wrote reach the delivery queue the same way.
 */
import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
} from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { isOutboxInsert, type StreamRecordLike } from '../adapters/dynamodb/webhook-stream';

/** The deployed event source's `retryAttempts`. */
const MAX_RETRIES = 10;

export interface TableStreamOptions {
  endpoint: string;
  tableName: string;
  /** The fan-out function's handler. */
  fanOut: (event: DynamoDBStreamEvent) => Promise<DynamoDBBatchResponse>;
  /**
   * The pause after a read that found nothing (a read that found records is followed at once): DynamoDB
   * Local answers at once even with nothing new, so this bounds the load of an idle backend.
   */
  pollIntervalMs?: number;
  /** Read only when {@link TableStream.poll} is called (tests), not on a timer. */
  manual?: boolean;
  log?: (line: string) => void;
}

export interface TableStream {
  /** Reads every shard once and fans out what it found; true when it found something. */
  poll(): Promise<boolean>;
  stop(): Promise<void>;
}

/** Starts reading from now on (records written before are not replayed); new shards from their start. */
export const startTableStream = async (options: TableStreamOptions): Promise<TableStream> => {
  const { endpoint, tableName, pollIntervalMs = 200 } = options;
  const dynamo = new DynamoDBClient({ endpoint });
  const streams = new DynamoDBStreamsClient({ endpoint });
  const table = await dynamo.send(new DescribeTableCommand({ TableName: tableName }));
  dynamo.destroy();
  const streamArn = table.Table?.LatestStreamArn;
  if (!streamArn) throw new Error(`The table ${tableName} has no stream`);

  /** Shard id → the iterator to read next; null once the shard is closed and read to its end. */
  const iterators = new Map<string, string | null>();
  const discover = async (type: 'LATEST' | 'TRIM_HORIZON') => {
    const description = await streams.send(new DescribeStreamCommand({ StreamArn: streamArn }));
    for (const shard of description.StreamDescription?.Shards ?? []) {
      if (!shard.ShardId || iterators.has(shard.ShardId)) continue;
      const { ShardIterator } = await streams.send(
        new GetShardIteratorCommand({
          StreamArn: streamArn,
          ShardId: shard.ShardId,
          ShardIteratorType: type,
        }),
      );
      iterators.set(shard.ShardId, ShardIterator ?? null);
    }
  };
  await discover('LATEST');

  let stopped = false;
  let rounds = 0;
  /** Shard id → how often its current batch failed: retried, as Lambda does, up to the deployed 10 times. */
  const retries = new Map<string, number>();
  /** Reads every shard once; true when something was read. */
  const poll = async (): Promise<boolean> => {
    let found = false;
    // New shards appear as DynamoDB Local rolls them over: read them from their start.
    if (++rounds % 10 === 0) await discover('TRIM_HORIZON');
    for (const [shardId, iterator] of iterators) {
      if (!iterator) continue;
      const answer = await streams.send(new GetRecordsCommand({ ShardIterator: iterator }));
      // Only outbox inserts reach the fan-out, as the deployed event source's filter lets only them through.
      const records = (answer.Records ?? []).filter((record) =>
        isOutboxInsert(record as unknown as StreamRecordLike),
      );
      found ||= (answer.Records ?? []).length > 0;
      const failures = records.length
        ? (await options.fanOut({ Records: records } as unknown as DynamoDBStreamEvent)).batchItemFailures
        : [];
      const tries = (retries.get(shardId) ?? 0) + 1;
      if (failures.length > 0 && tries <= MAX_RETRIES) {
        // Read the same batch again next round (a fan-out finds the deliveries it made already).
        retries.set(shardId, tries);
        options.log?.(`webhook fan-out failed, retry ${tries} of ${MAX_RETRIES}`);
        continue;
      }
      retries.delete(shardId);
      iterators.set(shardId, answer.NextShardIterator ?? null);
    }
    return found;
  };
  const loop = (async () => {
    while (!stopped && !options.manual) {
      const found = await poll().catch((error) => {
        options.log?.(`table stream: ${String(error)}`);
        return false;
      });
      if (!found) await new Promise((resolve) => setTimeout(resolve, pollIntervalMs).unref());
    }
  })();
  return {
    poll,
    stop: async () => {
      stopped = true;
      await loop;
      streams.destroy();
    },
  };
};
