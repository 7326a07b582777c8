/**
 * The OpenAPI 3.1 document of the API, built from the route table and the routes' contracts, so it
 * cannot drift from what the handlers take and answer. Run at build time by `npm run openapi`, which
 * writes `functions/openapi/openapi.json`; only the `openapi` route's bundle holds the result.
 */
import * as z from 'zod/mini';
import { type Contracts, contracts } from '../contracts';
import { entities } from '../contracts/entities';
import { ProblemSchema, RETRY_AFTER } from '../contracts/problem';
import type {
  ErrorStatus,
  ResponseHeader,
  RouteContract,
  SuccessResponse,
} from '../contracts/route-contract';
import { API_KEY_RATE_LIMIT } from '../domain/api-key';
import type { WebhookEventType } from '../domain/webhook-event';
import { ProblemCode, titleFor } from '../http/problem';
import { pageLimit } from '../http/schemas';
import { type RouteDefinition, type RouteId, routeList } from '../routes';
import { type Examples, examplesFromDemoData } from './examples';

// biome-ignore lint/suspicious/noExplicitAny: JSON Schema and OpenAPI objects are open-ended JSON
type Json = any;

/** The response bodies with a name of their own in `components.schemas` (the entity's name, no `Schema`). */
const namedResponseSchemas = (): Map<z.ZodMiniType, string> => {
  const named = new Map<z.ZodMiniType, string>();
  // By name, in code-unit order, so the document's components read alphabetically.
  const byName = Object.entries(entities()).sort(([a], [b]) => (a < b ? -1 : 1));
  for (const [exportName, schema] of byName) {
    if (exportName.endsWith('Schema'))
      named.set(schema as z.ZodMiniType, exportName.slice(0, -'Schema'.length));
  }
  named.set(ProblemSchema, 'Problem');
  named.set(contracts['store-webhook'].rawBodySchema, 'StoreEvent');
  return named;
};

const operationId = (routeId: string): string =>
  routeId.replace(/-(\w)/g, (_, letter: string) => letter.toUpperCase());

const requestSchemaName = (routeId: string): string => {
  const id = operationId(routeId);
  return `${id[0]?.toUpperCase()}${id.slice(1)}Request`;
};

/**
 * Tidies zod's output for readers: an ISO timestamp is `format: date-time` without zod's long regex,
 * an integer without the safe-integer bounds, and a list's `limit` an integer 1–100 (it arrives as text).
 */
const tidy = (context: { zodSchema: unknown; jsonSchema: Json }): void => {
  const schema = context.jsonSchema;
  if (context.zodSchema === pageLimit) {
    for (const key of Object.keys(schema)) delete schema[key];
    Object.assign(schema, { type: 'integer', minimum: 1, maximum: 100, default: 25 });
  }
  if (schema.format === 'date-time') delete schema.pattern;
  if (schema.minimum === Number.MIN_SAFE_INTEGER) delete schema.minimum;
  if (schema.maximum === Number.MAX_SAFE_INTEGER) delete schema.maximum;
};

/** Converts a registry of named schemas to `components.schemas` entries, references between them included. */
const componentSchemas = (
  named: Map<z.ZodMiniType, string>,
  io: 'input' | 'output',
): Record<string, Json> => {
  const registry = z.registry<{ id: string }>();
  for (const [schema, id] of named) registry.add(schema, { id });
  const { schemas } = z.toJSONSchema(registry, {
    target: 'draft-2020-12',
    io,
    uri: (id) => `#/components/schemas/${id}`,
    override: tidy,
  });
  return Object.fromEntries(
    Object.entries(schemas).map(([id, { $schema: _schema, $id: _id, ...schema }]) => [id, schema]),
  );
};

const inlineSchema = (schema: z.ZodMiniType, io: 'input' | 'output'): Json => {
  const { $schema: _schema, ...json } = z.toJSONSchema(schema, {
    target: 'draft-2020-12',
    io,
    override: tidy,
  });
  return json;
};

const ref = (name: string): Json => ({ $ref: `#/components/schemas/${name}` });

const header = (spec: ResponseHeader): Json => ({
  description: spec.description,
  schema: inlineSchema(spec.schema, 'output'),
});

