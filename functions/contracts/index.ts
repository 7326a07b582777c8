/**
 * Every route's contract, by route id: for the document builder and the tests. Handlers import their
 * own contract from its file, so a bundle holds only the schemas its route uses.
 */
import type { RouteId } from '../routes';
import { apiKeyCreate, apiKeyRevoke, apiKeys, auditEvents } from './api-keys';
import { checkout, checkoutCreate, storeWebhook } from './checkouts';
import { health } from './health';
import { activationCode, license, licenseEligibility, licenses, workspaces } from './licenses';
import {
  me,
  mfaCode,
  mfaDisable,
  notifications,
  notificationsUnsubscribe,
  notificationsUpdate,
  smsConfirm,
  smsEnrol,
  totpConfirm,
  totpEnrol,
} from './mfa-settings';
import { openapi } from './openapi';
import type { RouteContract } from './route-contract';
import { login, logout, mfaResend, mfaVerify } from './sign-in';
import {
  webhookDeliveries,
  webhookEndpoint,
  webhookEndpointCreate,
  webhookEndpointDelete,
  webhookEndpoints,
  webhookEndpointUpdate,
  webhookRedeliver,
  webhookSecretRotate,
} from './webhooks';

export const contracts = {
  health,
  openapi,
  login,
  'mfa-verify': mfaVerify,
  'mfa-resend': mfaResend,
  logout,
  me,
  notifications,
  'notifications-update': notificationsUpdate,
  'notifications-unsubscribe': notificationsUnsubscribe,
  'totp-enrol': totpEnrol,
  'totp-confirm': totpConfirm,
  'sms-enrol': smsEnrol,
  'sms-confirm': smsConfirm,
  'mfa-code': mfaCode,
  'mfa-disable': mfaDisable,
  workspaces,
  licenses,
  license,
  'license-eligibility': licenseEligibility,
  'activation-code': activationCode,
  'checkout-create': checkoutCreate,
  checkout,
  'api-key-create': apiKeyCreate,
  'api-keys': apiKeys,
  'api-key-revoke': apiKeyRevoke,
  'audit-events': auditEvents,
  'webhook-endpoint-create': webhookEndpointCreate,
  'webhook-endpoints': webhookEndpoints,
  'webhook-endpoint': webhookEndpoint,
  'webhook-endpoint-update': webhookEndpointUpdate,
  'webhook-endpoint-delete': webhookEndpointDelete,
  'webhook-secret-rotate': webhookSecretRotate,
  'webhook-deliveries': webhookDeliveries,
  'webhook-redeliver': webhookRedeliver,
  'store-webhook': storeWebhook,
} as const satisfies Record<RouteId, RouteContract>;

export type Contracts = typeof contracts;
