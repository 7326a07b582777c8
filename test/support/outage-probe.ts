/**
 * Calls the login route in a plain Node process (no test runner: Node's network errors then reach the
 * SDK as they do in Lambda) with DynamoDB pointed at a dead endpoint on 127.0.0.1, and prints the
 * answer and how long it took as one JSON line. `refused`: a port bound and closed; `silent`: a port
 * that accepts connections and never answers.
 */
import { createServer, type Socket } from 'node:net';
import { readConfig } from '../../functions/config';
import { deriveKeys } from '../../functions/domain/secrets';
import { overrideDependencies } from '../../functions/wiring';
import { callRoute } from './api';

const mode = process.argv[2] === 'silent' ? 'silent' : 'refused';

const deadPort = async (): Promise<{ port: number; close: () => void }> => {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => sockets.add(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  const close = () => {
    for (const socket of sockets) socket.destroy();
    server.close();
  };
  if (mode === 'refused') close();
  return { port, close };
};

const main = async () => {
  const dead = await deadPort();
  overrideDependencies({
    config: {
      ...readConfig({ TABLE_NAME: 'outage-probe', DYNAMODB_ENDPOINT: `http://127.0.0.1:${dead.port}` }),
    },
    keys: deriveKeys('outage-probe-root-secret'),
  });
  const started = performance.now();
  const answer = await callRoute('login', {
    body: { email: 'probe@example.com', password: 'any password at all' },
  });
  const elapsedMs = Math.round(performance.now() - started);
  dead.close();
  process.stdout.write(
    `${JSON.stringify({ mode, status: answer.status, code: answer.body.code, retryAfter: answer.headers['retry-after'], elapsedMs })}\n`,
  );
};

void main();
