/**
 * Locally there is no CloudWatch to read EMF lines: they would only bury the console. Imported first by
 * `start.ts`, so the variable is set before `functions/metrics.ts` creates its instance; set
 * `POWERTOOLS_METRICS_DISABLED=false` to see them.
 */
process.env.POWERTOOLS_METRICS_DISABLED = process.env.POWERTOOLS_METRICS_DISABLED ?? 'true';
