import { signStorePayload, verifyStoreSignature } from '../../functions/domain/store-signature';

const secret = 'whsec-test';
const body = '{"id":"evt_1","type":"order.completed"}';
const at = new Date('2026-11-28T12:00:00.000Z');

describe('store webhook signatures', () => {
  it('accepts what the store signs', () => {
    expect(verifyStoreSignature(secret, signStorePayload(secret, body, at), body, at)).toBe(true);
  });

  it.each([
    ['a wrong secret', signStorePayload('other-secret', body, at), body, at],
    ['a tampered body', signStorePayload(secret, body, at), `${body} `, at],
    ['a stale timestamp (301 s)', signStorePayload(secret, body, at), body, new Date(at.getTime() + 301_000)],
    [
      'a future timestamp (301 s)',
      signStorePayload(secret, body, new Date(at.getTime() + 301_000)),
      body,
      at,
    ],
    ['a missing header', undefined, body, at],
    ['an empty header', '', body, at],
    ['no v1 signature', `t=${at.getTime() / 1000}`, body, at],
    ['a malformed signature', `t=${at.getTime() / 1000},v1=zz`, body, at],
    ['a malformed timestamp', `t=soon,v1=${'a'.repeat(64)}`, body, at],
  ])('refuses %s', (_, header, payload, now) => {
    expect(verifyStoreSignature(secret, header, payload, now)).toBe(false);
  });

  it('accepts the edge of the tolerance either way', () => {
    const header = signStorePayload(secret, body, at);

    expect(verifyStoreSignature(secret, header, body, new Date(at.getTime() + 300_000))).toBe(true);
    expect(verifyStoreSignature(secret, header, body, new Date(at.getTime() - 300_000))).toBe(true);
  });

  it('accepts a header with several v1 signatures when one matches (secret rotation)', () => {
    const header = signStorePayload(secret, body, at);
    const rotated = `${header},v1=${'0'.repeat(64)}`;

    expect(verifyStoreSignature(secret, rotated, body, at)).toBe(true);
  });
});
