/** The store's webhook events, after authentication: recorded once, the workflow started, over the fakes. */
import { receiveStoreEvent } from '../../functions/use-cases/store-webhook';
import { createFakes, type Fakes } from '../fakes';

const NOW = new Date('2026-11-28T12:00:00.000Z');

const orderCompleted = (changes: Record<string, unknown> = {}) =>
  JSON.stringify({
    id: 'evt-1',
    type: 'order.completed',
    data: {
      orderId: 'ord-1',
      checkoutId: 'co-1',
      amount: 103200,
      currency: 'PLN',
      paidAt: '2026-11-28T12:30:00+01:00',
    },
    ...changes,
  });

describe('store webhook over the fakes', () => {
  let fakes: Fakes;
  const receive = (body: string) => receiveStoreEvent(fakes, body, NOW);

  beforeEach(() => {
    fakes = createFakes();
  });

  it('records a paid order, in UTC, and starts its workflow', async () => {
    // Act
    const outcome = await receive(orderCompleted());

    // Assert
    expect(outcome).toBe('STARTED');
    expect(await fakes.orders.get('ord-1')).toEqual({
      orderId: 'ord-1',
      checkoutId: 'co-1',
      amount: 103200,
      currency: 'PLN',
      paidAt: '2026-11-28T11:30:00.000Z',
      eventId: 'evt-1',
      receivedAt: NOW.toISOString(),
      status: 'RECEIVED',
    });
    expect(fakes.workflow.started).toEqual(['ord-1']);
  });

  it('keeps the first delivery of an order, and starts the workflow again for a duplicate', async () => {
    // Arrange
    await receive(orderCompleted());
    const startSpy = jest.spyOn(fakes.workflow, 'start');

    // Act
    const outcome = await receive(orderCompleted({ id: 'evt-2' }));

    // Assert
    expect(outcome).toBe('DUPLICATE');
    expect((await fakes.orders.get('ord-1'))?.eventId).toBe('evt-1');
    expect(startSpy).toHaveBeenCalledWith('ord-1');
  });

  it('ignores events of other types', async () => {
    // Act
    const outcome = await receive(JSON.stringify({ id: 'evt-3', type: 'order.refunded', data: {} }));

    // Assert
    expect(outcome).toBe('IGNORED');
    expect(fakes.workflow.started).toEqual([]);
  });

  it.each([
    ['not JSON', '{'],
    [
      'a negative amount',
      orderCompleted({
        data: { orderId: 'o', checkoutId: 'c', amount: -1, currency: 'PLN', paidAt: '2026-11-28T12:00:00Z' },
      }),
    ],
  ])(
    'tells operations about a signed event it cannot read (%s), and records nothing',
    async (_what, body) => {
      // Act
      const outcome = await receive(body);

      // Assert
      expect(outcome).toBe('UNREADABLE');
      expect(fakes.ops.notices.map((notice) => notice.subject)).toEqual(['Unreadable store event']);
      expect(fakes.workflow.started).toEqual([]);
    },
  );
});
