/**
 * `npm run openapi`: writes the OpenAPI document and its TypeScript types (functions/openapi/files.ts).
 * `--check` writes nothing and fails when a committed file is stale.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { type OpenApiFile, OpenApiFiles, renderOpenApiFiles } from '../functions/openapi/files';

const check = process.argv.includes('--check');

renderOpenApiFiles().then(
  (contents) => {
    for (const name of Object.keys(OpenApiFiles) as OpenApiFile[]) {
      const file = relative(process.cwd(), OpenApiFiles[name]);
      if (!check) {
        writeFileSync(OpenApiFiles[name], contents[name]);
        console.log(`wrote ${file} (${contents[name].length} bytes)`);
      } else if (readFileSync(OpenApiFiles[name], 'utf8') !== contents[name]) {
        console.error(`${file} is stale: run \`npm run openapi\` and commit it`);
        process.exitCode = 1;
      }
    }
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
