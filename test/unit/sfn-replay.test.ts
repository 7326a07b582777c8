import { ExecutionAlreadyExists, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { mockClient } from 'aws-sdk-client-mock';
import {
  executionNameFor,
  replayExecutionNameFor,
  SfnPurchaseWorkflow,
} from '../../functions/adapters/sfn-purchase-workflow';

const ARN = 'arn:aws:states:us-east-1:000000000000:stateMachine:purchase';
const sfn = mockClient(SFNClient);

beforeEach(() => sfn.reset());

describe('replaying an order on Step Functions', () => {
  it('starts an execution of its own per failure, named after the first, within 80 characters', async () => {
    sfn.on(StartExecutionCommand).resolves({ executionArn: 'arn:x' });
    const workflow = new SfnPurchaseWorkflow(new SFNClient({ region: 'us-east-1' }), ARN);

    const started = await workflow.replay('ord_1', 2);

    const input = sfn.commandCalls(StartExecutionCommand)[0]?.args[0].input;
    expect(started).toBe(true);
    expect(input).toEqual({
      stateMachineArn: ARN,
      name: `${executionNameFor('ord_1')}-replay-2`,
      input: JSON.stringify({ orderId: 'ord_1' }),
    });
    expect(replayExecutionNameFor('x'.repeat(500), 99)).toMatch(/^[A-Za-z0-9_-]{1,80}$/);
    expect(() => replayExecutionNameFor('ord_1', 100)).toThrow(RangeError);
  });

  it('starts nothing for a failure whose replay exists already', async () => {
    sfn.on(StartExecutionCommand).rejects(new ExecutionAlreadyExists({ message: 'exists', $metadata: {} }));
    const workflow = new SfnPurchaseWorkflow(new SFNClient({ region: 'us-east-1' }), ARN);

    expect(await workflow.replay('ord_1', 1)).toBe(false);
    await expect(workflow.start('ord_1')).resolves.toBeUndefined();
  });
});
