/**
 * The RFC 9457 problem body every failure is answered with, and the headers that go with some. The
 * document narrows `status` and `code` per route and status; the extension members are the ones the API
 * sends (PRODUCT.md §2).
 */
import * as z from 'zod/mini';
import { EligibilityReason, NextStep } from '../domain/eligibility';
import type { ResponseHeader } from './route-contract';

export const ProblemSchema = z.looseObject({
  type: z.string().check(z.describe("A URI naming the problem's code")),
  title: z.string(),
  status: z.int(),
  detail: z.string().check(z.describe("What happened, in the caller's language")),
  code: z.string().check(z.describe('Stable, UPPER_SNAKE: switch on this')),
  instance: z.optional(z.string()),
  errors: z.optional(
    z
      .array(z.strictObject({ path: z.string(), message: z.string() }))
      .check(z.describe('VALIDATION_FAILED: every invalid input, e.g. `body.email`')),
  ),
  retryAfter: z.optional(z.int().check(z.gte(0), z.describe('Seconds; the same as the Retry-After header'))),
  attemptsRemaining: z.optional(z.int().check(z.gte(0), z.describe('INVALID_CODE: wrong codes left'))),
  reasons: z.optional(
    z
      .array(z.strictObject({ code: z.enum(EligibilityReason), message: z.string() }))
      .check(z.describe('NOT_ELIGIBLE: every rule the license fails')),
  ),
  nextSteps: z.optional(z.array(z.enum(NextStep))),
});

/** Sent with 429, 503 and 409 CONCURRENT_UPDATE. */
export const RETRY_AFTER: ResponseHeader = {
  description: 'Seconds to wait before trying again',
  schema: z.string().check(z.regex(/^\d+$/)),
};
