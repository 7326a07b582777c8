import type { z } from 'zod/mini';
import { type FieldError, Problem, ProblemCode } from './problem';

/**
 * Parses `input` with a zod schema, or throws 400 VALIDATION_FAILED naming every bad path. `where`
 * prefixes the paths (`body`, `query`, `path`) so a client knows which part of the request to fix.
 */
export const parseOrThrow = <T>(schema: z.ZodMiniType<T>, input: unknown, where: string): T => {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const errors: FieldError[] = result.error.issues.flatMap((issue) => {
    const path = [where, ...issue.path.map(String)];
    // One entry per unknown field, so each can be pointed at.
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ path: [...path, key].join('.'), message: 'Unknown field' }));
    }
    return [{ path: path.join('.'), message: issue.message }];
  });
  throw new Problem(400, ProblemCode.VALIDATION_FAILED, { extensions: { errors } });
};
