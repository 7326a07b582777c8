/**
 * What the commands run against the table (`npm run import`, `npm run orders`) share on the command line:
 * the options that say which table, where, and asking for help; the usage error; the output streams.
 */
import type { ParseArgsConfig } from 'node:util';

/** `node:util` `parseArgs` options for the table and its location, and `-h`/`--help`. */
export const TABLE_OPTIONS = {
  table: { type: 'string' },
  endpoint: { type: 'string' },
  region: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies NonNullable<ParseArgsConfig['options']>;

/** The help lines of {@link TABLE_OPTIONS} after `--table`, whose line each command words its own way. */
export const TABLE_OPTIONS_HELP = `  --endpoint <url>    a DynamoDB endpoint, e.g. http://127.0.0.1:8000 for DynamoDB Local
  --region <region>   the AWS region (default: AWS_REGION or the profile's)
  -h, --help          show this help`;

/** The command line itself is wrong: the command prints why and its usage, and exits 2. */
export class UsageError extends Error {
  public override readonly name = 'UsageError';
}

/** Where a command writes: `process` in real use, buffers in tests. */
export interface CliStreams {
  stdout: { write(text: string): unknown };
  /** `isTTY` lets progress be rewritten in place on a terminal. */
  stderr: { write(text: string): unknown; isTTY?: boolean };
}
