import type { z } from 'zod/mini';
import * as zm from 'zod/mini';
import { readJsonBody } from '../request';
import { parseOrThrow } from '../validation';
import type { HttpMiddleware } from './request-state';

/** The schemas of a route's inputs. */
export interface InputSchemas<TBody, TQuery> {
  /** Without one, a route takes no body: anything but nothing or `{}` is refused. */
  body?: z.ZodMiniType<TBody>;
  query?: z.ZodMiniType<TQuery>;
  /** The handler reads `rawBody` itself (signed webhooks): the body is neither parsed nor checked. */
  rawBody?: true;
}

const NO_BODY = zm.optional(zm.strictObject({}));

/** Parses and validates the body and the query string, or answers 400 with every invalid field. */
export const input = <TBody, TQuery>(schemas: InputSchemas<TBody, TQuery>): HttpMiddleware => ({
  before: (request) => {
    const state = request.context.request;
    const { event } = request;
    if (schemas.body) state.body = parseOrThrow(schemas.body, readJsonBody(event), 'body');
    else if (!schemas.rawBody) parseOrThrow(NO_BODY, readJsonBody(event), 'body');
    if (schemas.query) state.query = parseOrThrow(schemas.query, event.queryStringParameters ?? {}, 'query');
  },
});
