import { Logger } from '@aws-lambda-powertools/logger';

/**
 * The structured logger. Log identifiers and outcomes only: never emails, phone numbers, codes,
 * passwords, tokens or request bodies.
 */
export const logger = new Logger({ serviceName: 'renewal-hub' });
