/** Idempotent requests (Stripe's semantics) through runIdempotent over the fake store. */
import { runIdempotent } from '../../functions/use-cases/idempotency';
import { FakeIdempotencyStore } from '../fakes/idempotency-store';

const NOW = new Date('2026-11-28T12:00:00.000Z');
const later = (seconds: number) => new Date(NOW.getTime() + seconds * 1000);
const request = (changes: { userId?: string; key?: string; fingerprint?: unknown } = {}) => ({
  userId: 'usr_ann',
  key: 'key-1',
  fingerprint: { route: 'checkout-create', licenseId: 'lic-1' },
  ...changes,
});

describe('runIdempotent over the fake store', () => {
  let store: FakeIdempotencyStore;
  let runs: number;
  const answer = async () => {
    runs++;
    return { status: 201, body: { run: runs } };
  };

  beforeEach(() => {
    store = new FakeIdempotencyStore();
    runs = 0;
  });

  it('replays the first answer to the same request with the same key, without running it again', async () => {
    // Arrange
    const first = await runIdempotent(store, request(), NOW, answer);

    // Act
    const replay = await runIdempotent(store, request(), later(3600), answer);

    // Assert
    expect(replay).toEqual({ ...first, replayed: true });
    expect(first.replayed).toBe(false);
    expect(runs).toBe(1);
  });

  it('refuses the same key with another request as IDEMPOTENCY_KEY_REUSED', async () => {
    // Arrange
    await runIdempotent(store, request(), NOW, answer);

    // Act
    const other = runIdempotent(store, request({ fingerprint: { licenseId: 'lic-2' } }), NOW, answer);

    // Assert
    await expect(other).rejects.toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
  });

  it('answers IDEMPOTENCY_KEY_IN_PROGRESS while the first request with the key is still running', async () => {
    // Arrange
    let finish: (() => void) | undefined;
    const slow = runIdempotent(store, request(), NOW, async () => {
      await new Promise<void>((resolve) => {
        finish = resolve;
      });
      return answer();
    });

    // Act
    const concurrent = runIdempotent(store, request(), NOW, answer);

    // Assert
    await expect(concurrent).rejects.toMatchObject({ code: 'IDEMPOTENCY_KEY_IN_PROGRESS' });
    finish?.();
    await expect(slow).resolves.toMatchObject({ status: 201 });
  });

  it('keeps no failed answer: the key is free for a retry', async () => {
    // Arrange
    const failing = runIdempotent(store, request(), NOW, async () => {
      throw Object.assign(new Error('boom'), { code: 'SERVICE_UNAVAILABLE' });
    });
    await expect(failing).rejects.toMatchObject({ code: 'SERVICE_UNAVAILABLE' });

    // Act
    const retry = await runIdempotent(store, request(), NOW, answer);

    // Assert
    expect(retry).toEqual({ status: 201, body: { run: 1 }, replayed: false });
  });

  it('scopes keys per user', async () => {
    // Arrange
    await runIdempotent(store, request(), NOW, answer);

    // Act
    const bob = await runIdempotent(store, request({ userId: 'usr_bob' }), NOW, answer);

    // Assert
    expect(bob).toEqual({ status: 201, body: { run: 2 }, replayed: false });
  });
});
