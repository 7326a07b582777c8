/**
 * Helpers for tests that run a command as a child process and wait on what it prints, never on time.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { READY_LINE_PATTERN } from '../../functions/local/banner';

/** A child's stdout and stderr, kept whole for assertions and failure messages. */
export class ProcessOutput {
  private text = '';
  private readonly waiters = new Set<() => void>();

  public constructor(private readonly child: ChildProcess) {
    const append = (chunk: Buffer) => {
      this.text += chunk.toString();
      for (const wake of this.waiters) wake();
    };
    child.stdout?.on('data', append);
    child.stderr?.on('data', append);
  }

  public get all(): string {
    return this.text;
  }

  /**
   * Resolves with the first match of `pattern` in the output; rejects if the process exits first or
   * `timeoutMs` passes (a safety net for a hung start, not a timing assumption).
   */
  public waitFor(pattern: RegExp, timeoutMs: number): Promise<RegExpExecArray> {
    return new Promise((resolve, reject) => {
      const done = () => {
        this.waiters.delete(check);
        this.child.off('exit', onExit);
        clearTimeout(timer);
      };
      const check = () => {
        const match = pattern.exec(this.text);
        if (match) {
          done();
          resolve(match);
        }
      };
      const onExit = (code: number | null) => {
        done();
        reject(new Error(`Process exited (code ${code}) before printing ${pattern}:\n${this.text}`));
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`No ${pattern} within ${timeoutMs} ms. Output so far:\n${this.text}`));
      }, timeoutMs);
      this.waiters.add(check);
      this.child.once('exit', onExit);
      check();
    });
  }
}

/** Resolves with the exit code and signal once the child has exited (at once if it already has). */
export const exitOf = (
  child: ChildProcess,
): Promise<{ code: number | null; signal: NodeJS.Signals | null }> =>
  child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve({ code: child.exitCode, signal: child.signalCode })
    : new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));

/** Whether a process with this pid exists (signal 0 checks without sending anything). */
export const isProcessAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** Generous: a cold start compiles TypeScript and boots Java on a busy 2-core machine. */
export const START_TIMEOUT_MS = 90_000;

/** A backend started exactly as `npm start` starts it, on a free port. */
export interface StartedBackend {
  child: ChildProcess;
  output: ProcessOutput;
  url: string;
  /** DynamoDB Local's Java process, to check it is gone after the backend stops. */
  javaPid: number;
}

/** Spawns `functions/local/start.ts` with PORT=0 and the demo data, and waits for its ready line. */
export const startBackendProcess = async (): Promise<StartedBackend> => {
  const root = join(__dirname, '..', '..');
  const child = spawn(
    process.execPath,
    [join(root, 'node_modules', '.bin', 'tsx'), 'functions/local/start.ts'],
    {
      cwd: root,
      env: { ...process.env, PORT: '0', SEED_FILE: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const output = new ProcessOutput(child);
  const url = (await output.waitFor(READY_LINE_PATTERN, START_TIMEOUT_MS))[1] ?? '';
  const javaPid = Number((await output.waitFor(/DynamoDB Local is up \(pid (\d+)\)/, 0))[1]);
  return { child, output, url, javaPid };
};
