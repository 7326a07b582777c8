/** Contracts of a workspace's webhook endpoints and their delivery logs (PRODUCT.md §7). */
import * as z from 'zod/mini';
import { EndpointStatus } from '../domain/webhook-endpoint';
import { WEBHOOK_EVENT_TYPES, type WebhookEventType } from '../domain/webhook-event';
import { ProblemCode } from '../http/problem';
import { pageLimit } from '../http/schemas';
import { answerOf, routeContract } from './route-contract';

const eventTypes = z
  .array(z.enum(WEBHOOK_EVENT_TYPES as [WebhookEventType, ...WebhookEventType[]]))
  .check(z.minLength(1), z.maxLength(WEBHOOK_EVENT_TYPES.length));
const url = z.string().check(z.minLength(1), z.maxLength(2048));
const description = z.string().check(z.maxLength(500));
const managed = { 403: [ProblemCode.INSUFFICIENT_SCOPE] } as const;

export const webhookEndpointCreate = routeContract({
  description:
    'By an administrator of the workspace or a key with `webhooks:manage`. The URL must be https:// and ' +
    'must not resolve to a private, loopback, link-local or reserved address. The answer is the only ' +
    'time the secret is shown.',
  body: z.strictObject({ url, events: eventTypes, description: z.optional(description) }),
  responses: { 201: answerOf('CreatedWebhookEndpointSchema', 'The endpoint, with its signing secret') },
  errors: managed,
});

export const webhookEndpoints = routeContract({
  description: 'Oldest first.',
  responses: { 200: answerOf('WebhookEndpointListSchema', "The workspace's endpoints") },
  errors: managed,
});

export const webhookEndpoint = routeContract({
  responses: { 200: answerOf('WebhookEndpointSchema', 'The endpoint') },
  errors: managed,
});

export const webhookEndpointUpdate = routeContract({
  description:
    'Only what is given changes. `ENABLED` again after a 410 or five days of failures resumes deliveries ' +
    'of new events.',
  body: z.strictObject({
    url: z.optional(url),
    events: z.optional(eventTypes),
    description: z.optional(description),
    status: z.optional(z.enum(EndpointStatus)),
  }),
  responses: { 200: answerOf('WebhookEndpointSchema', 'The endpoint as changed') },
  errors: managed,
});

export const webhookEndpointDelete = routeContract({
  description: 'Pending deliveries to it are abandoned.',
  responses: { 204: { description: 'Unsubscribed' } },
  errors: managed,
});

export const webhookSecretRotate = routeContract({
  description: 'Deliveries carry two signatures, with the new and the old secret, for 24 hours.',
  responses: { 200: answerOf('WebhookSecretSchema', 'The new secret, shown only here') },
  errors: managed,
});

export const webhookDeliveries = routeContract({
  description: 'Kept 30 days. Pages of `limit` (1–100, default 25); follow `nextCursor`.',
  query: z.strictObject({
    limit: z.optional(pageLimit),
    cursor: z.optional(z.string().check(z.maxLength(1024))),
  }),
  responses: { 200: answerOf('DeliveryPageSchema', 'One page of deliveries, newest first') },
  errors: managed,
});

export const webhookRedeliver = routeContract({
  description: 'One more attempt now, whatever the status, with the same `webhook-id`.',
  responses: { 202: { description: 'Queued' } },
  errors: managed,
});
