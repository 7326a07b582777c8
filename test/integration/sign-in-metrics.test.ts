/**
 * The sign-in metrics through the real login route against DynamoDB Local: each refused password is a
 * sign-in failure, each answer of the attempt limit a throttled attempt, and a success counts nothing.
 */
import '../support/emf-enabled';
import { callRoute } from '../support/api';
import { type AuthHarness, createAuthHarness } from '../support/auth-harness';
import { captureEmf } from '../support/emf';

let h: AuthHarness;
let emf: ReturnType<typeof captureEmf>;

beforeEach(async () => {
  h = await createAuthHarness();
  emf = captureEmf();
});

afterEach(async () => {
  emf.restore();
  await h.close();
});

const login = (password: string) => callRoute('login', { body: { email: 'plain@example.com', password } });

/** The metric names written, one entry per EMF line. */
const names = () => emf.records().flatMap((record) => Object.keys(record.metrics));

describe('sign-in metrics', () => {
  it('counts 5 wrong passwords as sign-in failures and the 6th attempt as throttled', async () => {
    // Arrange
    await h.addUser('plain@example.com', 'correct horse');

    // Act
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 6; attempt++) statuses.push((await login('wrong')).status);

    // Assert
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    expect(names()).toEqual([...Array(5).fill('SignInFailures'), 'ThrottledAttempts']);
  });

  it('counts nothing for a successful sign-in', async () => {
    // Arrange
    await h.addUser('plain@example.com', 'correct horse');

    // Act
    const answer = await login('correct horse');

    // Assert
    expect(answer.status).toBe(200);
    expect(names()).toEqual([]);
  });
});
