import crypto from 'node:crypto';
import fc from 'fast-check';
import { jwtVerify, SignJWT } from 'jose';
import { JwtTokenService } from '../../functions/adapters/jwt-token-service';
import { normalizeEmail, userIdFor } from '../../functions/domain/identity';
import { negotiateLocale } from '../../functions/domain/locale';
import { codeMatches, generateSmsCode, hashCode } from '../../functions/domain/one-time-code';
import { decoyPasswordHash, hashPassword, verifyPassword } from '../../functions/domain/password';
import { maskPhoneNumber } from '../../functions/domain/phone';
import { deriveKeys } from '../../functions/domain/secrets';
import { generateTotpSecret, matchTotpStep, totpCodeAt } from '../../functions/domain/totp';

const pepper = deriveKeys('unit-test-secret').codePepper;

describe('one-time codes', () => {
  it('are 6 digits, leading zeros kept', () => {
    const codes = Array.from({ length: 200 }, generateSmsCode);

    expect(codes.every((code) => /^\d{6}$/.test(code))).toBe(true);
    expect(new Set(codes).size).toBeGreaterThan(190);
  });

  it('match only the code and binding they were hashed with', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{6}$/), fc.stringMatching(/^\d{6}$/), (code, other) => {
        const stored = hashCode(pepper, 'challenge-1', code);
        expect(codeMatches(pepper, 'challenge-1', code, stored)).toBe(true);
        expect(codeMatches(pepper, 'challenge-2', code, stored)).toBe(false);
        expect(codeMatches(pepper, 'challenge-1', other, stored)).toBe(code === other);
      }),
      { numRuns: 200 },
    );
  });

  it('are not stored in clear', () => {
    expect(hashCode(pepper, 'c', '123456')).not.toContain('123456');
  });
});

describe('passwords', () => {
  it('hash with scrypt N = 2^17, r = 8, p = 1 and verify', async () => {
    const stored = await hashPassword('correct horse');

    expect(stored).toMatch(/^scrypt\$17\$8\$1\$/);
    await expect(verifyPassword('correct horse', stored)).resolves.toBe(true);
    await expect(verifyPassword('correct horse ', stored)).resolves.toBe(false);
  });

  it('check an unknown email against a decoy with exactly one scrypt run, the first time too', async () => {
    const scrypt = jest.spyOn(crypto, 'scrypt');
    try {
      const decoy = decoyPasswordHash(17);
      const runsToBuild = scrypt.mock.calls.length;
      const matches = await verifyPassword('any password', decoy);

      expect(runsToBuild).toBe(0);
      expect(scrypt).toHaveBeenCalledTimes(1);
      expect(scrypt.mock.calls[0]?.[3]).toMatchObject({ N: 2 ** 17, r: 8, p: 1 });
      expect(matches).toBe(false);
      expect(decoyPasswordHash(17)).toBe(decoy);
    } finally {
      scrypt.mockRestore();
    }
  });

  it('refuse malformed hashes without throwing', async () => {
    await expect(verifyPassword('x', 'plaintext')).resolves.toBe(false);
    await expect(verifyPassword('x', 'scrypt$17$8$1$$')).resolves.toBe(false);
  });
});

describe('TOTP', () => {
  const secret = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
  const now = new Date('2026-11-28T10:00:15.000Z');
  const step = Math.floor(now.getTime() / 30_000);

  it.each([
    [-60, null],
    [-30, step - 1],
    [0, step],
    [30, step + 1],
    [60, null],
  ])('a code from %i s away matches step %p', (offset, expected) => {
    const code = totpCodeAt(secret, new Date(now.getTime() + offset * 1000));

    expect(matchTotpStep(secret, code, now)).toBe(expected);
  });

  it('makes 160-bit base32 secrets', () => {
    expect(generateTotpSecret()).toMatch(/^[A-Z2-7]{32}$/);
  });
});

