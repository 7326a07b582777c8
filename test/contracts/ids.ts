import { randomUUID } from 'node:crypto';

/** An id no other test uses, so contract suites can share one table. */
export const uniqueId = (prefix: string): string => `${prefix}-${randomUUID().slice(0, 8)}`;
