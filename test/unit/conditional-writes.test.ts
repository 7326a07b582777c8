import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { PutCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import {
  succeedsUnlessConditionFails,
  unlessConditionFails,
} from '../../functions/adapters/dynamodb/item-conventions';

const conditionFailed = () =>
  new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {} });
const cancelled = (reasons: string) =>
  new TransactionCanceledException({
    message: `Transaction cancelled, please refer cancellation reasons for specific reasons [${reasons}]`,
    $metadata: {},
  });

describe('conditional writes', () => {
  // A stand-in for the document client: only `send` is used.
  const client = { send: jest.fn() };
  const put = new PutCommand({ TableName: 't', Item: { pk: 'A', sk: 'A' }, ConditionExpression: 'x' });

  beforeEach(() => client.send.mockReset());

  describe('succeedsUnlessConditionFails', () => {
    it('is true when the write is made', async () => {
      client.send.mockResolvedValue({});

      await expect(succeedsUnlessConditionFails(client.send(put))).resolves.toBe(true);
      expect(client.send).toHaveBeenCalledWith(put);
    });

    it('is false when the condition fails', async () => {
      client.send.mockRejectedValue(conditionFailed());

      await expect(succeedsUnlessConditionFails(client.send(put))).resolves.toBe(false);
    });

    it('is false when a transaction is cancelled by a failed condition', async () => {
      client.send.mockRejectedValue(cancelled('None, ConditionalCheckFailed'));

      await expect(
        succeedsUnlessConditionFails(client.send(new TransactWriteCommand({ TransactItems: [] }))),
      ).resolves.toBe(false);
    });

    it('rethrows a transaction cancelled for another reason', async () => {
      const conflict = cancelled('TransactionConflict, None');
      client.send.mockRejectedValue(conflict);

      await expect(succeedsUnlessConditionFails(client.send(put))).rejects.toBe(conflict);
    });

    it('rethrows any other error', async () => {
      const throttled = Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' });
      client.send.mockRejectedValue(throttled);

      await expect(succeedsUnlessConditionFails(client.send(put))).rejects.toBe(throttled);
    });
  });

  describe('unlessConditionFails', () => {
    const update = new UpdateCommand({
      TableName: 't',
      Key: { pk: 'A', sk: 'A' },
      ReturnValues: 'UPDATED_NEW',
    });

    it("is the write's output when it is made", async () => {
      const output = { Attributes: { wrongAttempts: 2 } };
      client.send.mockResolvedValue(output);

      await expect(unlessConditionFails(client.send(update))).resolves.toBe(output);
    });

    it('is null when the condition fails', async () => {
      client.send.mockRejectedValue(conditionFailed());

      await expect(unlessConditionFails(client.send(update))).resolves.toBeNull();
    });

    it('rethrows any other error', async () => {
      const broken = new Error('socket hang up');
      client.send.mockRejectedValue(broken);

      await expect(unlessConditionFails(client.send(update))).rejects.toBe(broken);
    });
  });
});
