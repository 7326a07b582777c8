/**
 * The bodies the API answers with (PRODUCT.md §2), as zod/mini schemas: the handlers' answers are typed
 * by them, the tests validate every answer against them, and the OpenAPI document is built from them.
 * Strict objects, so a field added to an answer without its schema fails the tests.
 *
 * Not in any handler bundle: a handler needs them only for its types, so a contract names its answer's
 * schema ({@link answerOf} in route-contract.ts) and only the document builder and the tests import this
 * module. Carried by every bundle, building them cost about 7 ms and their code (with the parts of zod
 * only they use) 22 KB of each cold start (`npm run bundle-sizes`).
 */
import * as z from 'zod/mini';
import { ApiKeyScope } from '../domain/api-key';
import { AuditAction } from '../domain/audit-event';
import { CheckoutStatus } from '../domain/checkout';
import { EligibilityReason, NextStep } from '../domain/eligibility';
import { LicenseStatus } from '../domain/license-status';
import { Locale } from '../domain/locale';
import { DeliveryStatus } from '../domain/webhook-delivery';
import { EndpointStatus } from '../domain/webhook-endpoint';
import { WEBHOOK_EVENT_TYPES, type WebhookEventType } from '../domain/webhook-event';

const build = () => {
  const describe = z.describe;
  /** An ISO 8601 UTC timestamp. */
  const instant = z.iso.datetime();
  const count = z.int().check(z.gte(0));

  const MfaMethodName = z.enum({ NONE: 'NONE', SMS: 'SMS', TOTP: 'TOTP' } as const);

  const LicenseSchema = z.strictObject({
    licenseId: z.string(),
    workspaceId: z.string(),
    workspaceName: z.string(),
    productCode: z.string(),
    productName: z.string(),
    seats: z.int().check(z.gte(1)),
    termMonths: z.int().check(z.gte(1)),
    purchaseChannel: z.enum({ ONLINE_STORE: 'ONLINE_STORE', PARTNER: 'PARTNER' } as const),
    purchasedAt: instant,
    startsAt: instant,
    expiresAt: instant,
    daysRemaining: count.check(describe('Whole days left, rounded down; 0 once expired')),
    status: z.enum(LicenseStatus).check(describe('EXPIRING_SOON below 30 days left')),
    activationCodeHint: z.string().check(describe('The last 5 characters of the activation code')),
  });

  const EligibilitySchema = z.strictObject({
    licenseId: z.string(),
    eligible: z.boolean(),
    daysRemaining: count,
    renewalWindowOpensAt: instant,
    reasons: z.array(
      z.strictObject({
        code: z.enum(EligibilityReason),
        message: z.string().check(describe("In the caller's language")),
      }),
    ),
    nextSteps: z.array(z.enum(NextStep)),
  });

  const RenewalSchema = z.strictObject({
    checkoutId: z.string(),
    paidAt: instant,
    previousExpiresAt: instant,
    newExpiresAt: instant,
    termMonths: z.int().check(z.gte(1)),
    activationCodeHint: z.string(),
  });

  const LicenseDetailsSchema = z.strictObject({
    ...LicenseSchema.shape,
    eligibility: EligibilitySchema,
    renewals: z.array(RenewalSchema).check(describe('Completed renewals, oldest first')),
  });

  const LicensePageSchema = z.strictObject({
    items: z.array(LicenseSchema),
    nextCursor: z
      .nullable(z.string())
      .check(describe('Pass as `cursor` for the next page; null on the last')),
  });

  const OfferSchema = z.strictObject({
    offerId: z.string(),
    name: z.string(),
    percentOff: z.number().check(z.gt(0), z.lte(100)),
    endsAt: instant,
  });

  const PriceSchema = z.strictObject({
    amount: z
      .int()
      .check(
        z.gte(0),
        describe(
          'What is paid, offer applied, in integer minor units of the currency (12900 PLN is 129.00 zł)',
        ),
      ),
    currency: z.string().check(z.regex(/^[A-Z]{3}$/), describe('ISO 4217')),
    countryCode: z.string().check(z.regex(/^[A-Z]{2}$/), describe('ISO 3166-1 alpha-2')),
    listAmount: z.int().check(z.gte(0), describe('Unit amount × seats, before any offer, in minor units')),
    offer: z.nullable(OfferSchema),
  });

  const CheckoutSchema = z.strictObject({
    checkoutId: z.string(),
    licenseId: z.string(),
    workspaceId: z.string(),
    status: z.enum(CheckoutStatus),
    redirectUrl: z.url().check(describe("The store's page for this checkout")),
    expiresAt: instant,
    price: PriceSchema,
    term: z.strictObject({
      months: z.int().check(z.gte(1)),
      bonusDays: count.check(describe('The days that remained, added to the new term')),
      newExpiresAt: instant,
    }),
    createdAt: instant,
    renewal: z.optional(
      z
        .strictObject({ newExpiresAt: instant, activationCodeHint: z.string() })
        .check(describe('Once COMPLETED')),
    ),
  });

  const WorkspaceSchema = z.strictObject({
    workspaceId: z.string(),
    name: z.string(),
    countryCode: z.nullable(z.string()).check(describe('ISO 3166-1 alpha-2; null when none was set')),
  });

  const WorkspaceListSchema = z.strictObject({ items: z.array(WorkspaceSchema) });

  const MfaSettingSchema = z.strictObject({
    method: MfaMethodName,
    destination: z.optional(z.string().check(describe('The masked phone number, for SMS'))),
  });

  const ProfileSchema = z.strictObject({
    userId: z.string(),
    email: z.string(),
    locale: z.enum(Locale),
    mfa: MfaSettingSchema,
  });

  const AuthenticatedSchema = z.strictObject({
    status: z.literal('AUTHENTICATED'),
    accessToken: z.string(),
    tokenType: z.literal('Bearer'),
    expiresIn: z.int().check(z.gte(1), describe('Seconds until the token expires')),
  });

  const MfaRequiredSchema = z.strictObject({
    status: z.literal('MFA_REQUIRED'),
    challengeId: z.string(),
    method: z.enum({ SMS: 'SMS', TOTP: 'TOTP' } as const),
    destination: z.optional(z.string().check(describe('The masked phone number, e.g. +48*******89'))),
    expiresAt: instant,
  });

  const SignInResultSchema = z.discriminatedUnion('status', [AuthenticatedSchema, MfaRequiredSchema]);

  const CodeResentSchema = z.strictObject({
    challengeId: z.string(),
    destination: z.string(),
    expiresAt: instant,
    resendsRemaining: count,
  });

  const CodeSentSchema = z.strictObject({
    destination: z.string().check(describe('The masked phone number the code went to')),
    expiresAt: instant,
  });

  const TotpEnrolmentSchema = z.strictObject({
    secret: z.string().check(describe('Base32, for typing into an authenticator app')),
    otpauthUri: z.string().check(describe('The same secret as an otpauth:// URI, for a QR code')),
    expiresAt: instant,
  });

  const MfaChangedSchema = z.strictObject({ mfa: MfaSettingSchema });

  const NotificationsSchema = z.strictObject({
    renewalReminders: z.boolean().check(describe('Emails at 30, 7 and 1 days before expiry, and at expiry')),
  });

  const HealthSchema = z.strictObject({ status: z.literal('ok') });

  const EventReceivedSchema = z.strictObject({ received: z.literal(true) });

  const ApiKeyScopeName = z.enum(ApiKeyScope);

  const ApiKeySchema = z.strictObject({
    apiKeyId: z.string(),
    workspaceId: z.string(),
    name: z.string(),
    scopes: z.array(ApiKeyScopeName),
    createdAt: instant,
    createdBy: z.string().check(describe("The issuing administrator's email")),
    expiresAt: z.nullable(instant),
    lastUsedAt: z.nullable(instant.check(describe('May lag by up to a minute'))),
    revokedAt: z.nullable(instant),
    hint: z.string().check(describe("The secret's last 4 characters")),
  });

  const IssuedApiKeySchema = z.strictObject({
    ...ApiKeySchema.shape,
    secret: z
      .string()
      .check(
        z.regex(/^rhk_[0-9A-Za-z]{42}$/),
        describe('Shown only in this answer: store it now (starts with rhk_)'),
      ),
  });

  const ApiKeyListSchema = z.strictObject({ items: z.array(ApiKeySchema) });

  const AuditEventSchema = z.strictObject({
    eventId: z.string(),
    workspaceId: z.string(),
    action: z.enum(AuditAction),
    at: instant,
    actor: z.strictObject({
      type: z.enum({ USER: 'USER', API_KEY: 'API_KEY' } as const),
      id: z.string(),
      email: z.optional(z.string()),
    }),
    target: z.optional(z.strictObject({ type: z.string(), id: z.string() })),
    details: z.optional(
      z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.array(z.string())])),
    ),
  });

  const AuditPageSchema = z.strictObject({
    items: z.array(AuditEventSchema),
    nextCursor: z.nullable(z.string()),
  });

  const WebhookEventTypeName = z.enum(WEBHOOK_EVENT_TYPES as [WebhookEventType, ...WebhookEventType[]]);

  const WebhookEndpointSchema = z.strictObject({
    endpointId: z.string(),
    workspaceId: z.string(),
    url: z.string().check(describe('https:// (locally also http://127.0.0.1 or http://localhost)')),
    events: z.array(WebhookEventTypeName),
    description: z.string(),
    status: z.enum(EndpointStatus),
    createdAt: instant,
  });

  const CreatedWebhookEndpointSchema = z.strictObject({
    ...WebhookEndpointSchema.shape,
    secret: z
      .string()
      .check(
        z.regex(/^whsec_[A-Za-z0-9+/]+={0,2}$/),
        describe('Shown only here: whsec_ + base64 of 32 random bytes (Standard Webhooks)'),
      ),
  });

  const WebhookEndpointListSchema = z.strictObject({ items: z.array(WebhookEndpointSchema) });

  const WebhookSecretSchema = z.strictObject({
    secret: z
      .string()
      .check(z.regex(/^whsec_[A-Za-z0-9+/]+={0,2}$/), describe('The old one still signs for 24 h')),
  });

  const DeliverySchema = z.strictObject({
    deliveryId: z.string(),
    eventId: z.string().check(describe('The `webhook-id` header of every attempt')),
    eventType: WebhookEventTypeName,
    status: z.enum(DeliveryStatus),
    attempts: count,
    createdAt: instant,
    lastAttemptAt: z.nullable(instant),
    lastResponseStatus: z.nullable(z.int().check(describe('Null when the last attempt got no answer'))),
    lastLatencyMs: z.nullable(count),
    nextAttemptAt: z.nullable(instant.check(describe('When the next retry is due, while PENDING'))),
  });

  const DeliveryPageSchema = z.strictObject({
    items: z.array(DeliverySchema),
    nextCursor: z.nullable(z.string()),
  });

  /** The body of each event an endpoint receives: `{id, type, createdAt, data}`. */
  const eventOf = <T extends WebhookEventType, D extends Record<string, z.ZodMiniType>>(type: T, data: D) =>
    z.strictObject({
      id: z.string().check(describe('`evt_…`, the `webhook-id` header: the same on every retry')),
      type: z.literal(type),
      createdAt: instant,
      data: z.strictObject(data),
    });
  const checkoutRef = { checkoutId: z.string(), licenseId: z.string(), workspaceId: z.string() };
  const CheckoutCompletedEventSchema = eventOf('checkout.completed', {
    ...checkoutRef,
    newExpiresAt: instant,
    activationCodeHint: z.string().check(describe('The new code’s last 5 characters; never the code itself')),
    amount: z.int().check(describe('What was paid, in minor units')),
    currency: z.string(),
  });
  const CheckoutNeedsReviewEventSchema = eventOf('checkout.needs_review', checkoutRef);
  const CheckoutFailedEventSchema = eventOf('checkout.failed', checkoutRef);
  const LicenseAttachedEventSchema = eventOf('license.attached', {
    licenseId: z.string(),
    workspaceId: z.string(),
  });
  const LicenseExpiringSoonEventSchema = eventOf('license.expiring_soon', {
    licenseId: z.string(),
    workspaceId: z.string(),
    expiresAt: instant,
    daysRemaining: count,
    eligible: z.boolean(),
  });
  const LicenseExpiredEventSchema = eventOf('license.expired', {
    licenseId: z.string(),
    workspaceId: z.string(),
    expiresAt: instant,
  });

  return {
    NotificationsSchema,
    CheckoutCompletedEventSchema,
    CheckoutNeedsReviewEventSchema,
    CheckoutFailedEventSchema,
    LicenseAttachedEventSchema,
    LicenseExpiringSoonEventSchema,
    LicenseExpiredEventSchema,
    WebhookEndpointSchema,
    CreatedWebhookEndpointSchema,
    WebhookEndpointListSchema,
    WebhookSecretSchema,
    DeliverySchema,
    DeliveryPageSchema,
    MfaMethodName,
    LicenseSchema,
    EligibilitySchema,
    RenewalSchema,
    LicenseDetailsSchema,
    LicensePageSchema,
    OfferSchema,
    PriceSchema,
    CheckoutSchema,
    WorkspaceSchema,
    WorkspaceListSchema,
    MfaSettingSchema,
    ProfileSchema,
    AuthenticatedSchema,
    MfaRequiredSchema,
    SignInResultSchema,
    CodeResentSchema,
    CodeSentSchema,
    TotpEnrolmentSchema,
    MfaChangedSchema,
    HealthSchema,
    EventReceivedSchema,
    ApiKeyScopeName,
    ApiKeySchema,
    IssuedApiKeySchema,
    ApiKeyListSchema,
    AuditEventSchema,
    AuditPageSchema,
  };
};

/** Every answer's schema, by name. */
export type Entities = ReturnType<typeof build>;

let built: Entities | undefined;

/** Every answer's schema, by name; the ones ending in `Schema` are the document's components. */
export const entities = (): Entities => {
  built ??= build();
  return built;
};
