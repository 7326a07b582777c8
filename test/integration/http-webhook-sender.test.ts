/**
 * The webhook sender against real sockets on this machine: what it sends, what it keeps of an answer,
 * and what it refuses to do (follow a redirect, wait past its timeout, reach a loopback address in AWS).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HttpWebhookSender } from '../../functions/adapters/http-webhook-sender';

let server: Server;
let base: string;
let handle: (req: IncomingMessage, res: ServerResponse) => void;
const received: Array<{ path: string; body: string; headers: IncomingMessage['headers'] }> = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      received.push({ path: req.url ?? '', body, headers: req.headers });
      handle(req, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  received.length = 0;
});

const locally = new HttpWebhookSender({ allowLocalHttp: true }, 300);
const request = (path: string) => ({
  url: `${base}${path}`,
  headers: { 'webhook-id': 'evt_1' },
  body: '{"a":1}',
});

describe('HttpWebhookSender', () => {
  it('posts the body with its headers and reports the answer', async () => {
    // Arrange
    handle = (_req, res) => res.writeHead(204).end();

    // Act
    const outcome = await locally.send(request('/hooks'));

    // Assert
    expect(outcome).toMatchObject({ kind: 'ANSWERED', status: 204 });
    expect(received).toEqual([
      expect.objectContaining({
        path: '/hooks',
        body: '{"a":1}',
        headers: expect.objectContaining({ 'webhook-id': 'evt_1' }),
      }),
    ]);
  });

  it('keeps at most 1 KB of an answer', async () => {
    // Arrange
    handle = (_req, res) => res.writeHead(500).end('x'.repeat(64 * 1024));

    // Act
    const outcome = await locally.send(request('/big'));

    // Assert
    expect(outcome).toMatchObject({ kind: 'ANSWERED', status: 500 });
    expect(outcome.kind === 'ANSWERED' && outcome.body.length).toBe(1024);
  });

  it('does not follow a redirect', async () => {
    // Arrange
    handle = (req, res) =>
      req.url === '/moved'
        ? res.writeHead(302, { location: `${base}/elsewhere` }).end()
        : res.writeHead(204).end();

    // Act
    const outcome = await locally.send(request('/moved'));

    // Assert
    expect(outcome).toMatchObject({ kind: 'ANSWERED', status: 302 });
    expect(received.map((r) => r.path)).toEqual(['/moved']);
  });

  it('gives up on a receiver that does not answer within its timeout', async () => {
    // Arrange: the answer never comes (the test's timeout is 300 ms; the product's is 10 s).
    handle = () => undefined;

    // Act
    const outcome = await locally.send(request('/silent'));

    // Assert
    expect(outcome).toEqual({ kind: 'NO_ANSWER', latencyMs: 300, error: 'No answer within 0.3 s' });
  });

  it('in AWS, refuses a host that resolves to a loopback address, without connecting', async () => {
    // Arrange
    const inAws = new HttpWebhookSender({ allowLocalHttp: false }, 300);
    handle = (_req, res) => res.writeHead(204).end();
    const port = (server.address() as AddressInfo).port;

    // Act
    const outcome = await inAws.send({ url: `https://localhost:${port}/hooks`, headers: {}, body: '{}' });
    const problem = await inAws.problemWith(`https://localhost:${port}/hooks`);

    // Assert
    expect(outcome).toEqual({
      kind: 'NO_ANSWER',
      latencyMs: 0,
      error: 'Must not resolve to a private, loopback, link-local or reserved address',
    });
    expect(problem).toBe('Must not resolve to a private, loopback, link-local or reserved address');
    expect(received).toEqual([]);
  });
});
