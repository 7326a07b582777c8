/**
 * `startLocalBackend` in-process: a data file is checked before anything starts, a good one is served,
 * and stopping (or aborting a start) leaves no DynamoDB Local behind.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type LocalBackend, SeedFileError, startLocalBackend } from '../../functions/local/backend';
import { DataFileInvalidError } from '../../functions/seed/schema';
import { httpCall } from '../support/http-client';
import { isProcessAlive } from '../support/process';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'renewal-hub-seed-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const seedFile = async (name: string, content: unknown): Promise<string> => {
  const path = join(dir, name);
  await writeFile(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
};

const goodData = {
  users: [{ email: 'Owner@Example.com', password: 'a-long-password', locale: 'en', mfa: { method: 'NONE' } }],
  workspaces: [{ workspaceId: 'ws-1', name: 'Acme', countryCode: 'PL', admins: ['owner@example.com'] }],
};

test('an invalid data file is refused whole, naming every bad path, before anything starts', async () => {
  const lines: string[] = [];
  const path = await seedFile('bad.json', {
    users: [{ email: 'not-an-email', password: 'short', mfa: { method: 'SMS' } }],
    workspaces: [
      { workspaceId: 'ws-1', name: 'Acme', countryCode: 'Poland', admins: ['nobody@example.com'] },
    ],
    extra: true,
  });
  const start = startLocalBackend({ port: 0, seedFile: path, log: (line) => lines.push(line) });
  await expect(start).rejects.toBeInstanceOf(DataFileInvalidError);
  const { issues } = (await start.catch((error: DataFileInvalidError) => error)) as DataFileInvalidError;
  expect(issues.map((issue) => issue.path)).toEqual(
    expect.arrayContaining(['users[0].email', 'users[0].password', 'workspaces[0].countryCode', 'extra']),
  );
  expect(lines).toEqual([]);
});

test('a data file that is not JSON is refused before anything starts', async () => {
  const lines: string[] = [];
  const path = await seedFile('broken.json', '{"users": [');
  await expect(
    startLocalBackend({ port: 0, seedFile: path, log: (line) => lines.push(line) }),
  ).rejects.toBeInstanceOf(SeedFileError);
  await expect(startLocalBackend({ port: 0, seedFile: join(dir, 'missing.json') })).rejects.toBeInstanceOf(
    SeedFileError,
  );
  expect(lines).toEqual([]);
});

test('a start aborted midway stops what it had started', async () => {
  const aborter = new AbortController();
  let javaPid = 0;
  const start = startLocalBackend({
    port: 0,
    seedFile: await seedFile('good.json', goodData),
    signal: aborter.signal,
    log: (line) => {
      const pid = /DynamoDB Local is up \(pid (\d+)\)/.exec(line)?.[1];
      if (pid) {
        javaPid = Number(pid);
        aborter.abort(new Error('stop right there'));
      }
    },
  });
  await expect(start).rejects.toThrow('stop right there');
  expect(javaPid).toBeGreaterThan(0);
  expect(isProcessAlive(javaPid)).toBe(false);
});

describe('with a good data file', () => {
  let backend: LocalBackend;
  beforeAll(async () => {
    backend = await startLocalBackend({
      port: 0,
      seedFile: await seedFile('good.json', goodData),
      reminderSchedule: { time: '23:30', timeZone: 'Asia/Tokyo' },
    });
  });
  afterAll(() => backend?.stop());

  test('serves the API on a free loopback port with that data loaded', async () => {
    expect(backend.url).toBe(`http://127.0.0.1:${backend.port}`);
    expect(backend.data.users.map((user) => user.email)).toEqual(['owner@example.com']);
    const login = await httpCall(backend.url, 'POST', '/v1/auth/login', {
      body: { email: 'owner@example.com', password: 'a-long-password' },
    });
    expect(login).toMatchObject({ status: 200, body: { status: 'AUTHENTICATED' } });
    const workspaces = await httpCall(backend.url, 'GET', '/v1/workspaces', {
      token: login.body.accessToken,
    });
    expect(workspaces.body).toEqual({ items: [{ workspaceId: 'ws-1', name: 'Acme', countryCode: 'PL' }] });
  });

  test('runs the reminder job daily at the given time, first within a day', () => {
    const { schedule, firstRun } = backend.reminders;
    const untilFirstMs = firstRun.getTime() - Date.now();
    expect(schedule).toEqual({ time: '23:30', timeZone: 'Asia/Tokyo' });
    // 23:30 in Tokyo (UTC+9, no daylight saving) is 14:30 UTC.
    expect(firstRun.toISOString()).toMatch(/T14:30:00\.000Z$/);
    expect(untilFirstMs).toBeGreaterThan(0);
    expect(untilFirstMs).toBeLessThanOrEqual(24 * 3600 * 1000);
  });

  test('stop() closes the server and ends DynamoDB Local; a second stop() is harmless', async () => {
    const pid = backend.dynamoDbPid ?? 0;
    expect(isProcessAlive(pid)).toBe(true);
    await backend.stop();
    await backend.stop();
    expect(isProcessAlive(pid)).toBe(false);
    await expect(fetch(`${backend.url}/v1/health`)).rejects.toThrow();
  });
});
