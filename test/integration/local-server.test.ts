/**
 * The local API server in-process, over real HTTP: routing from the route table, the API Gateway
 * answers it stands in for (404, 405, CORS, 413), the outbox, and what handlers receive.
 */
import { connect } from 'node:net';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { localOutbox } from '../../functions/adapters/outbox';
import { SesEmailSender } from '../../functions/adapters/ses-email-sender';
import { LOCAL_MAX_BODY_BYTES } from '../../functions/local/server';
import { type RunningSesLocal, startSesLocal } from '../../functions/local/ses-local';
import { routeList } from '../../functions/routes';
import { type HttpAnswer, httpCall, rawRequest } from '../support/http-client';
import { type ListeningServer, listenLocalServer } from '../support/local-server';

let ses: RunningSesLocal;
let server: ListeningServer;

beforeAll(async () => {
  ses = await startSesLocal();
  server = await listenLocalServer({ readEmails: ses.readEmails });
});

afterAll(async () => {
  await server?.close();
  await ses?.stop();
});

const api = (method: string, path: string, call?: Parameters<typeof httpCall>[3]) =>
  httpCall(server.url, method, path, call);

const STACK_FRAME = /\bat .+\.(ts|js):\d+/;

const expectProblem = (answer: HttpAnswer, status: number, code: string) => {
  expect({ status: answer.status, code: answer.body?.code }).toEqual({ status, code });
  expect(answer.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(answer.body).toEqual(
    expect.objectContaining({
      type: expect.any(String),
      title: expect.any(String),
      detail: expect.any(String),
    }),
  );
  expect(JSON.stringify(answer.body)).not.toMatch(STACK_FRAME);
};

describe('routing', () => {
  test('a route of the route table runs its real handler', async () => {
    const health = await api('GET', '/v1/health');
    expect(health).toMatchObject({ status: 200, body: { status: 'ok' } });
    expect(health.headers.get('apigw-requestid')).toEqual(expect.any(String));
  });

  test('an unknown path is 404 ROUTE_NOT_FOUND', async () => {
    expectProblem(await api('GET', '/v1/nothing-here'), 404, 'ROUTE_NOT_FOUND');
    expectProblem(await api('GET', '/v1/health/'), 404, 'ROUTE_NOT_FOUND');
  });

  test('a known path with another method is 405 METHOD_NOT_ALLOWED with Allow', async () => {
    const answer = await api('DELETE', '/v1/health');
    expectProblem(answer, 405, 'METHOD_NOT_ALLOWED');
    expect(answer.headers.get('allow')).toBe('GET');
  });

  test('problems follow Accept-Language', async () => {
    const answer = await api('GET', '/v1/nothing-here', { headers: { 'accept-language': 'pl' } });
    expect(answer.body.detail).toBe('Nie ma takiej ścieżki.');
  });

  test('every route of the route table is served: none answers 404 or 405', async () => {
    const statuses: Record<string, number> = {};
    for (const route of routeList()) {
      const answer = await api(route.method, route.path.replace(/\{\w+\}/g, 'x'));
      statuses[route.id] = answer.status;
      expect(JSON.stringify(answer.body ?? '')).not.toMatch(STACK_FRAME);
    }
    const unserved = Object.entries(statuses).filter(([, status]) => status === 404 || status === 405);
    expect(unserved).toEqual([]);
  });
});

describe('request bodies', () => {
  test('a body that is not JSON is a 400 problem, never a 5xx or a stack trace', async () => {
    const answer = await rawRequest(server.url, 'POST', '/v1/auth/login', {
      headers: { 'content-type': 'application/json' },
      chunks: [Buffer.from('{"email": "a@example.com", ')],
    });
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.text)).toMatchObject({ status: 400, code: 'MALFORMED_JSON' });
    expect(answer.text).not.toMatch(STACK_FRAME);
  });

  test('a body over 1 MiB with Content-Length is refused 413 unread', async () => {
    const answer = await api('POST', '/v1/auth/login', {
      body: { padding: 'x'.repeat(LOCAL_MAX_BODY_BYTES) },
    });
    expectProblem(answer, 413, 'PAYLOAD_TOO_LARGE');
  });

  test('a streamed body is refused 413 as soon as it passes 1 MiB', async () => {
    const chunk = Buffer.alloc(64 * 1024, 'x');
    const answer = await rawRequest(server.url, 'POST', '/v1/auth/login', {
      headers: { 'content-type': 'application/json' },
      chunks: Array.from({ length: 64 }, () => chunk),
    });
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.text)).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
  });
});

