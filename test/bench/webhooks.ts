/**
 * `npm run bench` (second part): outbound webhooks as `npm start` runs them. DynamoDB Local's stream is
 * read by the local poller (every 200 ms when idle, as in `npm start`) into the fan-out function, the in-process
 * queue feeds the delivery function, and a receiver on this machine answers 204. Measures the time from a
 * change's commit (the transaction that writes its outbox event returns) to the receiver getting the
 * event, and counts what one delivered event costs: DynamoDB requests, queue messages, function runs.
 * Prints figures and the cost per 1,000 events at the prices below; asserts nothing about time.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { SQSEvent } from 'aws-lambda';
import { createDocumentClient } from '../../functions/adapters/dynamodb/client';
import { createTableInput } from '../../functions/adapters/dynamodb/table-definition';
import {
  DynamoWebhookEndpointStore,
  webhookEventPut,
} from '../../functions/adapters/dynamodb/webhook-stores';
import { readConfig } from '../../functions/config';
import { handler as deliverWebhooks } from '../../functions/consumers/webhook-deliver';
import { handler as fanOutWebhooks } from '../../functions/consumers/webhook-fan-out';
import { systemClock } from '../../functions/domain/clock';
import { newWebhookEvent } from '../../functions/domain/webhook-event';
import { newWebhookSecret } from '../../functions/domain/webhook-signature';
import { LocalDeliveryQueue } from '../../functions/local/delivery-queue';
import { startDynamoDbLocal } from '../../functions/local/dynamodb-local';
import { startTableStream } from '../../functions/local/table-stream';
import type { DeliveryMessage } from '../../functions/ports/webhooks';
import { overrideDependencies } from '../../functions/wiring';
import { countingProxy, percentile } from './measure';

const EVENTS = 100;
const COUNTED_EVENTS = 20;

/**
 * AWS list prices used for the cost (us-east-1, on-demand, as published in 2026): DynamoDB $0.625 per
 * million write and $0.125 per million read request units; SQS standard $0.40 per million requests;
 * Lambda arm64 $0.20 per million requests and $0.0000133334 per GB-second; CloudWatch Logs $0.50 per GB.
 */
const PRICE = {
  writeUnit: 0.625e-6,
  readUnit: 0.125e-6,
  sqsRequest: 0.4e-6,
  lambdaRequest: 0.2e-6,
  lambdaGbSecond: 0.0000133334,
  logGb: 0.5,
} as const;