/** The problem codes a route can answer by status: its own, and the ones every route of its kind has. */
export const problemCodesOf = (
  route: RouteDefinition,
  contract: RouteContract,
): Partial<Record<ErrorStatus | 500, ProblemCode[]>> => {
  const codes: Partial<Record<ErrorStatus | 500, ProblemCode[]>> = {};
  const add = (status: ErrorStatus | 500, ...more: readonly ProblemCode[]) => {
    const list = codes[status] ?? [];
    for (const code of more) if (!list.includes(code)) list.push(code);
    codes[status] = list;
  };
  if (route.method !== 'GET' && !contract.rawBody)
    add(400, ProblemCode.MALFORMED_JSON, ProblemCode.VALIDATION_FAILED);
  if (route.method !== 'GET') add(413, ProblemCode.PAYLOAD_TOO_LARGE);
  if (contract.query) add(400, ProblemCode.VALIDATION_FAILED);
  for (const [status, own] of Object.entries(contract.errors ?? {}))
    add(Number(status) as ErrorStatus, ...own);
  if (route.auth) add(401, ProblemCode.UNAUTHENTICATED);
  // A key without the route's scope, or on a route about a person; a key past its rate limit.
  if (route.auth) add(403, ProblemCode.INSUFFICIENT_SCOPE);
  if (route.scope) add(429, ProblemCode.RATE_LIMITED);
  if (route.path.includes('{')) add(404, ProblemCode.NOT_FOUND);
  if (!route.needs?.includes('NO_AWS_ACCESS')) add(503, ProblemCode.SERVICE_UNAVAILABLE);
  add(500, ProblemCode.INTERNAL_ERROR);
  return codes;
};

const problemResponse = (status: number, codes: readonly ProblemCode[]): Json => {
  const retries =
    status === 429 || status === 503 || codes.includes(ProblemCode.CONCURRENT_UPDATE as ProblemCode);
  return {
    description: `${titleFor(status)}: ${codes.join(', ')}`,
    ...(retries ? { headers: { 'Retry-After': header(RETRY_AFTER) } } : {}),
    content: {
      'application/problem+json': {
        schema: {
          allOf: [
            ref('Problem'),
            { type: 'object', properties: { status: { const: status }, code: { enum: codes } } },
          ],
        },
      },
    },
  };
};

const TAGS = {
  Service: 'The API itself',
  Integrators: "A workspace's API keys and its audit log",
  'Sign-in': 'Password, then a one-time code by SMS or an authenticator app',
  Profile: 'Who I am, and my two-factor authentication',
  Licenses: 'Workspaces, their licenses, and whether each can be renewed online',
  Checkouts: 'Renewals: a price quote, the store checkout, and what became of it',
  Store: 'Events from the store',
  Webhooks: "Events sent to a workspace's endpoints, signed per Standard Webhooks, and their delivery logs",
} as const;

const tagOf = (route: RouteDefinition & { id: RouteId }): keyof typeof TAGS => {
  if (route.path.startsWith('/v1/auth/')) return 'Sign-in';
  if (route.path.startsWith('/v1/me')) return 'Profile';
  if (route.path.startsWith('/v1/store/')) return 'Store';
  if (route.path.includes('/api-keys') || route.path.includes('/audit-events')) return 'Integrators';
  if (route.path.includes('/webhook-endpoints')) return 'Webhooks';
  if (route.id.startsWith('checkout')) return 'Checkouts';
  if (route.path.startsWith('/v1/licenses') || route.path.startsWith('/v1/workspaces')) return 'Licenses';
  return 'Service';
};

/** Each event a workspace's endpoints may subscribe to, as the POST the endpoint receives. */
const OUTBOUND_EVENTS = {
  'checkout.completed': [
    'CheckoutCompletedEvent',
    'A renewal was paid and applied: the license has its new expiry',
  ],
  'checkout.needs_review': [
    'CheckoutNeedsReviewEvent',
    'A payment did not match its checkout: a person looks at it',
  ],
  'checkout.failed': ['CheckoutFailedEvent', 'Completing a paid renewal failed; operations were told'],
  'license.attached': ['LicenseAttachedEvent', 'An activation code attached a license to the workspace'],
  'license.expiring_soon': [
    'LicenseExpiringSoonEvent',
    'A license reached a reminder milestone before it expires',
  ],
  'license.expired': ['LicenseExpiredEvent', 'A license expired'],
} as const satisfies Record<WebhookEventType, readonly [string, string]>;

