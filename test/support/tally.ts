import type { ApiAnswer } from './api';

/**
 * How many answers of a burst had each status and code (or sign-in status), e.g.
 * `{ '401 INVALID_CREDENTIALS': 5, '429 TOO_MANY_ATTEMPTS': 25 }`.
 */
export const tally = (answers: readonly ApiAnswer[]): Record<string, number> => {
  const counts: Record<string, number> = {};
  for (const { status, body } of answers) {
    const key = `${status} ${body?.code ?? body?.status ?? ''}`.trim();
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
};
