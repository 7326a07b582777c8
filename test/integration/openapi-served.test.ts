/**
 * GET /v1/openapi.json as the deployed function answers it, and as `npm start` serves it: the committed
 * document (which a unit test keeps equal to what the code generates), public and cacheable.
 */
import { readFileSync } from 'node:fs';
import { OpenApiFiles } from '../../functions/openapi/files';
import { callRoute } from '../support/api';
import { httpCall } from '../support/http-client';
import { type ListeningServer, listenLocalServer } from '../support/local-server';

const committed = JSON.parse(readFileSync(OpenApiFiles.document, 'utf8'));

describe('GET /v1/openapi.json', () => {
  let server: ListeningServer;
  beforeAll(async () => {
    server = await listenLocalServer();
  });
  afterAll(() => server.close());

  it('answers the committed document without a token, cacheable by anyone for five minutes', async () => {
    // Act
    const answer = await callRoute('openapi');

    // Assert
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual(committed);
    expect(answer.headers['cache-control']).toBe('public, max-age=300');
    expect(answer.headers.etag).toMatch(/^"[A-Za-z0-9_-]{27}"$/);
  });

  it('answers 304 with no body to a client that has this version', async () => {
    // Arrange
    const { etag } = (await callRoute('openapi')).headers;

    // Act
    const answer = await callRoute('openapi', { headers: { 'if-none-match': String(etag) } });

    // Assert
    expect(answer.status).toBe(304);
    expect(answer.body).toBeUndefined();
    expect(answer.headers.etag).toBe(etag);
  });

  it('is served the same by the local server', async () => {
    // Act
    const answer = await httpCall(server.url, 'GET', '/v1/openapi.json');

    // Assert
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toMatch(/^application\/json/);
    expect(answer.body).toEqual(committed);
  });
});

describe('GET /docs (local only)', () => {
  let server: ListeningServer;
  beforeAll(async () => {
    server = await listenLocalServer();
  });
  afterAll(() => server.close());

  it('serves a page that loads only scripts of this server, under a same-origin CSP', async () => {
    // Act
    const page = await fetch(`${server.url}/docs`);
    const html = await page.text();
    const scripts = [...html.matchAll(/<script src="([^"]+)"/g)].map((match) => match[1]);

    // Assert
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(page.headers.get('content-security-policy')).toContain("connect-src 'self'");
    expect(scripts).toEqual(['/docs/scalar.js', '/docs/init.js']);
  });

  it('serves Scalar from the installed package and points it at the served document', async () => {
    // Arrange
    const installed = readFileSync(require.resolve('@scalar/api-reference/browser/standalone.js'), 'utf8');

    // Act
    const scalar = await fetch(`${server.url}/docs/scalar.js`);
    const init = await (await fetch(`${server.url}/docs/init.js`)).text();

    // Assert
    expect(scalar.status).toBe(200);
    expect(scalar.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(await scalar.text()).toBe(installed);
    expect(init).toContain('Scalar.createApiReference');
    expect(init).toContain('"url":"/v1/openapi.json"');
    expect(init).toContain('"agent":{"disabled":true}');
  });

  it('answers an unknown page under /docs with a problem, not the reference', async () => {
    // Act
    const answer = await httpCall(server.url, 'GET', '/docs/nope.js');

    // Assert
    expect(answer.status).toBe(404);
    expect(answer.body.code).toBe('ROUTE_NOT_FOUND');
  });
});
