/**
 * The import command (`npm run import`), as a function of its arguments and output streams so tests can
 * run it in-process. `bin/import.ts` is its entry point.
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { type CliStreams, TABLE_OPTIONS, TABLE_OPTIONS_HELP, UsageError } from '../cli-options';
import { type ImportPhase, type ImportSummary, importDataFile } from './import';
import { dynamoImportStores } from './import-stores';
import { type DataFile, DataFileInvalidError, parseDataFile } from './schema';

export const ExitCode = { OK: 0, INVALID_FILE: 1, USAGE: 2, WRITE_FAILED: 3 } as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

export const USAGE = `Usage: npm run import -- --table <name> [--endpoint <url>] [--region <region>] <file.json>

Loads a Renewal Hub data file (PRODUCT.md §5) into a DynamoDB table. The whole file is checked first:
if anything is invalid, every problem is listed and nothing is written. Importing the same file again
gives the same table. Credentials come from the usual AWS environment (AWS_PROFILE, AWS_ACCESS_KEY_ID…).

Options:
  --table <name>      the table to write to (required)
${TABLE_OPTIONS_HELP}

Exit codes: 0 imported, 1 invalid file, 2 usage error, 3 write failure.
`;

interface Arguments {
  table: string;
  endpoint?: string;
  region?: string;
  file: string;
}

const parseArguments = (argv: readonly string[]): Arguments | 'help' => {
  let parsed: ReturnType<typeof parseOptions>;
  try {
    parsed = parseOptions(argv);
  } catch (error) {
    throw new UsageError((error as Error).message, { cause: error });
  }
  const { values, positionals } = parsed;
  if (values.help) return 'help';
  if (!values.table) throw new UsageError('--table is required');
  if (positionals.length !== 1) throw new UsageError('give exactly one data file');
  return {
    table: values.table,
    endpoint: values.endpoint,
    region: values.region,
    file: positionals[0] as string,
  };
};

const parseOptions = (argv: readonly string[]) =>
  parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: TABLE_OPTIONS,
  });

/** A JSON.parse position turned into line:column, which is what an editor can jump to. */
const describeJsonError = (text: string, error: Error): string => {
  const position = /position (\d+)/.exec(error.message)?.[1];
  if (position === undefined) return error.message;
  const before = text.slice(0, Number(position)).split('\n');
  return `${error.message} (line ${before.length}, column ${(before.at(-1)?.length ?? 0) + 1})`;
};

/**
 * Progress on stderr: one line rewritten in place on a terminal; otherwise a plain line per tenth of
 * each phase, so logs stay short.
 */
const progressReporter = (stderr: CliStreams['stderr']) => {
  const phases = new Map<ImportPhase, { done: number; total: number }>();
  const render = () => [...phases].map(([phase, { done, total }]) => `${phase} ${done}/${total}`).join(', ');
  return {
    onProgress: (done: number, total: number, phase: ImportPhase) => {
      const previous = phases.get(phase);
      phases.set(phase, { done, total });
      if (stderr.isTTY) stderr.write(`\r${render()}\x1b[K`);
      else if (tenths({ done, total }) > tenths(previous)) stderr.write(`${phase} ${done}/${total}\n`);
    },
    finish: () => {
      if (stderr.isTTY && phases.size > 0) stderr.write('\n');
    },
  };
};

/** How many tenths of a phase are done; an empty phase is complete, one not started yet is at -1. */
const tenths = (progress: { done: number; total: number } | undefined): number => {
  if (!progress) return -1;
  return progress.total === 0 ? 10 : Math.floor((progress.done * 10) / progress.total);
};

const summaryLine = (table: string, summary: ImportSummary, elapsedMs: number): string =>
  `Imported into ${table} in ${(elapsedMs / 1000).toFixed(1)} s: ${summary.users} users, ` +
  `${summary.workspaces} workspaces, ${summary.products} products, ${summary.prices} prices, ` +
  `${summary.offers} offers, ${summary.licenses} licenses; ` +
  `${summary.removedMemberships} memberships of dropped administrators removed.\n`;

/** Reads, checks and imports; returns the exit code (see {@link ExitCode}). */
export const runImportCli = async (argv: readonly string[], streams: CliStreams): Promise<ExitCode> => {
  const { stdout, stderr } = streams;
  let args: Arguments | 'help';
  try {
    args = parseArguments(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    stderr.write(`${error.message}\n\n${USAGE}`);
    return ExitCode.USAGE;
  }
  if (args === 'help') {
    stdout.write(USAGE);
    return ExitCode.OK;
  }

  let text: string;
  try {
    // A byte order mark is not JSON, but editors on Windows add one.
    text = (await readFile(args.file, 'utf8')).replace(/^\uFEFF/, '');
  } catch (error) {
    stderr.write(`Cannot read ${args.file}: ${(error as Error).message}\n`);
    return ExitCode.USAGE;
  }
  let data: DataFile;
  try {
    data = parseDataFile(JSON.parse(text));
  } catch (error) {
    if (error instanceof DataFileInvalidError) {
      stderr.write(`${args.file}: ${error.message}\nNothing was written.\n`);
    } else {
      stderr.write(`${args.file} is not valid JSON: ${describeJsonError(text, error as Error)}\n`);
    }
    return ExitCode.INVALID_FILE;
  }

  const client = DynamoDBDocumentClient.from(
    new DynamoDBClient({
      ...(args.endpoint && { endpoint: args.endpoint }),
      ...(args.region && { region: args.region }),
    }),
  );
  const progress = progressReporter(stderr);
  const started = performance.now();
  try {
    const summary = await importDataFile(data, {
      stores: dynamoImportStores(client, args.table),
      onProgress: progress.onProgress,
    });
    progress.finish();
    stdout.write(summaryLine(args.table, summary, performance.now() - started));
    return ExitCode.OK;
  } catch (error) {
    progress.finish();
    stderr.write(
      `Import into ${args.table} failed: ${(error as Error).message}\n` +
        'What was written before the failure stays; importing the file again is safe.\n',
    );
    return ExitCode.WRITE_FAILED;
  } finally {
    client.destroy();
  }
};
