import { ApiKeyScope } from './domain/api-key';
import { Need } from './needs';

/**
 * The one route table. The CDK HTTP API (one Lambda function per route) and the local server are both
 * built from it, so the deployed API and `npm start` cannot drift apart.
 *
 * Each key is a route id; its handler lives in `functions/handlers/<id>.ts` and exports `handler`.
 * `auth: true` routes need a bearer session, checked by the shared `authenticate` middleware.
 * What each route takes and answers is its contract, in `functions/contracts/` (one per route id).
 */
export interface RouteDefinition {
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** API Gateway path syntax: `{name}` is a path parameter. */
  readonly path: string;
  readonly auth: boolean;
  /**
   * The API-key scope that lets a key call this `auth` route (PRODUCT.md §6). Without one, the route is
   * about a person and takes a user's session only: a key gets 403 INSUFFICIENT_SCOPE.
   */
  readonly scope?: ApiKeyScope;
  /** Memory for the Lambda function; scrypt needs more than the default. */
  readonly memoryMb?: number;
  /** What the function may touch in AWS, so CDK can grant the least privilege it needs. */
  readonly needs?: readonly Need[];
  readonly summary: string;
}

// Re-exported: readers of the route table name a route's needs with it.
export { Need };

export const routes = {
  health: {
    method: 'GET',
    path: '/v1/health',
    auth: false,
    needs: [Need.NO_AWS_ACCESS],
    summary: 'Liveness',
  },
  openapi: {
    method: 'GET',
    path: '/v1/openapi.json',
    auth: false,
    needs: [Need.NO_AWS_ACCESS],
    summary: 'This API as an OpenAPI 3.1 document',
  },
  login: {
    method: 'POST',
    path: '/v1/auth/login',
    auth: false,
    memoryMb: 1024,
    needs: [Need.SEND_SMS],
    summary: 'Sign in with email and password',
  },
  'mfa-verify': {
    method: 'POST',
    path: '/v1/auth/mfa/verify',
    auth: false,
    summary: 'Second sign-in step: a one-time code',
  },
  'mfa-resend': {
    method: 'POST',
    path: '/v1/auth/mfa/resend',
    auth: false,
    needs: [Need.SEND_SMS],
    summary: 'Send a new SMS code for a challenge',
  },
  logout: { method: 'POST', path: '/v1/auth/logout', auth: true, summary: 'Revoke this session' },
  me: {
    method: 'GET',
    path: '/v1/me',
    auth: true,
    needs: [Need.TABLE_READ_ONLY],
    summary: 'Profile and 2FA method',
  },
  notifications: {
    method: 'GET',
    path: '/v1/me/notifications',
    auth: true,
    needs: [Need.TABLE_READ_ONLY],
    summary: 'My notification preferences (renewal reminders)',
  },
  'notifications-update': {
    method: 'PATCH',
    path: '/v1/me/notifications',
    auth: true,
    summary: 'Turn renewal reminders on or off',
  },
  'notifications-unsubscribe': {
    method: 'POST',
    path: '/v1/notifications/unsubscribe',
    auth: false,
    summary: "Turn renewal reminders off with a reminder email's one-click link",
  },
  'totp-enrol': {
    method: 'POST',
    path: '/v1/me/mfa/totp',
    auth: true,
    summary: 'Start authenticator-app enrolment',
  },
  'totp-confirm': {
    method: 'POST',
    path: '/v1/me/mfa/totp/confirm',
    auth: true,
    summary: 'Confirm authenticator-app enrolment',
  },
  'sms-enrol': {
    method: 'POST',
    path: '/v1/me/mfa/sms',
    auth: true,
    needs: [Need.SEND_SMS],
    summary: 'Start SMS enrolment',
  },
  'sms-confirm': {
    method: 'POST',
    path: '/v1/me/mfa/sms/confirm',
    auth: true,
    summary: 'Confirm SMS enrolment',
  },
  'mfa-code': {
    method: 'POST',
    path: '/v1/me/mfa/code',
    auth: true,
    needs: [Need.SEND_SMS],
    summary: 'Send an SMS code to confirm a change of 2FA',
  },
  'mfa-disable': {
    method: 'DELETE',
    path: '/v1/me/mfa',
    auth: true,
    summary: 'Turn 2FA off (needs a current code)',
  },
  workspaces: {
    method: 'GET',
    path: '/v1/workspaces',
    auth: true,
    scope: ApiKeyScope.LICENSES_READ,
    needs: [Need.TABLE_READ_ONLY],
    summary: 'Workspaces I administer',
  },
  licenses: {
    method: 'GET',
    path: '/v1/licenses',
    auth: true,
    scope: ApiKeyScope.LICENSES_READ,
    needs: [Need.TABLE_READ_ONLY],
    summary: 'Licenses of all my workspaces, soonest expiry first',
  },
  license: {
    method: 'GET',
    path: '/v1/licenses/{licenseId}',
    auth: true,
    scope: ApiKeyScope.LICENSES_READ,
    needs: [Need.TABLE_READ_ONLY],
    summary: 'A license with its eligibility and renewals',
  },
  'license-eligibility': {
    method: 'GET',
    path: '/v1/licenses/{licenseId}/renewal-eligibility',
    auth: true,
    scope: ApiKeyScope.LICENSES_READ,
    needs: [Need.TABLE_READ_ONLY],
    summary: 'May I renew this license online? If not, why and what to do',
  },
  'activation-code': {
    method: 'POST',
    path: '/v1/workspaces/{workspaceId}/activation-codes',
    auth: true,
    scope: ApiKeyScope.ACTIVATION_CODES_WRITE,
    summary: 'Enter an activation code: attach its license to a workspace',
  },
  'checkout-create': {
    method: 'POST',
    path: '/v1/licenses/{licenseId}/checkouts',
    auth: true,
    scope: ApiKeyScope.CHECKOUTS_WRITE,
    summary: 'Start a renewal: price quote and store checkout (needs Idempotency-Key)',
  },
  checkout: {
    method: 'GET',
    path: '/v1/checkouts/{checkoutId}',
    auth: true,
    scope: ApiKeyScope.CHECKOUTS_WRITE,
    needs: [Need.TABLE_READ_ONLY],
    summary: 'Follow a renewal',
  },
  'api-key-create': {
    method: 'POST',
    path: '/v1/workspaces/{workspaceId}/api-keys',
    auth: true,
    summary: 'Issue an API key for this workspace (its secret is shown once)',
  },
  'api-keys': {
    method: 'GET',
    path: '/v1/workspaces/{workspaceId}/api-keys',
    auth: true,
    needs: [Need.TABLE_READ_ONLY],
    summary: "The workspace's API keys",
  },
  'api-key-revoke': {
    method: 'DELETE',
    path: '/v1/workspaces/{workspaceId}/api-keys/{apiKeyId}',
    auth: true,
    summary: 'Revoke an API key: it answers 401 at once',
  },
  'audit-events': {
    method: 'GET',
    path: '/v1/workspaces/{workspaceId}/audit-events',
    auth: true,
    needs: [Need.TABLE_READ_ONLY],
    summary: "The workspace's audit log, newest first",
  },
  'webhook-endpoint-create': {
    method: 'POST',
    path: '/v1/workspaces/{workspaceId}/webhook-endpoints',
    auth: true,
    scope: ApiKeyScope.WEBHOOKS_MANAGE,
    summary: 'Subscribe a URL to events (its signing secret is shown once)',
  },
  'webhook-endpoints': {
    method: 'GET',
    path: '/v1/workspaces/{workspaceId}/webhook-endpoints',
    auth: true,
    scope: ApiKeyScope.WEBHOOKS_MANAGE,
    needs: [Need.TABLE_READ_ONLY],
    summary: "The workspace's webhook endpoints",
  },
  'webhook-endpoint': {
    method: 'GET',
    path: '/v1/workspaces/{workspaceId}/webhook-endpoints/{endpointId}',
    auth: true,
    scope: ApiKeyScope.WEBHOOKS_MANAGE,
    needs: [Need.TABLE_READ_ONLY],
    summary: 'A webhook endpoint',
  },
  'webhook-endpoint-update': {
    method: 'PATCH',
    path: '/v1/workspaces/{workspaceId}/webhook-endpoints/{endpointId}',
    auth: true,
    scope: ApiKeyScope.WEBHOOKS_MANAGE,
    summary: 'Change an endpoint: URL, events, description, ENABLED or DISABLED',
  },
  'webhook-endpoint-delete': {
    method: 'DELETE',
    path: '/v1/workspaces/{workspaceId}/webhook-endpoints/{endpointId}',
    auth: true,
    scope: ApiKeyScope.WEBHOOKS_MANAGE,
    summary: 'Unsubscribe an endpoint',
  },
  'webhook-secret-rotate': {
    method: 'POST',
    path: '/v1/workspaces/{workspaceId}/webhook-endpoints/{endpointId}/rotate-secret',
    auth: true,
    scope: ApiKeyScope.WEBHOOKS_MANAGE,
    summary: 'A new signing secret; the old one still signs for 24 h',
  },
  'webhook-deliveries': {
    method: 'GET',
    path: '/v1/workspaces/{workspaceId}/webhook-endpoints/{endpointId}/deliveries',
    auth: true,
    scope: ApiKeyScope.WEBHOOKS_MANAGE,
    needs: [Need.TABLE_READ_ONLY],
    summary: "An endpoint's delivery log, newest first",
  },
  'webhook-redeliver': {
    method: 'POST',
    path: '/v1/workspaces/{workspaceId}/webhook-endpoints/{endpointId}/deliveries/{deliveryId}/redeliver',
    auth: true,
    scope: ApiKeyScope.WEBHOOKS_MANAGE,
    needs: [Need.QUEUE_WEBHOOK_DELIVERY],
    summary: 'Send a delivery again now',
  },
  'store-webhook': {
    method: 'POST',
    path: '/v1/store/webhooks',
    auth: false,
    needs: [Need.START_PURCHASE_WORKFLOW, Need.STORE_WEBHOOK_SECRET, Need.NOTIFY_OPS, Need.NO_TOKEN_SECRET],
    summary: "The store's signed order events",
  },
} as const satisfies Record<string, RouteDefinition>;

export type RouteId = keyof typeof routes;

/** All routes as a list, for the builders. */
export const routeList = (): Array<RouteDefinition & { id: RouteId }> =>
  (Object.keys(routes) as RouteId[]).map((id) => ({ id, ...routes[id] }));
