/** Contracts of a workspace's API keys and its audit log (PRODUCT.md §6). */
import * as z from 'zod/mini';
import { ApiKeyScope } from '../domain/api-key';
import { ProblemCode } from '../http/problem';
import { pageLimit } from '../http/schemas';
import { answerOf, routeContract } from './route-contract';

export const apiKeyCreate = routeContract({
  description:
    'Only an administrator of the workspace, signed in (not with a key). The answer is the only time ' +
    'the secret is shown; the API keeps only its hash.',
  body: z.strictObject({
    name: z.string().check(z.minLength(1), z.maxLength(100)),
    scopes: z.array(z.enum(ApiKeyScope)).check(
      z.minLength(1),
      z.maxLength(4),
      z.refine((scopes) => new Set(scopes).size === scopes.length, 'Each scope once'),
    ),
    expiresAt: z.optional(z.iso.datetime()),
  }),
  responses: {
    201: answerOf('IssuedApiKeySchema', 'The key, with its secret'),
  },
  errors: { 403: [ProblemCode.INSUFFICIENT_SCOPE] },
});

export const apiKeys = routeContract({
  description: 'Revoked keys too (with `revokedAt`), newest first.',
  responses: {
    200: answerOf('ApiKeyListSchema', "The workspace's keys"),
  },
  errors: { 403: [ProblemCode.INSUFFICIENT_SCOPE] },
});

export const apiKeyRevoke = routeContract({
  description: 'The key answers 401 from the next request on. Revoking a revoked key is 404.',
  responses: { 204: { description: 'Revoked' } },
  errors: { 403: [ProblemCode.INSUFFICIENT_SCOPE] },
});

export const auditEvents = routeContract({
  description:
    'Keys issued and revoked, sign-ins of its administrators, renewals started and completed. ' +
    'Append-only. Pages of `limit` (1–100, default 25); follow `nextCursor`.',
  query: z.strictObject({
    limit: z.optional(pageLimit),
    cursor: z.optional(z.string().check(z.maxLength(1024))),
  }),
  responses: {
    200: answerOf('AuditPageSchema', 'One page of events, newest first'),
  },
  errors: { 403: [ProblemCode.INSUFFICIENT_SCOPE] },
});
