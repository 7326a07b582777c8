import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  AwsCallBudget,
  awsClientOptions,
  LOCAL_EMULATOR_REQUEST_TIMEOUT_MS,
  worstCaseCallMs,
} from '../../functions/adapters/aws-client-options';
import { isDependencyUnavailable } from '../../functions/adapters/dependency-errors';

describe('the AWS client budget', () => {
  it('keeps the worst case of one call (every attempt timing out, plus back-off) within 5 s', () => {
    const worst = worstCaseCallMs();

    expect(AwsCallBudget.maxAttempts).toBeGreaterThanOrEqual(1);
    expect(worst).toBeLessThanOrEqual(5_000);
  });

  it('is what a client is built with: timeouts that throw, and the retry budget', async () => {
    const options = awsClientOptions();
    const local = awsClientOptions('http://127.0.0.1:8000');

    const client = new DynamoDBClient(options);

    expect(options.requestHandler).toEqual({
      connectionTimeout: AwsCallBudget.connectionTimeoutMs,
      requestTimeout: AwsCallBudget.requestTimeoutMs,
      throwOnRequestTimeout: true,
    });
    // Only against a local emulator is an answer given longer; the connection budget is the same.
    expect(local.requestHandler).toEqual({
      connectionTimeout: AwsCallBudget.connectionTimeoutMs,
      requestTimeout: LOCAL_EMULATOR_REQUEST_TIMEOUT_MS,
      throwOnRequestTimeout: true,
    });
    expect(await client.config.maxAttempts()).toBe(AwsCallBudget.maxAttempts);
    client.destroy();
  });
});

describe('isDependencyUnavailable', () => {
  const awsError = (name: string, extra: Record<string, unknown> = {}) =>
    Object.assign(new Error(`${name} happened`), { name, ...extra });

  it.each([
    ['DynamoDB throttling', awsError('ProvisionedThroughputExceededException')],
    ['a timeout', awsError('TimeoutError')],
    ['a refused connection', Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })],
    ['a 500', awsError('InternalServerError', { $metadata: { httpStatusCode: 500 } })],
    ['a wrapped throttle', new Error('secret read failed', { cause: awsError('ThrottlingException') })],
  ])('is true for %s', (_, error) => {
    expect(isDependencyUnavailable(error)).toBe(true);
  });

  it.each([
    ['a validation error', awsError('ValidationException', { $metadata: { httpStatusCode: 400 } })],
    [
      'a failed condition',
      awsError('ConditionalCheckFailedException', { $metadata: { httpStatusCode: 400 } }),
    ],
    ['a defect', new TypeError('x is undefined')],
    ['nothing', undefined],
  ])('is false for %s', (_, error) => {
    expect(isDependencyUnavailable(error)).toBe(false);
  });
});
