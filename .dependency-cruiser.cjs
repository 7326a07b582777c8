/**
 * The layers of functions/ (README, "Architecture"), checked in `npm test`: `npm run deps`.
 * domain ← ports ← use-cases ← edges (handlers, http, tasks, workflow, operations, seed, local);
 * adapters implement ports and are wired by functions/wiring.ts; local/ is the local run only.
 */

/** Packages of infrastructure: only adapters and edges may import them. */
const infrastructure =
  'node_modules/(@aws-sdk|@smithy|@aws-lambda-powertools|@middy|jose|aws-cdk-lib|constructs)/';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment: 'domain/ imports only domain/: no ports, no edges, no AWS SDK, jose or middy.',
      severity: 'error',
      from: { path: '^functions/domain/' },
      to: { path: ['^functions/(?!domain/)', '^(bin|lib|test)/', infrastructure] },
    },
    {
      name: 'ports-speak-domain',
      comment: 'ports/ import only domain/ (and each other).',
      severity: 'error',
      from: { path: '^functions/ports/' },
      to: { path: ['^functions/(?!domain/|ports/)', '^(bin|lib|test)/', infrastructure] },
    },
    {
      name: 'use-cases-see-domain-and-ports',
      comment: 'use-cases/ import domain/ and ports/ only: no HTTP, workflow, config, adapters or AWS.',
      severity: 'error',
      from: { path: '^functions/use-cases/' },
      to: { path: ['^functions/(?!domain/|ports/|use-cases/)', '^(bin|lib|test)/', infrastructure] },
    },
    {
      name: 'adapters-below-the-edges',
      comment: 'adapters/ never import use cases, the HTTP engine, handlers, tasks or the wiring.',
      severity: 'error',
      from: { path: '^functions/adapters/' },
      to: { path: '^functions/(use-cases|http|handlers|tasks|workflow|wiring\\.ts|routes\\.ts)' },
    },
    {
      name: 'engine-not-composition-root',
      comment:
        'The HTTP engine and the workflow frame are handed their dependencies; they never import the wiring.',
      severity: 'error',
      from: { path: '^functions/(http|workflow)/' },
      to: { path: '^functions/wiring\\.ts$' },
    },
    {
      name: 'local-is-local',
      comment: 'Nothing imports local/ but local/ and the command-line entry points in bin/.',
      severity: 'error',
      from: { pathNot: '^(functions/local/|bin/)' },
      to: { path: '^functions/local/' },
    },
    {
      name: 'deployed-code-needs-no-dev-dependencies',
      comment:
        'What is bundled into a function imports dependencies only (types aside): a devDependency is absent from a production install. The local run and the document generator run from a dev install.',
      severity: 'error',
      from: { path: '^functions/', pathNot: '^functions/(local/|openapi/files\\.ts$)' },
      to: { dependencyTypes: ['npm-dev'], dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: ['^cdk\\.out'] },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
