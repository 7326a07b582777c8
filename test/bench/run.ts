/**
 * `npm run bench`: the license list at scale. Seeds one administrator with 1,000 workspaces and 3,000
 * licenses in DynamoDB Local, then measures through the real handler (session check included):
 * the first page and a full walk of the list, p50/p99 latency, and DynamoDB requests per page (counted by
 * a proxy in front of DynamoDB Local). Prints figures; asserts nothing about time.
 */
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createDocumentClient } from '../../functions/adapters/dynamodb/client';
import { createTableInput } from '../../functions/adapters/dynamodb/table-definition';
import { readConfig } from '../../functions/config';
import { deriveKeys } from '../../functions/domain/secrets';
import { startDynamoDbLocal } from '../../functions/local/dynamodb-local';
import { importDataFile } from '../../functions/seed/import';
import { dynamoImportStores } from '../../functions/seed/import-stores';
import { parseDataFile } from '../../functions/seed/schema';
import { overrideDependencies } from '../../functions/wiring';
import { callRoute } from '../support/api';
import { countingProxy, percentile } from './measure';

const WORKSPACES = 1000;
const LICENSES = 3000;
const FIRST_PAGE_RUNS = 200;
const WALKS = 5;
const KEY_RUNS = 300;
const EMAIL = 'bench@example.com';
const PASSWORD = 'bench-password';

const ms = (value: number) => `${value.toFixed(1)} ms`;

const benchData = (now: Date) => {
  const day = 24 * 3600 * 1000;
  const code = (n: number) => {
    const alphabet = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
    let text = '';
    for (let rest = n, i = 0; i < 20; i++, rest = Math.floor(rest / alphabet.length))
      text += alphabet[rest % alphabet.length];
    return text;
  };
  return parseDataFile({
    users: [{ email: EMAIL, password: PASSWORD, mfa: { method: 'NONE' } }],
    workspaces: Array.from({ length: WORKSPACES }, (_, i) => ({
      workspaceId: `ws-${i}`,
      name: `Company ${i}`,
      countryCode: 'PL',
      admins: [EMAIL],
    })),
    products: [{ productCode: 'EPS-CLOUD', name: 'Endpoint Security Cloud', renewableOnline: true }],
    prices: [{ productCode: 'EPS-CLOUD', countryCode: 'PL', currency: 'PLN', unitAmount: 12900 }],
    licenses: Array.from({ length: LICENSES }, (_, i) => ({
      licenseId: `lic-${i}`,
      workspaceId: `ws-${i % WORKSPACES}`,
      productCode: 'EPS-CLOUD',
      seats: 1 + (i % 50),
      termMonths: 12,
      purchaseChannel: 'ONLINE_STORE',
      purchasedAt: '2025-01-01T00:00:00.000Z',
      startsAt: '2025-01-01T00:00:00.000Z',
      expiresAt: new Date(now.getTime() + ((i * 7919) % 700) * day - 200 * day).toISOString(),
      activationCode: code(i + 1),
    })),
  });
};