describe('access tokens', () => {
  const tokens = new JwtTokenService(deriveKeys('unit-test-secret').tokenSigningKey);
  const issued = new Date('2026-11-28T10:00:00.000Z');
  const expires = new Date('2026-11-28T11:00:00.000Z');

  it('carry the session and user, and stop at expiry', async () => {
    const token = await tokens.sign({ sessionId: 's-1', userId: 'u-1' }, issued, expires);

    await expect(tokens.verify(token, new Date('2026-11-28T10:59:59.000Z'))).resolves.toEqual({
      sessionId: 's-1',
      userId: 'u-1',
    });
    await expect(tokens.verify(token, expires)).resolves.toBeNull();
  });

  it('are refused when signed with another key or tampered with', async () => {
    const other = new JwtTokenService(deriveKeys('another-secret').tokenSigningKey);
    const token = await other.sign({ sessionId: 's-1', userId: 'u-1' }, issued, expires);
    const [header, , signature] = token.split('.');
    const tampered = `${header}.${Buffer.from('{"sid":"x","sub":"y"}').toString('base64url')}.${signature}`;

    await expect(tokens.verify(token, issued)).resolves.toBeNull();
    await expect(other.verify(tampered, issued)).resolves.toBeNull();
    await expect(tokens.verify('garbage', issued)).resolves.toBeNull();
  });

  it('are standard JWTs: jose verifies them, and they verify what jose signs the same way', async () => {
    // Arrange
    const key = deriveKeys('unit-test-secret').tokenSigningKey;
    const ours = await tokens.sign({ sessionId: 's-1', userId: 'u-1' }, issued, expires);
    const joses = await new SignJWT({ sid: 's-2' })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject('u-2')
      .setIssuer('renewal-hub')
      .setAudience('renewal-hub-api')
      .setIssuedAt(Math.floor(issued.getTime() / 1000))
      .setExpirationTime(Math.floor(expires.getTime() / 1000))
      .sign(key);

    // Act
    const byJose = await jwtVerify(ours, key, {
      algorithms: ['HS256'],
      issuer: 'renewal-hub',
      audience: 'renewal-hub-api',
      currentDate: issued,
    });
    const byUs = await tokens.verify(joses, issued);

    // Assert
    expect(byJose.payload).toMatchObject({ sid: 's-1', sub: 'u-1' });
    expect(byJose.protectedHeader).toEqual({ alg: 'HS256', typ: 'JWT' });
    expect(byUs).toEqual({ sessionId: 's-2', userId: 'u-2' });
  });

  it('are refused with any other header, audience or issuer, or a non-canonical signature', async () => {
    // Arrange
    const key = deriveKeys('unit-test-secret').tokenSigningKey;
    const signed = (
      header: { alg: 'HS256' | 'HS512'; typ?: string },
      audience = 'renewal-hub-api',
      issuer = 'renewal-hub',
    ) =>
      new SignJWT({ sid: 's-1' })
        .setProtectedHeader(header)
        .setSubject('u-1')
        .setIssuer(issuer)
        .setAudience(audience)
        .setIssuedAt(Math.floor(issued.getTime() / 1000))
        .setExpirationTime(Math.floor(expires.getTime() / 1000))
        .sign(key);
    const good = await tokens.sign({ sessionId: 's-1', userId: 'u-1' }, issued, expires);
    const [header, body] = good.split('.');
    const unsigned = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${body}.`;

    // Act
    const verdicts = await Promise.all(
      [
        await signed({ alg: 'HS512', typ: 'JWT' }),
        await signed({ alg: 'HS256' }),
        await signed({ alg: 'HS256', typ: 'JWT' }, 'another-api'),
        await signed({ alg: 'HS256', typ: 'JWT' }, 'renewal-hub-api', 'someone-else'),
        unsigned,
        `${good}=`,
        `${good}.`,
        `${header}.${body}`,
      ].map((token) => tokens.verify(token, issued)),
    );

    // Assert
    expect(verdicts).toEqual(Array(8).fill(null));
    await expect(tokens.verify(good, issued)).resolves.not.toBeNull();
  });
});

describe('identity', () => {
  it('normalizes emails and derives one stable id per email', () => {
    expect(normalizeEmail('  Ann@Example.COM ')).toBe('ann@example.com');
    expect(userIdFor('Ann@Example.com')).toBe(userIdFor('ann@example.com'));
    expect(userIdFor('ann@example.com')).not.toBe(userIdFor('bob@example.com'));
    expect(userIdFor('ann@example.com')).toMatch(/^usr_[0-9a-f]{24}$/);
  });
});

describe('phone masking', () => {
  it.each([
    ['+48123456789', '+48*******89'],
    ['+14155550100', '+14*******00'],
    ['+4412', '*****'],
  ])('masks %s as %s', (phone, masked) => {
    expect(maskPhoneNumber(phone)).toBe(masked);
  });
});

describe('negotiateLocale', () => {
  it.each([
    [undefined, undefined, 'en'],
    [undefined, 'pl', 'pl'],
    ['pl', undefined, 'pl'],
    ['pl-PL,pl;q=0.9', 'en', 'pl'],
    ['en;q=0.5, pl;q=0.9', undefined, 'pl'],
    ['de, fr;q=0.8', 'pl', 'pl'],
    ['de, fr;q=0.8', undefined, 'en'],
    ['pl;q=0, en', undefined, 'en'],
    ['*', 'pl', 'pl'],
    [';;;,,q=', undefined, 'en'],
  ] as const)('Accept-Language %p with user locale %p gives %p', (header, user, expected) => {
    expect(negotiateLocale(header, user)).toBe(expected);
  });
});
