/**
 * PRODUCT.md §1: sign-in throttling on DynamoDB Local. After 5 failures an email (known or not) is
 * refused with 429 and a back-off that doubles up to 15 minutes. These tests count attempts, not hashes:
 * the harness's unit-test scrypt cost serves (sign-in.test.ts keeps the production cost).
 */
import { callRoute } from '../support/api';
import { type AuthHarness, createAuthHarness } from '../support/auth-harness';

let h: AuthHarness;

beforeEach(async () => {
  h = await createAuthHarness();
  await h.addUser('plain@example.com', 'correct horse');
});

afterEach(async () => {
  await h.close();
});

const login = (email: string, password: string) => callRoute('login', { body: { email, password } });

describe('throttling', () => {
  it('answers 429 with Retry-After after 5 failures, even to the right password, and backs off', async () => {
    for (let attempt = 0; attempt < 5; attempt++) {
      expect((await login('plain@example.com', 'wrong')).status).toBe(401);
    }
    const blocked = await login('plain@example.com', 'correct horse');
    h.clock.advance(30 * 1000);
    const sixthFailure = await login('plain@example.com', 'wrong');
    const blockedLonger = await login('plain@example.com', 'correct horse');
    h.clock.advance(60 * 1000);
    const success = await login('plain@example.com', 'correct horse');
    const afterReset = await login('plain@example.com', 'wrong');

    expect(blocked.status).toBe(429);
    expect(blocked.body.code).toBe('TOO_MANY_ATTEMPTS');
    expect(blocked.headers['retry-after']).toBe('30');
    expect(sixthFailure.status).toBe(401);
    expect(blockedLonger.headers['retry-after']).toBe('60');
    expect(success.status).toBe(200);
    expect(afterReset.status).toBe(401);
  });

  it('throttles unknown emails the same way', async () => {
    for (let attempt = 0; attempt < 5; attempt++) await login('ghost@example.com', 'guess');

    const answer = await login('ghost@example.com', 'guess');

    expect(answer.status).toBe(429);
    expect(Number(answer.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('caps the back-off at 15 minutes', async () => {
    for (let round = 0; round < 12; round++) {
      for (let attempt = 0; attempt < (round === 0 ? 5 : 1); attempt++)
        await login('plain@example.com', 'wrong');
      h.clock.advance(15 * 60 * 1000);
    }
    await login('plain@example.com', 'wrong');

    const blocked = await login('plain@example.com', 'correct horse');

    expect(blocked.headers['retry-after']).toBe('900');
  });
});
