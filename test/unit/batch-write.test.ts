import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import {
  BatchWriteError,
  batchWrite,
  type WriteRequest,
} from '../../functions/adapters/dynamodb/batch-write';
import { forEachLimit } from '../../functions/adapters/for-each-limit';

const TABLE = 'table';
const puts = (count: number): WriteRequest[] =>
  Array.from({ length: count }, (_, i) => ({ PutRequest: { Item: { pk: `ITEM#${i}`, sk: 'ITEM' } } }));

describe('batchWrite', () => {
  const client = DynamoDBDocumentClient.from(new DynamoDBClient({}));
  const dynamo = mockClient(client);
  const sentChunks = () =>
    dynamo.commandCalls(BatchWriteCommand).map((call) => call.args[0].input.RequestItems?.[TABLE] ?? []);

  beforeEach(() => dynamo.reset());

  it('writes in chunks of 25 and reports each chunk', async () => {
    // Arrange
    dynamo.on(BatchWriteCommand).resolves({});
    const written: number[] = [];

    // Act
    await batchWrite(client, TABLE, puts(60), { concurrency: 2, onChunk: (n) => written.push(n) });

    // Assert
    expect(sentChunks().map((chunk) => chunk.length)).toEqual([25, 25, 10]);
    expect(written.sort()).toEqual([10, 25, 25]);
  });

  it('sends nothing for no requests', async () => {
    await batchWrite(client, TABLE, [], { concurrency: 4 });

    expect(sentChunks()).toEqual([]);
  });

  it('retries the items DynamoDB returns unprocessed', async () => {
    // Arrange
    const requests = puts(3);
    dynamo
      .on(BatchWriteCommand)
      .resolvesOnce({ UnprocessedItems: { [TABLE]: requests.slice(1) } })
      .resolvesOnce({ UnprocessedItems: { [TABLE]: requests.slice(2) } })
      .resolves({ UnprocessedItems: {} });
    const written: number[] = [];

    // Act
    await batchWrite(client, TABLE, requests, {
      concurrency: 1,
      baseDelayMs: 0,
      onChunk: (n) => written.push(n),
    });

    // Assert
    expect(sentChunks()).toEqual([requests, requests.slice(1), requests.slice(2)]);
    expect(written).toEqual([3]);
  });

  it('gives up after maxAttempts when items stay unprocessed', async () => {
    // Arrange
    const requests = puts(2);
    dynamo.on(BatchWriteCommand).resolves({ UnprocessedItems: { [TABLE]: requests.slice(1) } });

    // Act
    const writing = batchWrite(client, TABLE, requests, { concurrency: 1, maxAttempts: 3, baseDelayMs: 0 });

    // Assert
    await expect(writing).rejects.toThrow(new BatchWriteError(1, 3));
    expect(dynamo.commandCalls(BatchWriteCommand)).toHaveLength(3);
  });

  it('passes a failed call on', async () => {
    dynamo.on(BatchWriteCommand).rejects(new Error('ResourceNotFoundException'));

    await expect(batchWrite(client, TABLE, puts(1), { concurrency: 1 })).rejects.toThrow(
      'ResourceNotFoundException',
    );
  });
});

describe('forEachLimit', () => {
  it('runs every item with at most `limit` in flight', async () => {
    // Arrange
    let inFlight = 0;
    let most = 0;
    const seen: number[] = [];

    // Act
    await forEachLimit([1, 2, 3, 4, 5, 6, 7], 3, async (item) => {
      inFlight++;
      most = Math.max(most, inFlight);
      await Promise.resolve();
      seen.push(item);
      inFlight--;
    });

    // Assert
    expect(seen.sort()).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(most).toBe(3);
  });

  it('starts nothing new after a failure and rejects with it', async () => {
    // Arrange
    const started: number[] = [];

    // Act
    const running = forEachLimit([1, 2, 3, 4, 5], 1, async (item) => {
      started.push(item);
      if (item === 2) throw new Error('boom');
    });

    // Assert
    await expect(running).rejects.toThrow('boom');
    expect(started).toEqual([1, 2]);
  });
});
