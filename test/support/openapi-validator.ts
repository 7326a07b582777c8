/**
 * Every answer the integration and end-to-end tests receive from an API route is validated against the
 * committed OpenAPI document (a staleness test keeps it equal to what the code generates): its status
 * must be declared for the route, its content type must match, and its body must match the schema
 * (Ajv, JSON Schema 2020-12). A mismatch throws, failing the test that made the call.
 *
 * With `OPENAPI_TALLY_DIR` set, each validated answer appends a line to a file there, so a run can
 * say how many answers it validated (`cat $OPENAPI_TALLY_DIR/* | wc -l`).
 */
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { compilePath, matchPath } from '../../functions/http/paths';
import document from '../../functions/openapi/openapi.json';
import { type RouteId, routeList } from '../../functions/routes';

const DOCUMENT_ID = 'renewal-hub-openapi';

const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
// Added whole, so `#/components/schemas/…` references resolve inside it.
ajv.addSchema(document, DOCUMENT_ID);

const pointer = (...segments: string[]): string =>
  segments.map((segment) => `/${segment.replaceAll('~', '~0').replaceAll('/', '~1')}`).join('');

const validators = new Map<string, ValidateFunction>();
const validatorFor = (path: string, method: string, status: string, mediaType: string): ValidateFunction => {
  const ref = `${DOCUMENT_ID}#${pointer('paths', path, method, 'responses', status, 'content', mediaType, 'schema')}`;
  let validate = validators.get(ref);
  if (!validate) {
    validate = ajv.compile({ $ref: ref });
    validators.set(ref, validate);
  }
  return validate;
};

const routesByTemplate = routeList().map((route) => ({ route, template: compilePath(route.path) }));

/** The route an HTTP request goes to, if any (`/_local/*` and unknown paths have none). */
export const routeOfRequest = (method: string, rawPath: string): RouteId | undefined =>
  routesByTemplate.find(
    ({ route, template }) => route.method === method.toUpperCase() && matchPath(template, rawPath),
  )?.route.id;

export interface ValidatedAnswer {
  status: number;
  contentType: string | undefined;
  body: unknown;
}

// biome-ignore lint/suspicious/noExplicitAny: the document is open-ended JSON
const paths = document.paths as Record<string, Record<string, any>>;

/** Throws when `answer` is not what the document says route `routeId` answers. */
export const validateAnswer = (routeId: RouteId, answer: ValidatedAnswer): void => {
  const route = routeList().find((candidate) => candidate.id === routeId);
  if (!route) throw new Error(`No route ${routeId}`);
  const method = route.method.toLowerCase();
  const declared = paths[route.path]?.[method]?.responses?.[String(answer.status)];
  const where = `${route.method} ${route.path} answered ${answer.status}`;
  if (!declared) {
    throw new Error(
      `${where}, a status the OpenAPI document does not declare: ${JSON.stringify(answer.body)}`,
    );
  }
  const mediaTypes = Object.keys(declared.content ?? {});
  const mediaType = (answer.contentType ?? '').split(';')[0]?.trim() ?? '';
  if (mediaTypes.length === 0) {
    if (answer.body !== undefined && answer.body !== '') {
      throw new Error(
        `${where} with a body, where the document declares none: ${JSON.stringify(answer.body)}`,
      );
    }
  } else {
    if (!mediaTypes.includes(mediaType)) {
      throw new Error(
        `${where} as ${mediaType || 'no content type'}; the document says ${mediaTypes.join(', ')}`,
      );
    }
    const validate = validatorFor(route.path, method, String(answer.status), mediaType);
    if (!validate(answer.body)) {
      throw new Error(
        `${where} with a body the OpenAPI document does not allow:\n${ajv.errorsText(validate.errors, {
          separator: '\n',
        })}\nbody: ${JSON.stringify(answer.body)}`,
      );
    }
  }
  const tallyDir = process.env.OPENAPI_TALLY_DIR;
  if (tallyDir) appendFileSync(join(tallyDir, String(process.pid)), `${routeId} ${answer.status}\n`);
};
