import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ExitCode, runImportCli, USAGE } from '../../functions/seed/cli';

/** Captures what the command prints. */
const captureStreams = () => {
  const out = { stdout: '', stderr: '' };
  return {
    out,
    streams: {
      stdout: { write: (text: string) => (out.stdout += text) },
      stderr: { write: (text: string) => (out.stderr += text), isTTY: false },
    },
  };
};

// These paths fail before any client is built, so no DynamoDB is needed.
describe('runImportCli before any write', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'seed-cli-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  const fileWith = async (name: string, text: string) => {
    const path = join(dir, name);
    await writeFile(path, text);
    return path;
  };

  it('prints the usage for --help and exits 0', async () => {
    const { out, streams } = captureStreams();

    const code = await runImportCli(['--help'], streams);

    expect(code).toBe(ExitCode.OK);
    expect(out.stdout).toBe(USAGE);
  });

  it.each([
    ['no arguments', []],
    ['no --table', ['file.json']],
    ['no file', ['--table', 't']],
    ['two files', ['--table', 't', 'a.json', 'b.json']],
    ['an unknown option', ['--table', 't', '--tabel', 'x', 'a.json']],
    ['an option without its value', ['a.json', '--table']],
  ])('exits 2 with the usage for %s', async (_, argv) => {
    const { out, streams } = captureStreams();

    const code = await runImportCli(argv, streams);

    expect(code).toBe(ExitCode.USAGE);
    expect(out.stderr).toContain(USAGE);
    expect(out.stdout).toBe('');
  });

  it('exits 2 when the file cannot be read', async () => {
    const { out, streams } = captureStreams();

    const code = await runImportCli(['--table', 't', join(dir, 'missing.json')], streams);

    expect(code).toBe(ExitCode.USAGE);
    expect(out.stderr).toMatch(/^Cannot read .*missing\.json: ENOENT/);
  });

  it('exits 1 on malformed JSON, saying where', async () => {
    // Arrange
    const path = await fileWith('broken.json', '{\n  "users": [],\n}\n');
    const { out, streams } = captureStreams();

    // Act
    const code = await runImportCli(['--table', 't', path], streams);

    // Assert
    expect(code).toBe(ExitCode.INVALID_FILE);
    expect(out.stderr).toContain('is not valid JSON');
    expect(out.stderr).toContain('(line 3, column 1)');
  });

  it('exits 1 on an invalid file, listing every bad path', async () => {
    // Arrange
    const path = await fileWith(
      'invalid.json',
      JSON.stringify({
        users: [{ email: 'x', password: 'long-enough', mfa: { method: 'NONE' } }],
        prices: [{ productCode: 'P', countryCode: 'PL', currency: 'PLN', unitAmount: 1.5 }],
      }),
    );
    const { out, streams } = captureStreams();

    // Act
    const code = await runImportCli(['--table', 't', path], streams);

    // Assert
    expect(code).toBe(ExitCode.INVALID_FILE);
    expect(out.stderr).toContain('users[0].email: ');
    expect(out.stderr).toContain('prices[0].unitAmount: ');
    expect(out.stderr).toContain('prices[0].productCode: ');
    expect(out.stderr).toContain('Nothing was written.');
  });

  it('accepts a UTF-8 byte order mark', async () => {
    // Arrange: an empty but valid file, aimed at an endpoint nothing listens on, so only parsing is tested.
    const path = await fileWith('bom.json', '\uFEFF{}');
    const { out, streams } = captureStreams();

    // Act
    const code = await runImportCli(['--table', 't', '--endpoint', 'http://127.0.0.1:9', path], streams);

    // Assert: an empty file writes nothing, so it succeeds without reaching the endpoint.
    expect(code).toBe(ExitCode.OK);
    expect(out.stdout).toMatch(/^Imported into t in \d+\.\d s: 0 users/);
  });
});
