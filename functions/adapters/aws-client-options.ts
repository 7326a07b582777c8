/**
 * The one set of timeouts and retries every AWS SDK client is built with. Without them a client
 * waits for the OS's TCP timeouts and retries three times, so an unreachable DynamoDB answered after
 * ~29 s; PRODUCT.md §2 wants a failing dependency to answer 503 within 5 s.
 */

/** Timeouts and retries of one SDK call; {@link worstCaseCallMs} must stay within the 5 s promise. */
export const AwsCallBudget = {
  /** Time to open a TCP/TLS connection; an unreachable endpoint fails after this. */
  connectionTimeoutMs: 500,
  /** Time for the whole answer once connected. */
  requestTimeoutMs: 1_000,
  /** One try and one retry: a blip heals, an outage answers quickly. */
  maxAttempts: 2,
  /** Upper bound of the SDK's back-off before a retry (throttling uses the larger 500 ms base, times 2). */
  maxBackoffMs: 1_000,
} as const;

/**
 * The answer timeout against a local emulator (`endpoint` given: DynamoDB Local, the SES emulator). One
 * Java process serves the whole test run or `npm start` on a shared 2-core machine, and under load it
 * answers a plain GetItem in more than a second at times, which DynamoDB does not; a second there made
 * unrelated tests fail with 503. The AWS budget above is unchanged.
 */
export const LOCAL_EMULATOR_REQUEST_TIMEOUT_MS = 5_000;

/** The longest one SDK call can take with {@link AwsCallBudget}: every attempt timing out, plus back-off. */
export const worstCaseCallMs = (): number =>
  AwsCallBudget.maxAttempts * (AwsCallBudget.connectionTimeoutMs + AwsCallBudget.requestTimeoutMs) +
  (AwsCallBudget.maxAttempts - 1) * AwsCallBudget.maxBackoffMs;

/** Constructor options for any AWS SDK v3 client; `endpoint` points at a local emulator. */
export const awsClientOptions = (endpoint?: string) => ({
  ...(endpoint ? { endpoint } : {}),
  maxAttempts: AwsCallBudget.maxAttempts,
  // A plain options object: the client builds its NodeHttpHandler from it.
  requestHandler: {
    connectionTimeout: AwsCallBudget.connectionTimeoutMs,
    requestTimeout: endpoint ? LOCAL_EMULATOR_REQUEST_TIMEOUT_MS : AwsCallBudget.requestTimeoutMs,
    // Without it a breached requestTimeout only logs a warning and the call keeps waiting.
    throwOnRequestTimeout: true,
  },
});
