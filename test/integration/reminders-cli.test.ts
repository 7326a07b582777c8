/** `npm run reminders` in-process against DynamoDB Local: it runs the job once as of `--at`, and says so. */
import { createDocumentClient } from '../../functions/adapters/dynamodb/client';
import { ManualClock } from '../../functions/domain/clock';
import { deriveKeys } from '../../functions/domain/secrets';
import { ExitCode, runRemindersCli } from '../../functions/operations/reminders-cli';
import { overrideDependencies, reminderDeps } from '../../functions/wiring';
import { FakeEmailSender } from '../fakes/messaging';
import { createTestTable, testConfig } from '../support/dynamodb';
import { FixtureBuilder, loadIntoTable } from '../support/fixtures';

const NOW = new Date('2026-12-03T09:00:00.000Z');
const email = new FakeEmailSender();
let table: Awaited<ReturnType<typeof createTestTable>>;

const run = async (argv: string[]) => {
  const out = { stdout: '', stderr: '' };
  const code = await runRemindersCli(
    argv,
    {
      stdout: { write: (text: string) => (out.stdout += text) },
      stderr: { write: (text: string) => (out.stderr += text) },
    },
    async () => reminderDeps(),
    () => NOW,
  );
  return { code, ...out };
};

beforeAll(async () => {
  table = await createTestTable();
  overrideDependencies({
    config: testConfig(table),
    clock: new ManualClock(NOW),
    keys: deriveKeys('test-root-secret-that-is-long-enough'),
    email,
  });
  const client = createDocumentClient(table.endpoint);
  const data = new FixtureBuilder(NOW)
    .user('cli-ann@example.com')
    .workspace('ws-cli', { admins: ['cli-ann@example.com'] })
    .product('EPS-CLOUD')
    .license('lic-cli-7d', { workspaceId: 'ws-cli', expiresAt: '2026-12-10T08:00:00.000Z' })
    .build();
  await loadIntoTable(data, { client, tableName: table.tableName });
  client.destroy();
});

afterAll(async () => {
  await table.drop();
});

describe('npm run reminders', () => {
  it('runs the job as of --at and prints what it did; a second run sends nothing', async () => {
    // Act
    const first = await run(['--table', table.tableName, '--at', '2026-12-03T09:00:00Z']);
    const second = await run(['--table', table.tableName, '--json']);

    // Assert
    expect(first).toMatchObject({ code: ExitCode.OK, stderr: '' });
    expect(first.stdout).toBe(
      'Reminders as of 2026-12-03T09:00:00.000Z: 1 licenses read, 1 reminders, 1 emails sent, 0 failed.\n',
    );
    expect(JSON.parse(second.stdout)).toEqual({
      at: NOW.toISOString(),
      licensesRead: 1,
      reminders: 0,
      sent: 0,
      failed: 0,
    });
    expect(email.sent.map((sent) => sent.to)).toEqual(['cli-ann@example.com']);
  });

  it('refuses a bad --at or a missing table with its usage, and exits 2', async () => {
    // Act
    const badAt = await run(['--table', table.tableName, '--at', 'soon']);
    const noTable = await run([]);

    // Assert
    expect([badAt.code, badAt.stderr.split('\n')[0]]).toEqual([
      ExitCode.USAGE,
      '--at must be an ISO instant, e.g. 2026-12-03T09:00:00Z',
    ]);
    expect(noTable.code).toBe(ExitCode.USAGE);
    expect(noTable.stderr).toContain('Usage:');
  });
});
