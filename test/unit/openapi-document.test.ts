import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { contracts } from '../../functions/contracts';
import type { RouteContract } from '../../functions/contracts/route-contract';
import { ProblemCode } from '../../functions/http/problem';
import { problemCodesOf } from '../../functions/openapi/document';
import { OpenApiFiles, renderDocument } from '../../functions/openapi/files';
import { routeList } from '../../functions/routes';

// biome-ignore lint/suspicious/noExplicitAny: the document is open-ended JSON
type Json = any;
const committed = (): Json => JSON.parse(readFileSync(OpenApiFiles.document, 'utf8'));

describe('the OpenAPI document', () => {
  it('is committed as the code generates it (run `npm run openapi` after changing a contract)', () => {
    // Arrange
    const generated = renderDocument();

    // Act
    const onDisk = readFileSync(OpenApiFiles.document, 'utf8');

    // Assert
    expect(onDisk).toBe(generated);
  });

  it('has its committed TypeScript types generated from it', () => {
    // Arrange: openapi-typescript is ESM inside, so the check runs as `npm run openapi -- --check` does.
    const command = () =>
      execFileSync(process.execPath, ['--import', 'tsx', 'bin/openapi.ts', '--check'], { encoding: 'utf8' });

    // Act / Assert: a stale file exits non-zero, which throws.
    expect(command).not.toThrow();
  });

  it('has one operation per route of the route table, with its summary and security', () => {
    // Arrange
    const document = committed();

    // Act
    const operations = routeList().map((route) => ({
      route,
      operation: document.paths[route.path]?.[route.method.toLowerCase()],
    }));

    // Assert
    for (const { route, operation } of operations) {
      expect(operation).toMatchObject({
        summary: route.summary,
        security: !route.auth
          ? []
          : route.scope
            ? [{ bearerAuth: [] }, { apiKey: [route.scope] }]
            : [{ bearerAuth: [] }],
      });
    }
    const count = Object.values(document.paths).flatMap((item) => Object.keys(item as object)).length;
    expect(count).toBe(routeList().length);
  });

  it("declares every route's own problem codes, under the status each is answered with", () => {
    // Arrange
    const document = committed();

    // Act
    const declared = routeList().map((route) => {
      const responses = document.paths[route.path][route.method.toLowerCase()].responses;
      const own = (contracts[route.id] as RouteContract).errors ?? {};
      return { responses, own };
    });

    // Assert
    for (const { responses, own } of declared) {
      for (const [status, codes] of Object.entries(own)) {
        const schema = responses[status].content['application/problem+json'].schema;
        expect(schema.allOf[1].properties.code.enum).toEqual(expect.arrayContaining([...(codes ?? [])]));
      }
    }
  });

  it('adds the codes every route of a kind can give: no session, key scope and rate, unknown id, outage, defect', () => {
    // Arrange
    const license = routeList().find((route) => route.id === 'license');
    const health = routeList().find((route) => route.id === 'health');
    if (!license || !health) throw new Error('routes missing');

    // Act
    const licenseCodes = problemCodesOf(license, contracts.license);
    const healthCodes = problemCodesOf(health, contracts.health);

    // Assert
    expect(licenseCodes).toEqual({
      401: [ProblemCode.UNAUTHENTICATED],
      403: [ProblemCode.INSUFFICIENT_SCOPE],
      404: [ProblemCode.NOT_FOUND],
      429: [ProblemCode.RATE_LIMITED],
      503: [ProblemCode.SERVICE_UNAVAILABLE],
      500: [ProblemCode.INTERNAL_ERROR],
    });
    expect(healthCodes).toEqual({ 500: [ProblemCode.INTERNAL_ERROR] });
  });

  it('has examples, taken from the demo data, that its own schemas accept', () => {
    // Arrange
    const document = committed();
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(ajv);
    ajv.addSchema(document, 'doc');
    const examples: Array<{ where: string; schemaRef: string; example: unknown }> = [];
    for (const [path, item] of Object.entries<Record<string, Json>>(document.paths)) {
      for (const [method, operation] of Object.entries<Json>(item)) {
        const media = [
          ['requestBody', operation.requestBody?.content?.['application/json']],
          ...Object.entries<Json>(operation.responses).map(([status, r]) => [
            status,
            r.content?.['application/json'],
          ]),
        ] as const;
        for (const [where, content] of media) {
          if (content?.example !== undefined) {
            examples.push({
              where: `${method} ${path} ${where}`,
              schemaRef: content.schema.$ref,
              example: content.example,
            });
          }
        }
      }
    }

    // Act
    const rejected = examples.filter(
      ({ schemaRef, example }) => !ajv.validate({ $ref: `doc${schemaRef}` }, example),
    );

    // Assert
    expect(examples.length).toBeGreaterThanOrEqual(10);
    expect(rejected.map(({ where }) => where)).toEqual([]);
    expect(JSON.stringify(examples)).toContain('lic-eligible-pl');
  });

  it('describes the store event under webhooks, signed with Store-Signature', () => {
    // Arrange
    const document = committed();

    // Act
    const webhook = document.webhooks['order.completed'].post;

    // Assert
    expect(webhook.requestBody.content['application/json'].schema).toEqual({
      $ref: '#/components/schemas/StoreEvent',
    });
    expect(webhook.parameters).toEqual([
      expect.objectContaining({ name: 'Store-Signature', in: 'header', required: true }),
    ]);
  });
});