const signedHeader = (name: string, description: string, pattern: string): Json => ({
  name,
  in: 'header',
  required: true,
  description,
  schema: { type: 'string', pattern },
});

const outboundEvents = (): Json =>
  Object.fromEntries(
    Object.entries(OUTBOUND_EVENTS).map(([type, [schema, summary]]) => [
      type,
      {
        post: {
          operationId: `event_${type.replace('.', '_')}`,
          summary,
          description:
            'Sent to every ENABLED endpoint of the workspace subscribed to this type, at least once, in no ' +
            'guaranteed order. Verify it with any Standard Webhooks library and the endpoint’s `whsec_` secret.',
          tags: ['Webhooks'],
          security: [],
          parameters: [
            signedHeader(
              'webhook-id',
              'The event id: the same on every retry, so deduplicate by it',
              '^evt_',
            ),
            signedHeader('webhook-timestamp', 'Unix seconds when this attempt was signed', '^[0-9]+$'),
            signedHeader(
              'webhook-signature',
              '`v1,` + base64 HMAC-SHA256 of `<id>.<timestamp>.<body>`; two, space-separated, for 24 h after a rotation',
              '^v1,',
            ),
          ],
          requestBody: { required: true, content: { 'application/json': { schema: ref(schema) } } },
          responses: {
            '2XX': { description: 'Delivered: answer within 10 s' },
            410: { description: 'Gone: the endpoint is disabled and gets nothing more' },
            default: {
              description:
                'Anything else (or no answer in 10 s) is retried: after 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h',
            },
          },
        },
      },
    ]),
  );

/** A session always; an API key too where the route has a scope, with that scope. */
const securityOf = (route: RouteDefinition): Json[] => {
  if (!route.auth) return [];
  return route.scope ? [{ bearerAuth: [] }, { apiKey: [route.scope] }] : [{ bearerAuth: [] }];
};

/** Sent with the successful answers of a request made with an API key. */
const RATE_LIMIT_HEADERS = {
  RateLimit: {
    description: 'API keys: requests left in this window, and seconds until it resets',
    schema: { type: 'string' },
  },
  'RateLimit-Policy': {
    description: 'API keys: the limit and its window, in seconds',
    schema: { type: 'string' },
  },
};

const parametersOf = (route: RouteDefinition, contract: RouteContract): Json[] => {
  const inPath = [...route.path.matchAll(/\{(\w+)\}/g)].map(([, name]) => ({
    name,
    in: 'path',
    required: true,
    schema: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,128}$' },
  }));
  const query = contract.query as z.ZodMiniObject | undefined;
  const inQuery = Object.entries(query?.shape ?? {}).map(([name, schema]) => {
    const optional = (schema as z.ZodMiniType)._zod.optin === 'optional';
    const inner = optional ? (schema as z.ZodMiniOptional)._zod.def.innerType : schema;
    return { name, in: 'query', required: !optional, schema: inlineSchema(inner as z.ZodMiniType, 'input') };
  });
  const headers = (contract.headers ?? []).map((spec) => ({
    name: spec.name,
    in: 'header',
    required: spec.required,
    description: spec.description,
    schema: inlineSchema(spec.schema, 'input'),
  }));
  return [...inPath, ...inQuery, ...headers];
};

/** A success answer's body schema: the shared schema it names, or its own. */
const bodySchemaOf = (response: SuccessResponse): z.ZodMiniType | undefined =>
  typeof response.body === 'string' ? (entities()[response.body] as z.ZodMiniType) : response.body;