const main = async () => {
  const dynamo = await startDynamoDbLocal();
  const proxy = await countingProxy(dynamo.endpoint);
  const tableName = 'bench-webhooks';
  await new DynamoDBClient({ endpoint: dynamo.endpoint }).send(
    new CreateTableCommand(createTableInput(tableName)),
  );

  let receivedAt = new Map<string, number>();
  const waiters = new Map<string, () => void>();
  const receiver = createServer((req, res) => {
    const id = String(req.headers['webhook-id']);
    req.resume().on('end', () => {
      receivedAt.set(id, performance.now());
      res.writeHead(204).end();
      waiters.get(id)?.();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;

  // The functions go through the counting proxy; the stream poller (Lambda's event source) does not.
  let sent = 0;
  let deliverRuns = 0;
  const queue = new LocalDeliveryQueue({
    clock: () => systemClock,
    deliver: (event: SQSEvent) => {
      deliverRuns++;
      return deliverWebhooks(event);
    },
    realTime: true,
  });
  const counted = {
    send: async (message: DeliveryMessage, delaySeconds: number) => {
      sent++;
      await queue.send(message, delaySeconds);
    },
  };
  overrideDependencies({
    config: {
      ...readConfig({ TABLE_NAME: tableName, DYNAMODB_ENDPOINT: proxy.endpoint }),
      webhookTransport: 'local',
      opsTransport: 'outbox',
    },
    deliveryQueue: counted,
  });
  let fanOutRuns = 0;
  const stream = await startTableStream({
    endpoint: dynamo.endpoint,
    tableName,
    fanOut: (event) => {
      fanOutRuns++;
      return fanOutWebhooks(event);
    },
  });
  const documents = createDocumentClient(dynamo.endpoint);
  await new DynamoWebhookEndpointStore(documents, tableName).create({
    endpointId: 'ep_bench',
    workspaceId: 'ws-bench',
    url: receiverUrl,
    events: ['license.attached'],
    description: 'bench',
    status: 'ENABLED',
    disabledReason: null,
    createdAt: new Date().toISOString(),
    secret: newWebhookSecret(),
    previousSecret: null,
    previousSecretExpiresAt: null,
    failingSince: null,
  });

  /** Commits one change's outbox event and resolves with the ms until the receiver has it. */
  const deliverOne = async (client = documents) => {
    const event = newWebhookEvent(
      'license.attached',
      { licenseId: 'lic-bench', workspaceId: 'ws-bench' },
      new Date(),
    );
    const arrived = new Promise<void>((resolve) => waiters.set(event.id, resolve));
    await client.send(new TransactWriteCommand({ TransactItems: [webhookEventPut(tableName, event)] }));
    const committed = performance.now();
    await arrived;
    waiters.delete(event.id);
    return (receivedAt.get(event.id) ?? Number.NaN) - committed;
  };

  try {
    for (let i = 0; i < 10; i++) await deliverOne(); // warm-up
    const latencies: number[] = [];
    for (let i = 0; i < EVENTS; i++) latencies.push(await deliverOne());
    receivedAt = new Map();

    proxy.take();
    [sent, deliverRuns, fanOutRuns] = [0, 0, 0];
    for (let i = 0; i < COUNTED_EVENTS; i++) await deliverOne();
    // Let the delivery function finish recording the last attempt before counting.
    await queue.stop();
    const requestsPerEvent = proxy.take() / COUNTED_EVENTS;

    // Per delivered event to one endpoint, from the adapters' writes (items < 1 KB):
    // the outbox Put in the change's transaction (2 WRU, transactional), the delivery Put (1 WRU + 1 for its
    // gsi1 entry), the attempt's Put (the same); reads: the endpoints Query and 3 consistent GetItems (4 RRU).
    const writeUnits = 2 + 2 + 2;
    const readUnits = 4;
    const sqsRequests = 3; // send, receive (one per batch at most), delete
    const lambdaRuns = 2; // fan-out and delivery, each at most once per event (batches make it less)
    const lambdaGbSeconds = 0.25 * (0.05 + 0.1); // 256 MB, ~50 ms fan-out, ~100 ms attempt
    const logGb = 1e-6; // ~1 KB of log lines
    const perEvent =
      writeUnits * PRICE.writeUnit +
      readUnits * PRICE.readUnit +
      sqsRequests * PRICE.sqsRequest +
      lambdaRuns * PRICE.lambdaRequest +
      lambdaGbSeconds * PRICE.lambdaGbSecond +
      logGb * PRICE.logGb;

    console.log('');
    console.log(
      `webhooks, ${EVENTS} events: commit to receiver p50 ${percentile(latencies, 50).toFixed(0)} ms, ` +
        `p95 ${percentile(latencies, 95).toFixed(0)} ms, max ${Math.max(...latencies).toFixed(0)} ms ` +
        '(an idle local stream is polled every 200 ms)',
    );
    console.log(
      `per delivered event (${COUNTED_EVENTS} counted): ${requestsPerEvent.toFixed(1)} DynamoDB requests ` +
        `by the two functions (the commit's own not counted), ${(sent / COUNTED_EVENTS).toFixed(1)} queue messages, ` +
        `${(fanOutRuns / COUNTED_EVENTS).toFixed(2)} fan-out and ${(deliverRuns / COUNTED_EVENTS).toFixed(2)} delivery runs`,
    );
    console.log(
      `cost per 1,000 delivered events in AWS: $${(perEvent * 1000).toFixed(4)} ` +
        `(${writeUnits} WRU, ${readUnits} RRU, ${sqsRequests} SQS requests, ${lambdaRuns} Lambda runs per event; prices in test/bench/webhooks.ts)`,
    );
  } finally {
    await stream.stop();
    await queue.stop();
    receiver.close();
    documents.destroy();
    await proxy.close();
    await dynamo.stop();
  }
};

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
