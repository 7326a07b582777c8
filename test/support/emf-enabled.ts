// Import first in a test file that reads EMF output: the Metrics instance reads this when it is created,
// and test/setup-env.ts turns metrics off for every other test.
process.env.POWERTOOLS_METRICS_DISABLED = 'false';
