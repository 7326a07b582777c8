/**
 * A route's contract: what it takes (body, query, headers) and every answer it gives (each success
 * status with its body schema, each error status with the problem codes it can carry). The handler is
 * typed by it and validated by it; `npm run openapi` turns every contract into the OpenAPI document.
 */
import type { z } from 'zod/mini';
import type { ProblemCode } from '../http/problem';
import type { Entities } from './entities';

/** The name of an answer schema of `entities.ts`. */
export type EntityName = keyof Entities;

/** A request header the route reads, for the document (the handler checks it itself). */
export interface HeaderParameter {
  readonly name: string;
  readonly required: boolean;
  readonly description: string;
  readonly schema: z.ZodMiniType;
}

/** A response header the route may send. */
export interface ResponseHeader {
  readonly description: string;
  readonly schema: z.ZodMiniType;
}

/**
 * One success answer: why it is given, and its JSON body (none for 202/204 without content): the name of
 * one of the shared answer schemas (`entities.ts`), or a schema of its own.
 */
export interface SuccessResponse {
  readonly description: string;
  readonly body?: EntityName | z.ZodMiniType;
  readonly headers?: Readonly<Record<string, ResponseHeader>>;
}

/** HTTP statuses of problem answers. */
export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 422 | 429 | 503;

export interface RouteContract {
  /** Without one, a route takes no body: anything but nothing or `{}` is refused. */
  readonly body?: z.ZodMiniType;
  readonly query?: z.ZodMiniType;
  /** The handler reads the raw body itself (signed webhooks): the body is neither parsed nor checked. */
  readonly rawBody?: true;
  /** For the document: the raw body's shape, when `rawBody` is set. */
  readonly rawBodySchema?: z.ZodMiniType;
  readonly headers?: readonly HeaderParameter[];
  /** A longer description than the route table's summary, for the document. */
  readonly description?: string;
  readonly responses: Readonly<Record<number, SuccessResponse>>;
  /**
   * The problem codes particular to this route, by status. The ones every route of its kind can give
   * (bad input, no session, 404 for a path id, dependency outages) are added by the document builder.
   */
  readonly errors?: Readonly<Partial<Record<ErrorStatus, readonly ProblemCode[]>>>;
}

type BodyOf<R> = R extends { body: infer B extends EntityName }
  ? z.output<Entities[B]>
  : R extends { body: infer B extends z.ZodMiniType }
    ? z.output<B>
    : undefined;

/**
 * What a handler may answer under contract `C`: one of its success statuses with that status's body.
 * (Errors are thrown, and answered by the problem boundary.)
 */
export type ContractAnswer<C extends RouteContract> = {
  [S in keyof C['responses'] & number]: {
    status: S;
    headers?: Record<string, string>;
  } & (BodyOf<C['responses'][S]> extends undefined
    ? { body?: undefined }
    : { body: BodyOf<C['responses'][S]> });
}[keyof C['responses'] & number];

/** Declares a contract, keeping its literal types for {@link ContractAnswer}. */
export const routeContract = <const C extends RouteContract>(contract: C): C => contract;

/**
 * A success answer whose body is the shared schema `name`. By name, so that a handler bundle, which
 * needs the schema only for its type, does not carry the schemas (the document builder looks them up).
 */
export const answerOf = <const K extends EntityName>(
  name: K,
  description: string,
  headers?: Readonly<Record<string, ResponseHeader>>,
) => ({ description, ...(headers ? { headers } : {}), body: name });
