/** `GET`/`PATCH /v1/me/notifications` (PRODUCT.md §8) through the handlers and DynamoDB Local. */
import { callRoute } from '../support/api';
import { type AuthHarness, createAuthHarness } from '../support/auth-harness';

let h: AuthHarness;
let token: string;

beforeAll(async () => {
  h = await createAuthHarness();
  await h.addUser('nann@example.com', 'password-nann');
  token = (await callRoute('login', { body: { email: 'nann@example.com', password: 'password-nann' } })).body
    .accessToken;
});

afterAll(async () => {
  await h.close();
});

describe('notification preferences', () => {
  it('has renewal reminders on by default, turns them off and on again', async () => {
    // Act
    const initial = await callRoute('notifications', { token });
    const off = await callRoute('notifications-update', { token, body: { renewalReminders: false } });
    const afterOff = await callRoute('notifications', { token });
    const on = await callRoute('notifications-update', { token, body: { renewalReminders: true } });

    // Assert
    expect([initial.status, initial.body]).toEqual([200, { renewalReminders: true }]);
    expect([off.status, off.body]).toEqual([200, { renewalReminders: false }]);
    expect(afterOff.body).toEqual({ renewalReminders: false });
    expect(on.body).toEqual({ renewalReminders: true });
  });

  it('refuses a body that is not a boolean choice, and anyone not signed in', async () => {
    // Act
    const bad = await callRoute('notifications-update', { token, body: { renewalReminders: 'no' } });
    const extra = await callRoute('notifications-update', {
      token,
      body: { renewalReminders: true, sms: true },
    });
    const anonymous = await callRoute('notifications', {});

    // Assert
    expect([bad.status, bad.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect([extra.status, extra.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect([anonymous.status, anonymous.body.code]).toEqual([401, 'UNAUTHENTICATED']);
  });
});