const operationOf = (
  route: RouteDefinition & { id: RouteId },
  contract: RouteContract,
  named: Map<z.ZodMiniType, string>,
  examples: Examples,
): Json => {
  const responses: Record<string, Json> = {};
  for (const [status, response] of Object.entries(contract.responses)) {
    const body = bodySchemaOf(response);
    const name = body ? named.get(body) : undefined;
    const example = name ? examples[name] : undefined;
    responses[status] = {
      description: response.description,
      ...(response.headers || route.scope
        ? {
            headers: {
              ...Object.fromEntries(
                Object.entries(response.headers ?? {}).map(([key, spec]) => [key, header(spec)]),
              ),
              ...(route.scope ? RATE_LIMIT_HEADERS : {}),
            },
          }
        : {}),
      ...(body
        ? {
            content: {
              'application/json': {
                schema: name ? ref(name) : inlineSchema(body, 'output'),
                ...(example === undefined ? {} : { example }),
              },
            },
          }
        : {}),
    };
  }
  for (const [status, codes] of Object.entries(problemCodesOf(route, contract))) {
    responses[status] = problemResponse(Number(status), codes);
  }
  const body = contract.body ?? contract.rawBodySchema;
  return {
    operationId: operationId(route.id),
    summary: route.summary,
    ...(contract.description ? { description: contract.description } : {}),
    tags: [tagOf(route)],
    security: securityOf(route),
    ...(parametersOf(route, contract).length ? { parameters: parametersOf(route, contract) } : {}),
    ...(body
      ? {
          requestBody: {
            required: true,
            content: {
              'application/json': {
                schema: ref(contract.body ? requestSchemaName(route.id) : (named.get(body) as string)),
                ...(examples[requestSchemaName(route.id)] === undefined
                  ? {}
                  : { example: examples[requestSchemaName(route.id)] }),
              },
            },
          },
        }
      : {}),
    responses,
  };
};

export interface DocumentOptions {
  version: string;
}

/** The whole document. Deterministic: the same code gives the same bytes. */
export const buildDocument = (options: DocumentOptions): Json => {
  const named = namedResponseSchemas();
  const requests = new Map<z.ZodMiniType, string>();
  for (const { id } of routeList()) {
    const body = (contracts[id] as RouteContract).body;
    if (body) requests.set(body, requestSchemaName(id));
  }
  const examples = examplesFromDemoData();
  const paths: Record<string, Json> = {};
  for (const route of routeList()) {
    const contract: RouteContract = contracts[route.id as keyof Contracts];
    paths[route.path] ??= {};
    paths[route.path][route.method.toLowerCase()] = operationOf(route, contract, named, examples);
  }
  const storeWebhook = paths['/v1/store/webhooks'].post;
  return {
    openapi: '3.1.1',
    info: {
      title: 'Renewal Hub API',
      version: options.version,
      summary: 'Renew security-software licenses online: sign in, see licenses, renew, pay, get the code.',
      description:
        'Errors are RFC 9457 problem details (`application/problem+json`) with a stable `code`. ' +
        'Lists take `limit` (1–100, default 25) and an opaque `cursor` from the previous page’s `nextCursor`. ' +
        'Send `Accept-Language: pl` for Polish messages.',
      license: { name: 'Proprietary', identifier: 'LicenseRef-Proprietary' },
    },
    servers: [{ url: '/', description: 'The API that serves this document' }],
    tags: Object.entries(TAGS).map(([name, description]) => ({ name, description })),
    paths,
    webhooks: {
      ...outboundEvents(),
      'order.completed': {
        post: {
          operationId: 'storeOrderCompleted',
          summary: 'The store tells the API that an order was paid',
          description: storeWebhook.description,
          tags: ['Store'],
          security: [],
          parameters: storeWebhook.parameters,
          requestBody: storeWebhook.requestBody,
          responses: { 202: storeWebhook.responses[202], 401: storeWebhook.responses[401] },
        },
      },
    },
    components: {
      schemas: { ...componentSchemas(named, 'output'), ...componentSchemas(requests, 'input') },
      securitySchemes: {
        bearerAuth: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description: 'The `accessToken` of `POST /v1/auth/login` or `POST /v1/auth/mfa/verify`',
        },
        apiKey: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'rhk_…',
          description:
            'An API key of one workspace (`POST /v1/workspaces/{workspaceId}/api-keys`), sent as ' +
            '`Authorization: Bearer rhk_…`. Each operation lists the scope it needs; a key acts only in its ' +
            `workspace, at most ${API_KEY_RATE_LIMIT.limit} requests per ${API_KEY_RATE_LIMIT.windowSeconds} s.`,
        },
      },
    },
  };
};