const main = async () => {
  const dynamo = await startDynamoDbLocal();
  const proxy = await countingProxy(dynamo.endpoint);
  try {
    const tableName = 'bench';
    await new DynamoDBClient({ endpoint: dynamo.endpoint }).send(
      new CreateTableCommand(createTableInput(tableName)),
    );
    const now = new Date();
    const seedStarted = performance.now();
    await importDataFile(benchData(now), {
      stores: dynamoImportStores(createDocumentClient(dynamo.endpoint), tableName),
      concurrency: 8,
    });
    console.log(
      `seeded 1 administrator, ${WORKSPACES} workspaces, ${LICENSES} licenses in ${ms(performance.now() - seedStarted)}`,
    );

    const useEndpoint = (endpoint: string) =>
      overrideDependencies({
        config: readConfig({ TABLE_NAME: tableName, DYNAMODB_ENDPOINT: endpoint }),
        keys: deriveKeys('bench-secret-bench-secret-bench-secret'),
      });
    useEndpoint(dynamo.endpoint);
    const token = (await callRoute('login', { body: { email: EMAIL, password: PASSWORD } })).body.accessToken;

    const page = (query: Record<string, string>) => callRoute('licenses', { token, query });
    const walk = async (limit: number) => {
      const times: number[] = [];
      let cursor: string | undefined;
      let items = 0;
      do {
        const started = performance.now();
        const answer = await page({ limit: String(limit), ...(cursor ? { cursor } : {}) });
        times.push(performance.now() - started);
        items += answer.body.items.length;
        cursor = answer.body.nextCursor ?? undefined;
      } while (cursor);
      return { times, items };
    };

    // Warm up the handler, the SDK and DynamoDB Local's JIT.
    for (let i = 0; i < 20; i++) await page({});
    await walk(100);

    const first: number[] = [];
    for (let i = 0; i < FIRST_PAGE_RUNS; i++) {
      const started = performance.now();
      await page({});
      first.push(performance.now() - started);
    }
    const walkTimes: number[] = [];
    const pageTimes: number[] = [];
    let walkItems = 0;
    for (let i = 0; i < WALKS; i++) {
      const started = performance.now();
      const { times, items } = await walk(100);
      walkTimes.push(performance.now() - started);
      pageTimes.push(...times);
      walkItems = items;
    }

    // Requests per page, through the counting proxy (fresh clients so every call goes through it).
    useEndpoint(proxy.endpoint);
    await page({});
    proxy.take();
    await page({});
    const firstPageRequests = proxy.take();
    await page({ workspaceId: 'ws-7' });
    const filteredRequests = proxy.take();
    await page({ status: 'EXPIRING_SOON' });
    const statusRequests = proxy.take();
    const { times: walkPages } = await walk(100);
    const walkRequests = proxy.take();

    console.log('');
    console.log(
      `first page (limit 25), ${FIRST_PAGE_RUNS} runs: p50 ${ms(percentile(first, 50))}, p99 ${ms(percentile(first, 99))}`,
    );
    console.log(
      `full walk (limit 100, ${walkItems} licenses, ${walkPages.length} pages), ${WALKS} walks: ` +
        `p50 ${ms(percentile(walkTimes, 50))}, p99 ${ms(percentile(walkTimes, 99))}; per page p50 ${ms(percentile(pageTimes, 50))}, p99 ${ms(percentile(pageTimes, 99))}`,
    );
    console.log('DynamoDB requests per page (including the session check):');
    console.log(
      `  first page: ${firstPageRequests}; workspace filter: ${filteredRequests}; status filter: ${statusRequests}; full walk: ${(walkRequests / walkPages.length).toFixed(2)} per page`,
    );

    // Key authentication against session authentication, on the same route and license: both paths
    // interleaved, after a warm-up. Ten keys take turns so none reaches its 100 per 10 s limit.
    useEndpoint(dynamo.endpoint);
    const secrets: string[] = [];
    for (let i = 0; i < 10; i++) {
      const issued = await callRoute('api-key-create', {
        token,
        params: { workspaceId: 'ws-7' },
        body: { name: `bench ${i}`, scopes: ['licenses:read'] },
      });
      secrets.push(issued.body.secret);
    }
    const details = (bearer: string) =>
      callRoute('license', { token: bearer, params: { licenseId: 'lic-7' } });
    for (let i = 0; i < 20; i++) {
      await details(token);
      await details(secrets[i % secrets.length] ?? '');
    }
    const bySession: number[] = [];
    const byKey: number[] = [];
    for (let i = 0; i < KEY_RUNS; i++) {
      let started = performance.now();
      await details(token);
      bySession.push(performance.now() - started);
      started = performance.now();
      const answer = await details(secrets[i % secrets.length] ?? '');
      byKey.push(performance.now() - started);
      if (answer.status !== 200) throw new Error(`The key was answered ${answer.status}`);
    }
    useEndpoint(proxy.endpoint);
    proxy.take();
    await details(token);
    const sessionRequests = proxy.take();
    await details(secrets[0] ?? '');
    const keyRequests = proxy.take();
    const overhead = percentile(byKey, 50) - percentile(bySession, 50);
    console.log(
      `license details, ${KEY_RUNS} runs each: session p50 ${ms(percentile(bySession, 50))}, ` +
        `API key p50 ${ms(percentile(byKey, 50))} (overhead ${ms(overhead)}, ratio ` +
        `${(percentile(byKey, 50) / percentile(bySession, 50)).toFixed(2)}); DynamoDB requests: session ` +
        `${sessionRequests}, key ${keyRequests} (the key read; the rate-limit update, alongside the handler on a GET; at most one lastUsedAt a minute)`,
    );
  } finally {
    await proxy.close();
    await dynamo.stop();
  }
};

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