describe('CORS', () => {
  const preflight = (origin: string) =>
    api('OPTIONS', '/v1/auth/login', {
      headers: {
        origin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    });

  test.each(['http://localhost:5173', 'http://127.0.0.1:8080', 'http://localhost'])(
    'a preflight from %s is allowed',
    async (origin) => {
      const answer = await preflight(origin);
      expect(answer.status).toBe(204);
      expect(answer.headers.get('access-control-allow-origin')).toBe(origin);
      expect(answer.headers.get('access-control-allow-methods')).toContain('POST');
      expect(answer.headers.get('access-control-allow-headers')?.toLowerCase().split(',')).toEqual(
        expect.arrayContaining(['authorization', 'content-type', 'idempotency-key', 'accept-language']),
      );
    },
  );

  test.each(['https://evil.example', 'http://localhost.evil.example', 'https://localhost:3000', 'null'])(
    'a preflight from %s gets no CORS headers',
    async (origin) => {
      const answer = await preflight(origin);
      expect(answer.status).toBe(204);
      expect(answer.headers.get('access-control-allow-origin')).toBeNull();
      expect(answer.headers.get('access-control-allow-methods')).toBeNull();
    },
  );

  test('an actual request from an allowed origin may read the answer; from another it may not', async () => {
    const allowed = await api('GET', '/v1/health', { headers: { origin: 'http://localhost:5173' } });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(allowed.headers.get('vary')).toContain('Origin');
    const refused = await api('GET', '/v1/health', { headers: { origin: 'https://evil.example' } });
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('GET /_local/outbox', () => {
  test('lists SMS and OPS from the in-process outbox and the emails SES local received, oldest first', async () => {
    await localOutbox.send('+48123456789', 'Renewal Hub: your verification code is 123456.');
    await new SesEmailSender(
      new SESv2Client({ endpoint: ses.endpoint }),
      'no-reply@renewal-hub.example',
    ).send({
      to: 'admin@example.com',
      subject: 'Your activation code',
      text: 'ABCDE-FGHJK-MNPQR-STUVW',
    });
    localOutbox.add({
      channel: 'OPS',
      to: 'operations',
      subject: 'Order needs review',
      text: 'order-1',
      sentAt: new Date().toISOString(),
    });

    const answer = await api('GET', '/_local/outbox');
    expect(answer.status).toBe(200);
    expect(answer.body.items).toEqual(
      expect.arrayContaining([
        {
          channel: 'SMS',
          to: '+48123456789',
          subject: '',
          text: expect.stringContaining('123456'),
          sentAt: expect.any(String),
        },
        {
          channel: 'EMAIL',
          to: 'admin@example.com',
          subject: 'Your activation code',
          text: 'ABCDE-FGHJK-MNPQR-STUVW',
          sentAt: expect.any(String),
        },
        {
          channel: 'OPS',
          to: 'operations',
          subject: 'Order needs review',
          text: 'order-1',
          sentAt: expect.any(String),
        },
      ]),
    );
    const times = (answer.body.items as Array<{ sentAt: string }>).map((item) => item.sentAt);
    expect(times).toEqual([...times].sort());
  });
});

describe('what a handler receives and returns', () => {
  let recorder: ListeningServer;
  const events: APIGatewayProxyEventV2[] = [];
  const logged: string[] = [];

  beforeAll(async () => {
    recorder = await listenLocalServer({
      log: (line) => logged.push(line),
      loadHandler: async (id) => async (event) => {
        if (id === 'logout') throw new Error('handler bug');
        events.push(event);
        return { statusCode: 201, headers: { 'X-Custom': 'yes' }, cookies: ['a=1', 'b=2'], body: 'done' };
      },
    });
  });
  afterAll(() => recorder.close());

  test('an API Gateway HTTP API 2.0 event', async () => {
    const answer = await rawRequest(recorder.url, 'POST', '/v1/auth/login?b=2&a=1&a=3', {
      headers: {
        'X-Repeated': ['one', 'two'],
        cookie: 'session=abc; theme=dark',
        'user-agent': 'jest-test',
        'content-type': 'application/json',
      },
      chunks: [Buffer.from('{"email":"zoë@example.com"}')],
    });
    expect(answer).toMatchObject({
      status: 201,
      text: 'done',
      headers: { 'x-custom': 'yes', 'set-cookie': ['a=1', 'b=2'] },
    });
    const event = events.at(-1);
    expect(event).toMatchObject({
      version: '2.0',
      routeKey: 'POST /v1/auth/login',
      rawPath: '/v1/auth/login',
      rawQueryString: 'b=2&a=1&a=3',
      queryStringParameters: { a: '1,3', b: '2' },
      cookies: ['session=abc', 'theme=dark'],
      body: '{"email":"zoë@example.com"}',
      isBase64Encoded: false,
      requestContext: {
        http: { method: 'POST', path: '/v1/auth/login', sourceIp: '127.0.0.1', userAgent: 'jest-test' },
        routeKey: 'POST /v1/auth/login',
        stage: '$default',
        requestId: answer.headers['apigw-requestid'],
      },
    });
    expect(event?.headers).toMatchObject({ 'x-repeated': 'one,two', 'content-type': 'application/json' });
    expect(event?.headers.cookie).toBeUndefined();
    expect(event?.pathParameters).toBeUndefined();
    expect(Math.abs((event?.requestContext.timeEpoch ?? 0) - Date.now())).toBeLessThan(60_000);
  });

  test('a body that is not UTF-8 arrives base64-encoded', async () => {
    const bytes = Buffer.from([0xff, 0xfe, 0x00, 0x81]);
    await rawRequest(recorder.url, 'POST', '/v1/auth/login', { chunks: [bytes] });
    expect(events.at(-1)).toMatchObject({ body: bytes.toString('base64'), isBase64Encoded: true });
  });

  test('a handler that throws is a 500 problem; the error goes to the console only', async () => {
    const answer = await httpCall(recorder.url, 'POST', '/v1/auth/logout');
    expectProblem(answer, 500, 'INTERNAL_ERROR');
    expect(logged.join('\n')).toContain('handler bug');
  });
});

describe("requests that Node's HTTP parser refuses", () => {
  /** Writes `request` on a raw socket and reads until the server hangs up. */
  const rawExchange = (request: string): Promise<string> =>
    new Promise((resolve, reject) => {
      const { port } = new URL(server.url);
      const socket = connect(Number(port), '127.0.0.1', () => socket.write(request));
      const chunks: Buffer[] = [];
      socket.on('data', (chunk: Buffer) => chunks.push(chunk));
      socket.once('error', reject);
      socket.once('close', () => resolve(Buffer.concat(chunks).toString('utf8')));
    });

  const parse = (raw: string) => {
    const [head = '', body = ''] = raw.split('\r\n\r\n');
    const [statusLine = '', ...lines] = head.split('\r\n');
    const headers = Object.fromEntries(
      lines.map((line) => [
        line.slice(0, line.indexOf(':')).toLowerCase(),
        line.slice(line.indexOf(':') + 1).trim(),
      ]),
    );
    return { statusLine, headers, body: JSON.parse(body) };
  };

  test('an unknown method gets a 400 problem+json, then the connection closes', async () => {
    const answer = parse(await rawExchange('BREW /v1/health HTTP/1.1\r\nhost: localhost\r\n\r\n'));

    expect(answer.statusLine).toBe('HTTP/1.1 400 Bad Request');
    expect(answer.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(answer.headers.connection).toBe('close');
    expect(answer.body).toMatchObject({ status: 400, code: 'MALFORMED_REQUEST', title: 'Bad Request' });
  });

  test('oversized headers get a 431 problem+json, then the connection closes', async () => {
    const big = 'x'.repeat(64 * 1024);
    const answer = parse(
      await rawExchange(`GET /v1/health HTTP/1.1\r\nhost: localhost\r\nx-big: ${big}\r\n\r\n`),
    );

    expect(answer.statusLine).toBe('HTTP/1.1 431 Request Header Fields Too Large');
    expect(answer.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(answer.body).toMatchObject({ status: 431, code: 'HEADERS_TOO_LARGE' });
    expect(JSON.stringify(answer.body)).not.toMatch(STACK_FRAME);
  });
});
