import * as zm from 'zod/mini';
import type { RouteContract } from '../../contracts/route-contract';
import { readJsonBody } from '../request';
import { parseOrThrow } from '../validation';
import type { HttpMiddleware } from './request-state';

/** The schemas of a route's inputs: the part of its contract this middleware reads. */
export type InputSchemas = Pick<RouteContract, 'body' | 'query' | 'rawBody'>;

const NO_BODY = zm.optional(zm.strictObject({}));

/** Parses and validates the body and the query string, or answers 400 with every invalid field. */
export const input = (schemas: InputSchemas): HttpMiddleware => ({
  before: (request) => {
    const state = request.context.request;
    const { event } = request;
    if (schemas.body) state.body = parseOrThrow(schemas.body, readJsonBody(event), 'body');
    else if (!schemas.rawBody) parseOrThrow(NO_BODY, readJsonBody(event), 'body');
    if (schemas.query) state.query = parseOrThrow(schemas.query, event.queryStringParameters ?? {}, 'query');
  },
});
