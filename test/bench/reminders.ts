/**
 * `npm run bench` (third part): one run of the renewal-reminder job over 100,000 licenses in DynamoDB
 * Local, of which 300 reached a milestone an hour ago (75 at each). Counts the DynamoDB requests of the
 * run (a counting proxy), the licenses it read, and an estimate of the read units (the items' JSON size,
 * 4 KB per unit, halved for eventually consistent reads), then runs it again (nothing left to send).
 * Prints figures; asserts nothing about time.
 */
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { createDocumentClient } from '../../functions/adapters/dynamodb/client';
import { licenseItem } from '../../functions/adapters/dynamodb/license-items';
import { createTableInput } from '../../functions/adapters/dynamodb/table-definition';
import { DynamoUserStore } from '../../functions/adapters/dynamodb/user-store';
import { DynamoWorkspaceStore } from '../../functions/adapters/dynamodb/workspace-store';
import { readConfig } from '../../functions/config';
import { ManualClock } from '../../functions/domain/clock';
import { userIdFor } from '../../functions/domain/identity';
import { MILESTONE_DAYS_BEFORE } from '../../functions/domain/reminder-milestones';
import { deriveKeys } from '../../functions/domain/secrets';
import { startDynamoDbLocal } from '../../functions/local/dynamodb-local';
import type { EmailMessage } from '../../functions/ports/messaging';
import { runReminders } from '../../functions/use-cases/renewal-reminders';
import { overrideDependencies, reminderDeps } from '../../functions/wiring';
import { countingProxy } from './measure';

const LICENSES = 100_000;
const AT_MILESTONE = 300;
const WORKSPACES = 1_000;
const DAY_MS = 24 * 3600 * 1000;
const NOW = new Date('2026-12-03T09:00:00.000Z');

const main = async () => {
  const dynamo = await startDynamoDbLocal();
  const proxy = await countingProxy(dynamo.endpoint);
  const tableName = 'bench-reminders';
  await new DynamoDBClient({ endpoint: dynamo.endpoint }).send(
    new CreateTableCommand(createTableInput(tableName)),
  );
  const client = createDocumentClient(dynamo.endpoint);
  try {
    process.stderr.write(`Loading ${WORKSPACES} workspaces and ${LICENSES} licenses…\n`);
    const users = new DynamoUserStore(client, tableName);
    const workspaces = new DynamoWorkspaceStore(client, tableName);
    for (let index = 0; index < WORKSPACES; index++) {
      const email = `admin-${index}@bench.example`;
      await users.put({
        userId: userIdFor(email),
        email,
        passwordHash: 'x',
        locale: index % 2 ? 'pl' : 'en',
        mfa: { method: 'NONE' },
      });
      const workspaceId = `ws-${index}`;
      await workspaces.put({ workspaceId, name: `Workspace ${index}`, countryCode: 'PL' }, [
        userIdFor(email),
      ]);
      await workspaces.setAdminEmails(workspaceId, [email]);
    }
    const expiryOf = (index: number): string => {
      if (index < AT_MILESTONE) {
        // 75 at each milestone, passed an hour ago.
        const [, daysBefore] = MILESTONE_DAYS_BEFORE[index % MILESTONE_DAYS_BEFORE.length] ?? ['', 0];
        return new Date(NOW.getTime() + daysBefore * DAY_MS - 3600_000).toISOString();
      }
      // The rest expire 40 to 400 days from now, on days no milestone of this run falls on.
      return new Date(NOW.getTime() + (40 + (index % 360)) * DAY_MS).toISOString();
    };
    const items = Array.from({ length: LICENSES }, (_, index) =>
      licenseItem({
        licenseId: `lic-${index}`,
        workspaceId: `ws-${index % WORKSPACES}`,
        productCode: 'EPS-CLOUD',
        seats: 10,
        termMonths: 12,
        purchaseChannel: 'ONLINE_STORE',
        purchasedAt: '2025-01-10T00:00:00.000Z',
        startsAt: '2025-01-10T00:00:00.000Z',
        expiresAt: expiryOf(index),
        activationCode: `BENCH${String(index).padStart(15, '0')}`,
      }),
    );
    for (let start = 0; start < items.length; start += 25 * 8) {
      await Promise.all(
        Array.from({ length: 8 }, (_, batch) => items.slice(start + batch * 25, start + (batch + 1) * 25))
          .filter((chunk) => chunk.length > 0)
          .map((chunk) =>
            client.send(
              new BatchWriteCommand({
                RequestItems: { [tableName]: chunk.map((Item) => ({ PutRequest: { Item } })) },
              }),
            ),
          ),
      );
    }

    let sent = 0;
    overrideDependencies({
      config: { ...readConfig({ TABLE_NAME: tableName, DYNAMODB_ENDPOINT: proxy.endpoint }) },
      clock: new ManualClock(NOW),
      keys: deriveKeys('bench-root-secret-that-is-long-enough'),
      email: { send: async (_message: EmailMessage) => void sent++ },
    });
    const deps = await reminderDeps();
    proxy.take();

    const started = performance.now();
    const first = await runReminders(deps, NOW);
    const firstMs = performance.now() - started;
    const firstOperations = proxy.byOperation();
    const firstRequests = proxy.take();
    const againStarted = performance.now();
    const again = await runReminders(deps, NOW);
    const againMs = performance.now() - againStarted;
    const againOperations = proxy.byOperation();
    const againRequests = proxy.take();

    // Read units of the index Queries, estimated from the items they return.
    let bytes = 0;
    for (const day of new Set(items.slice(0, AT_MILESTONE).map((item) => item.gsi2pk))) {
      const { Items = [] } = await client.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: 'gsi2',
          KeyConditionExpression: 'gsi2pk = :d',
          ExpressionAttributeValues: { ':d': day },
        }),
      );
      for (const item of Items) bytes += JSON.stringify(item).length;
    }

    console.log(
      `\nRenewal reminders, ${LICENSES.toLocaleString('en')} licenses of which ${AT_MILESTONE} reached a milestone:`,
    );
    console.log(
      `  first run:  ${first.licensesRead} licenses read, ${first.reminders} reminders, ${first.sent} emails, ` +
        `${firstRequests} DynamoDB requests (${(firstRequests / Math.max(first.reminders, 1)).toFixed(1)} per reminder), ${Math.round(firstMs)} ms`,
    );
    console.log(
      `  second run: ${again.licensesRead} licenses read, ${again.reminders} reminders, ${again.sent} emails, ` +
        `${againRequests} DynamoDB requests, ${Math.round(againMs)} ms`,
    );
    console.log(
      `  index reads: ≈${Math.ceil(bytes / 4096 / 2)} read units for ${AT_MILESTONE} licenses (${(bytes / 1024).toFixed(0)} KB); a Scan would read all ${LICENSES.toLocaleString('en')}`,
    );
    console.log(
      `  by operation: first ${JSON.stringify(firstOperations)}, second ${JSON.stringify(againOperations)}`,
    );
    if (sent !== first.sent) throw new Error(`the sender saw ${sent} emails, the report ${first.sent}`);
  } finally {
    client.destroy();
    await proxy.close();
    await dynamo.stop();
  }
};

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
