/**
 * `GET /docs` in local mode: the API reference (Scalar, served from its npm package, nothing from a
 * CDN) over `GET /v1/openapi.json`, where a person can sign in and try every route against this
 * backend. Never deployed: the document itself is the deployed contract.
 */
import { readFileSync } from 'node:fs';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

export const DOCS_PATH = '/docs';
const SCRIPT_PATH = '/docs/scalar.js';
const INIT_PATH = '/docs/init.js';

/** Scalar's self-contained browser bundle, read once (3.5 MB). */
let scalarBundle: string | undefined;
const scalarScript = (): string => {
  scalarBundle ??= readFileSync(require.resolve('@scalar/api-reference/browser/standalone.js'), 'utf8');
  return scalarBundle;
};

/**
 * Offline and same-origin: no fonts or proxy from scalar.com, requests go straight to this server (the
 * document's server is `/`), and the token typed in stays in this browser tab.
 */
const CONFIGURATION = {
  url: '/v1/openapi.json',
  withDefaultFonts: false,
  telemetry: false,
  hideClientButton: false,
  persistAuth: false,
  defaultOpenAllTags: true,
  authentication: { preferredSecurityScheme: 'bearerAuth' },
  // Scalar's AI agent and registry search call scalar.com: off (and the page's CSP blocks them anyway).
  agent: { disabled: true },
  mcp: { disabled: true },
};

const PAGE = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Renewal Hub API (local)</title>
    <link rel="icon" href="data:," />
  </head>
  <body>
    <div id="app"></div>
    <script src="${SCRIPT_PATH}"></script>
    <script src="${INIT_PATH}"></script>
  </body>
</html>
`;

const INIT = `Scalar.createApiReference('#app', ${JSON.stringify(CONFIGURATION)});\n`;

/** Nothing but this server: a page that tried to reach the internet would fail visibly. */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
].join('; ');

const answer = (contentType: string, body: string, cache: string): APIGatewayProxyStructuredResultV2 => ({
  statusCode: 200,
  headers: {
    'content-type': `${contentType}; charset=utf-8`,
    'cache-control': cache,
    'x-content-type-options': 'nosniff',
    'content-security-policy': CONTENT_SECURITY_POLICY,
  },
  body,
});

export const docsPage = async () => answer('text/html', PAGE, 'no-store');
export const docsInitScript = async () => answer('text/javascript', INIT, 'no-store');
// The package version only changes with `npm ci`: an hour is plenty, and a restart is no cost.
export const docsScalarScript = async () => answer('text/javascript', scalarScript(), 'public, max-age=3600');

export const DocsPaths = { page: DOCS_PATH, script: SCRIPT_PATH, init: INIT_PATH } as const;
