import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type middy from '@middy/core';
import { logger } from '../logger';

/** Where API Gateway (HTTP API, payload 2.0) puts its request id. */
export const API_GATEWAY_REQUEST_ID_PATH = 'requestContext.requestId';

/**
 * Adds the Lambda context (request id, function name, cold start) to every log line of the invocation,
 * and API Gateway's request id as `correlation_id`: the id a client can quote, and the one in the
 * API's access log. Keys appended during an invocation are dropped after it.
 */
export const logContext = (): middy.MiddlewareObj =>
  injectLambdaContext(logger, { correlationIdPath: API_GATEWAY_REQUEST_ID_PATH, resetKeys: true });
