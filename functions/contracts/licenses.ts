/** Contracts of workspaces, licenses, eligibility and activation codes. */
import * as z from 'zod/mini';
import { LicenseStatus } from '../domain/license-status';
import { ProblemCode } from '../http/problem';
import { opaqueId, pageLimit } from '../http/schemas';
import { answerOf, routeContract } from './route-contract';

export const workspaces = routeContract({
  responses: {
    200: answerOf('WorkspaceListSchema', 'The workspaces I administer'),
  },
});

export const licenses = routeContract({
  description: 'Soonest expiry first. Pages of `limit` (1–100, default 25); follow `nextCursor`.',
  query: z.strictObject({
    limit: z.optional(pageLimit),
    cursor: z.optional(z.string().check(z.maxLength(1024))),
    workspaceId: z.optional(opaqueId),
    status: z.optional(z.enum([LicenseStatus.ACTIVE, LicenseStatus.EXPIRING_SOON, LicenseStatus.EXPIRED])),
  }),
  responses: {
    200: answerOf('LicensePageSchema', 'One page of licenses'),
  },
  errors: { 404: [ProblemCode.NOT_FOUND] },
});

export const license = routeContract({
  responses: {
    200: answerOf('LicenseDetailsSchema', 'The license, its eligibility and its renewals'),
  },
});

export const licenseEligibility = routeContract({
  description: 'Every rule is checked: a license that cannot be renewed online lists all its reasons.',
  responses: {
    200: answerOf('EligibilitySchema', 'The verdict, with reasons and next steps'),
  },
});

export const activationCode = routeContract({
  description: 'Attaches the license of an activation code to the workspace.',
  body: z.strictObject({ activationCode: z.string().check(z.maxLength(64)) }),
  responses: {
    201: answerOf('LicenseSchema', 'The license, now in this workspace'),
    200: answerOf('LicenseSchema', 'The license was already in this workspace'),
  },
  errors: {
    409: [ProblemCode.ACTIVATION_CODE_IN_USE],
    422: [ProblemCode.INVALID_ACTIVATION_CODE],
    429: [ProblemCode.TOO_MANY_ATTEMPTS],
  },
});
