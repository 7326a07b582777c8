import { Logger } from '@aws-lambda-powertools/logger';
import { SERVICE_NAME } from './metric-names';

/**
 * The correlation id's lookup: a plain dotted path (`requestContext.requestId`). Powertools' own search
 * is JMESPath, a dependency every bundle would carry for one fixed path.
 */
const valueAtPath = (path: string, data: unknown): unknown =>
  path
    .split('.')
    .reduce<unknown>(
      (value, key) =>
        value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined,
      data,
    );

/**
 * The structured logger. Log identifiers and outcomes only: never emails, phone numbers, codes,
 * passwords, tokens or request bodies.
 */
export const logger = new Logger({ serviceName: SERVICE_NAME, correlationIdSearchFn: valueAtPath });
