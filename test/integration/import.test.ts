import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type DynamoDBDocumentClient,
  GetCommand,
  ScanCommand,
  type ScanCommandOutput,
} from '@aws-sdk/lib-dynamodb';
import { createDocumentClient } from '../../functions/adapters/dynamodb/client';
import { DynamoLicenseStore } from '../../functions/adapters/dynamodb/license-store';
import { Keys } from '../../functions/adapters/dynamodb/table-definition';
import { DynamoUserStore } from '../../functions/adapters/dynamodb/user-store';
import { DynamoWorkspaceStore } from '../../functions/adapters/dynamodb/workspace-store';
import { forEachLimit } from '../../functions/adapters/for-each-limit';
import { stripActivationCode } from '../../functions/domain/activation-code';
import { userIdFor } from '../../functions/domain/identity';
import { verifyPassword } from '../../functions/domain/password';
import { ExitCode, runImportCli } from '../../functions/seed/cli';
import { buildDemoData, DemoAccounts, DemoLicenses, DemoPartnerCodes } from '../../functions/seed/demo-data';
import { type ImportPhase, importDataFile, ImportPhase as Phase } from '../../functions/seed/import';
import { dynamoImportStores } from '../../functions/seed/import-stores';
import type { DataFile, DataFileInput } from '../../functions/seed/schema';
import { createTestTable } from '../support/dynamodb';
import { FixtureBuilder } from '../support/fixtures';

type TestTable = Awaited<ReturnType<typeof createTestTable>>;

const NOW = new Date('2026-03-10T12:00:00.000Z');

