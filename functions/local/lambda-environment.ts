/**
 * What the Powertools read from the environment, set as `npm start` needs it. Imported first by
 * `start.ts`, so it is set before `functions/logger.ts` and `functions/metrics.ts` create their instances.
 * - `AWS_LAMBDA_INITIALIZATION_TYPE`: Lambda sets it; without it the logger reports `cold_start: false`
 *   even on a first invocation. Locally all functions share one process: its first invocation is the cold one.
 * - `POWERTOOLS_METRICS_DISABLED`: locally there is no CloudWatch to read EMF lines, which would only bury
 *   the console; set it to `false` to see them.
 */
process.env.AWS_LAMBDA_INITIALIZATION_TYPE = process.env.AWS_LAMBDA_INITIALIZATION_TYPE ?? 'on-demand';
process.env.POWERTOOLS_METRICS_DISABLED = process.env.POWERTOOLS_METRICS_DISABLED ?? 'true';
