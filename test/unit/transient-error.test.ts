import { TransientError } from '../../functions/use-cases/errors';
import { isTransient, toTaskError } from '../../functions/workflow/transient-error';

const awsError = (name: string, extra: Record<string, unknown> = {}) =>
  Object.assign(new Error(`${name} happened`), { name, ...extra });

describe('isTransient', () => {
  it.each([
    ['throttling', awsError('ThrottlingException')],
    ['DynamoDB over its throughput', awsError('ProvisionedThroughputExceededException')],
    ['a 5xx answer', awsError('SomethingBroke', { $metadata: { httpStatusCode: 503 } })],
    ['an error the SDK marks retryable', awsError('Whatever', { $retryable: { throttling: true } })],
    ['a dropped connection', Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' })],
    ['a transaction cancelled by a conflict', awsError('TransactionCanceledException')],
    ['our own', new TransientError('later')],
  ])('retries %s', (_, error) => {
    expect(isTransient(error)).toBe(true);
  });

  it.each([
    [
      'a failed condition',
      awsError('ConditionalCheckFailedException', { $metadata: { httpStatusCode: 400 } }),
    ],
    [
      'a transaction cancelled by a failed condition',
      awsError('TransactionCanceledException', {
        message:
          'Transaction cancelled, please refer cancellation reasons for specific reasons [ConditionalCheckFailed]',
      }),
    ],
    ['a validation error', awsError('ValidationException', { $metadata: { httpStatusCode: 400 } })],
    ['a plain bug', new TypeError('x is undefined')],
    ['not an error at all', 'boom'],
  ])('does not retry %s', (_, error) => {
    expect(isTransient(error)).toBe(false);
  });
});

describe('toTaskError', () => {
  it('wraps a transient error under the name the Retry rules match, keeping the original as cause', () => {
    const original = awsError('ThrottlingException');

    const reported = toTaskError(original);

    expect(reported).toBeInstanceOf(TransientError);
    expect(reported.name).toBe('TransientError');
    expect(reported.cause).toBe(original);
  });

  it('leaves other errors their own name for the Catch', () => {
    const bug = new TypeError('x is undefined');

    expect(toTaskError(bug)).toBe(bug);
    expect(toTaskError('boom')).toEqual(new Error('boom'));
  });
});