/** Every item of the table, ordered by key, password hashes left out (their salts differ per import). */
const scanAll = async (client: DynamoDBDocumentClient, tableName: string) => {
  const items: Record<string, unknown>[] = [];
  let startKey: ScanCommandOutput['LastEvaluatedKey'];
  do {
    const page = await client.send(
      new ScanCommand({ TableName: tableName, ConsistentRead: true, ExclusiveStartKey: startKey }),
    );
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return items
    .map(({ passwordHash: _hash, ...item }) => item)
    .sort((a, b) => `${a.pk}|${a.sk}`.localeCompare(`${b.pk}|${b.sk}`));
};

const countByType = (items: Record<string, unknown>[]) =>
  items.reduce<Record<string, number>>((counts, item) => {
    const type = String(item.type);
    counts[type] = (counts[type] ?? 0) + 1;
    return counts;
  }, {});

describe('importDataFile with the demo data', () => {
  let table: TestTable;
  let client: DynamoDBDocumentClient;
  let data: DataFile;
  const progress: [done: number, total: number, phase: ImportPhase][] = [];

  beforeAll(async () => {
    table = await createTestTable();
    client = createDocumentClient(table.endpoint);
    data = buildDemoData(NOW);
    await importDataFile(data, {
      stores: dynamoImportStores(client, table.tableName),
      onProgress: (...call) => progress.push(call),
    });
  });

  afterAll(async () => {
    client.destroy();
    await table.drop();
  });

  it('stores each demo account with its password, locale and second factor', async () => {
    // Arrange
    const users = new DynamoUserStore(client, table.tableName);

    for (const account of Object.values(DemoAccounts)) {
      // Act
      const user = await users.findByEmail(account.email);

      // Assert
      expect(user).toMatchObject({
        userId: userIdFor(account.email),
        email: account.email,
        locale: account.locale,
      });
      expect(user?.mfa.method).toBe(account.method);
      expect(await verifyPassword(account.password, user?.passwordHash ?? '')).toBe(true);
    }
    const totp = await users.findByEmail(DemoAccounts.totp.email);
    expect(totp?.mfa).toEqual({ method: 'TOTP', secret: DemoAccounts.totp.secret });
  });

  it('lists each administrator their workspaces', async () => {
    // Arrange
    const workspaces = new DynamoWorkspaceStore(client, table.tableName);

    for (const account of Object.values(DemoAccounts)) {
      // Act
      const listed = await workspaces.listForAdmin(userIdFor(account.email));

      // Assert
      const expected = data.workspaces
        .filter((w) => w.admins.includes(account.email))
        .map(({ workspaceId, name, countryCode }) => ({ workspaceId, name, countryCode }))
        .sort((a, b) => a.name.localeCompare(b.name));
      expect(listed).toEqual(expected);
    }
  });

  it('writes products, prices, offers and licenses under their keys', async () => {
    // Arrange
    const get = async (key: { pk: string; sk: string }) =>
      (await client.send(new GetCommand({ TableName: table.tableName, Key: key }))).Item;
    const [partner] = DemoPartnerCodes;

    // Act
    const items = await scanAll(client, table.tableName);
    const eligible = await get(Keys.license(DemoLicenses.eligible.licenseId));
    const unattached = await get(Keys.license(partner?.licenseId ?? ''));
    const yen = await get(Keys.price('EPS-CLOUD', 'JP'));
    const product = await get(Keys.product('EPS-ONPREM'));
    const loyalty = await get(Keys.offer('loyalty'));
    const adminsOf = new Map(data.workspaces.map((w) => [w.workspaceId, w.admins.length]));
    const expectedListEntries = data.licenses.reduce(
      (sum, l) => sum + (adminsOf.get(l.workspaceId ?? '') ?? 0),
      0,
    );

    // Assert
    expect(countByType(items)).toEqual({
      USER: 3,
      WORKSPACE: 6,
      MEMBERSHIP: 9,
      PRODUCT: 3,
      PRICE: 10,
      OFFER: 5,
      LICENSE: data.licenses.length,
      ACTIVATION_CODE: data.licenses.length,
      LICENSE_ENTRY: expectedListEntries,
    });
    const { activationCode, ...eligibleInFile } = data.licenses.find(
      (l) => l.licenseId === DemoLicenses.eligible.licenseId,
    ) as DataFile['licenses'][number];
    expect(eligible).toMatchObject({ ...eligibleInFile, activationCodeHint: activationCode.slice(-5) });
    expect(JSON.stringify(items)).not.toContain(activationCode);
    expect(unattached).toMatchObject({ workspaceId: null });
    expect(unattached).not.toHaveProperty('gsi1pk');
    await expect(
      new DynamoLicenseStore(client, table.tableName).findIdByActivationCode(
        stripActivationCode(partner?.activationCode ?? ''),
      ),
    ).resolves.toBe(partner?.licenseId);
    expect(yen).toMatchObject({ type: 'PRICE', currency: 'JPY', unitAmount: 4200 });
    expect(product).toMatchObject({ type: 'PRODUCT', renewableOnline: false });
    expect(loyalty).toMatchObject({ type: 'OFFER', percentOff: 10 });
    expect(loyalty).not.toHaveProperty('productCodes');
  });

  it('reports each phase, in order, from 0 up to its total', () => {
    // Arrange
    const phases = Object.values(Phase);

    // Act
    const seen = [...new Set(progress.map(([, , phase]) => phase))];

    // Assert
    expect(seen).toEqual(phases);
    for (const phase of phases) {
      const calls = progress.filter(([, , p]) => p === phase);
      const done = calls.map(([d]) => d);
      expect(done[0]).toBe(0);
      expect(done.at(-1)).toBe(calls[0]?.[1]);
      expect(done).toEqual([...done].sort((a, b) => a - b));
    }
    expect(progress.filter(([, , p]) => p === Phase.LICENSES).at(-1)).toEqual([50, 50, Phase.LICENSES]);
  });

  it('leaves the same table when the file is imported again', async () => {
    // Arrange
    const before = await scanAll(client, table.tableName);

    // Act
    const summary = await importDataFile(data, { stores: dynamoImportStores(client, table.tableName) });

    // Assert
    expect(await scanAll(client, table.tableName)).toEqual(before);
    expect(summary).toEqual({
      users: 3,
      workspaces: 6,
      products: 3,
      prices: 10,
      offers: 5,
      licenses: data.licenses.length,
      removedMemberships: 0,
    });
  });
});

describe('re-importing a changed file', () => {
  let table: TestTable;
  let client: DynamoDBDocumentClient;

  beforeEach(async () => {
    table = await createTestTable();
    client = createDocumentClient(table.endpoint);
  });

  afterEach(async () => {
    client.destroy();
    await table.drop();
  });

  const withAdmins = (admins: string[]) =>
    new FixtureBuilder(NOW)
      .user('ann@example.com', { password: 'password-1' })
      .user('bob@example.com', { password: 'password-2' })
      .workspace('ws-1', { name: 'Acme', admins })
      .product('EPS-CLOUD');
  const licenseIn = (workspaceId: string) => ({
    workspaceId,
    seats: 5,
    purchasedAt: '2025-01-01T00:00:00.000Z',
    startsAt: '2025-01-01T00:00:00.000Z',
    expiresAt: '2026-01-01T00:00:00.000Z',
    activationCode: 'ABCDE-FGHJK-MNPQR-STUVW',
  });
  const fileWithAdmins = (admins: string[]): DataFile =>
    withAdmins(admins).license('lic-1', licenseIn('ws-1')).build();

  it('deletes the membership and license list of an administrator dropped from a workspace', async () => {
    // Arrange
    const workspaces = new DynamoWorkspaceStore(client, table.tableName);
    const options = { stores: dynamoImportStores(client, table.tableName) };
    await importDataFile(fileWithAdmins(['ann@example.com', 'bob@example.com']), options);

    // Act
    const summary = await importDataFile(fileWithAdmins(['ann@example.com']), options);

    // Assert
    expect(summary.removedMemberships).toBe(1);
    expect(await workspaces.listForAdmin(userIdFor('bob@example.com'))).toEqual([]);
    expect(await workspaces.listForAdmin(userIdFor('ann@example.com'))).toEqual([
      { workspaceId: 'ws-1', name: 'Acme', countryCode: 'PL' },
    ]);
    const licenses = new DynamoLicenseStore(client, table.tableName);
    expect((await licenses.listForAdmin(userIdFor('bob@example.com'), { limit: 10 })).items).toEqual([]);
    expect((await licenses.listForAdmin(userIdFor('ann@example.com'), { limit: 10 })).items).toHaveLength(1);
    expect(countByType(await scanAll(client, table.tableName))).toEqual({
      USER: 2,
      WORKSPACE: 1,
      MEMBERSHIP: 1,
      PRODUCT: 1,
      LICENSE: 1,
      ACTIVATION_CODE: 1,
      LICENSE_ENTRY: 1,
    });
  });

  it('moves a license between two workspaces sharing an administrator', async () => {
    // Arrange
    const withLicenseIn = (workspaceId: string): DataFile =>
      withAdmins(['ann@example.com', 'bob@example.com'])
        .workspace('ws-2', { name: 'Acme Two', admins: ['ann@example.com'] })
        .license('lic-1', licenseIn(workspaceId))
        .build();
    const options = { stores: dynamoImportStores(client, table.tableName) };
    await importDataFile(withLicenseIn('ws-1'), options);

    // Act
    await importDataFile(withLicenseIn('ws-2'), options);

    // Assert
    const licenses = new DynamoLicenseStore(client, table.tableName);
    const ann = await licenses.listForAdmin(userIdFor('ann@example.com'), { limit: 10 });
    expect(ann.items.map((item) => [item.licenseId, item.workspaceId, item.workspaceName])).toEqual([
      ['lic-1', 'ws-2', 'Acme Two'],
    ]);
    expect(
      (await licenses.listForAdmin(userIdFor('ann@example.com'), { limit: 10, workspaceId: 'ws-1' })).items,
    ).toEqual([]);
    expect((await licenses.listForAdmin(userIdFor('bob@example.com'), { limit: 10 })).items).toEqual([]);
  });
});

describe('a workspace of 500 administrators', () => {
  const licenseOf500 = {
    seats: 500,
    purchasedAt: '2025-01-01T00:00:00.000Z',
    startsAt: '2025-01-01T00:00:00.000Z',
    expiresAt: '2026-01-01T00:00:00.000Z',
    activationCode: 'ABCDE-FGHJK-MNPQR-STUVW',
  };

  it('imports it, and every administrator lists its license', async () => {
    // Arrange
    const table = await createTestTable();
    const client = createDocumentClient(table.endpoint);
    const admins = Array.from({ length: 500 }, (_, index) => `admin-${index}@example.com`);
    const builder = new FixtureBuilder(NOW)
      .workspace('ws-big', { name: 'Big Co', admins })
      .product('EPS-CLOUD')
      .license('lic-big', { workspaceId: 'ws-big', ...licenseOf500 });
    for (const email of admins) builder.user(email, { password: 'password-1' });
    const file = builder.build();
    // 500 scrypt hashes would take a minute; the list entries are what this test is about.
    const hashPassword = async (password: string) => `test-hash:${password.length}`;

    // Act
    const summary = await importDataFile(file, {
      stores: dynamoImportStores(client, table.tableName),
      hashPassword,
    });

    // Assert
    expect(summary).toMatchObject({ users: 500, workspaces: 1, licenses: 1 });
    const licenses = new DynamoLicenseStore(client, table.tableName);
    const listed = new Map<string, unknown>();
    // Eight lists at a time: one after another, 500 of them outlast the test's timeout on a busy machine.
    await forEachLimit(admins, 8, async (email) => {
      const list = await licenses.listForAdmin(userIdFor(email), { limit: 10 });
      listed.set(
        email,
        list.items.map((item) => [item.licenseId, item.expiresAt]),
      );
    });
    expect(listed.size).toBe(500);
    for (const email of admins)
      expect([email, listed.get(email)]).toEqual([email, [['lic-big', '2026-01-01T00:00:00.000Z']]]);
    client.destroy();
    await table.drop();
    // About 1,500 writes and 500 queries on the one DynamoDB Local every worker shares: 5–8 s here.
  }, 90_000);
});

describe('the import command', () => {
  let table: TestTable;
  let client: DynamoDBDocumentClient;
  let dir: string;

  beforeEach(async () => {
    table = await createTestTable();
    client = createDocumentClient(table.endpoint);
    dir = await mkdtemp(join(tmpdir(), 'import-'));
  });

  afterEach(async () => {
    client.destroy();
    await table.drop();
    await rm(dir, { recursive: true, force: true });
  });

  const run = async (file: DataFileInput, options: { tableName?: string; isTTY?: boolean } = {}) => {
    const path = join(dir, 'data.json');
    await writeFile(path, JSON.stringify(file));
    const out = { stdout: '', stderr: '' };
    const argv = ['--table', options.tableName ?? table.tableName, '--endpoint', table.endpoint, path];
    const code = await runImportCli(argv, {
      stdout: { write: (text: string) => (out.stdout += text) },
      stderr: { write: (text: string) => (out.stderr += text), isTTY: options.isTTY ?? false },
    });
    return { code, ...out };
  };

  const catalogue: DataFileInput = {
    products: [{ productCode: 'EPS-CLOUD', name: 'Endpoint Security Cloud', renewableOnline: true }],
    prices: [{ productCode: 'EPS-CLOUD', countryCode: 'PL', currency: 'PLN', unitAmount: 12900 }],
  };

  it('imports a valid file, with progress on stderr and a summary on stdout', async () => {
    // Arrange
    const file: DataFileInput = {
      ...catalogue,
      users: [{ email: 'ann@example.com', password: 'password-1', mfa: { method: 'NONE' } }],
      workspaces: [{ workspaceId: 'ws-1', name: 'Acme', countryCode: 'PL', admins: ['ann@example.com'] }],
    };

    // Act
    const result = await run(file);

    // Assert
    expect(result.code).toBe(ExitCode.OK);
    expect(result.stderr.split('\n')).toEqual(
      expect.arrayContaining([
        'users 1/1',
        'workspaces 1/1',
        'products 1/1',
        'prices 1/1',
        'offers 0/0',
        'licenses 0/0',
      ]),
    );
    expect(result.stdout).toMatch(
      /^Imported into test-\S+ in \d+\.\d s: 1 users, 1 workspaces, 1 products, 1 prices, 0 offers, 0 licenses;/,
    );
    expect(countByType(await scanAll(client, table.tableName))).toEqual({
      USER: 1,
      WORKSPACE: 1,
      MEMBERSHIP: 1,
      PRODUCT: 1,
      PRICE: 1,
    });
  });

  it('rewrites one progress line in place on a terminal', async () => {
    const result = await run(catalogue, { isTTY: true });

    expect(result.code).toBe(ExitCode.OK);
    expect(result.stderr).toMatch(/^\r/);
    expect(result.stderr.split('\r').at(-1)).toBe(
      'users 0/0, workspaces 0/0, products 1/1, prices 1/1, offers 0/0, licenses 0/0\x1b[K\n',
    );
  });

  it('writes nothing for a file with one bad record among good ones, and exits 1', async () => {
    // Arrange
    const file = { ...catalogue, prices: [...(catalogue.prices ?? []), { productCode: 'EPS-CLOUD' }] };

    // Act
    const result = await run(file as DataFileInput);

    // Assert
    expect(result.code).toBe(ExitCode.INVALID_FILE);
    expect(result.stderr).toContain('prices[1].countryCode: ');
    expect(result.stderr).toContain('prices[1].currency: ');
    expect(await scanAll(client, table.tableName)).toEqual([]);
  });

  it('exits 3 when the table does not exist', async () => {
    const result = await run(catalogue, { tableName: 'no-such-table' });

    expect(result.code).toBe(ExitCode.WRITE_FAILED);
    expect(result.stderr).toMatch(
      /Import into no-such-table failed: Writing products failed: .*non-existent table/i,
    );
  });
});
