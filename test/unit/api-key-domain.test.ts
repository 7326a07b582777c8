import { crc32 as zlibCrc32 } from 'node:zlib';
import {
  apiKeyIdOf,
  apiKeyUsable,
  crc32,
  hashApiKeySecret,
  lastUsedIsStale,
  looksLikeApiKey,
  newApiKeySecret,
  secretMatches,
} from '../../functions/domain/api-key';

describe('API key secrets', () => {
  it('start with rhk_ and name their key id, which a checksum protects', () => {
    // Arrange
    const { apiKeyId, secret } = newApiKeySecret();

    // Act
    const parsed = apiKeyIdOf(secret);

    // Assert
    expect(secret).toMatch(/^rhk_[0-9A-Za-z]{42}$/);
    expect(looksLikeApiKey(secret)).toBe(true);
    expect(parsed).toBe(apiKeyId);
  });

  it('refuse a mistyped, truncated or padded secret without any lookup', () => {
    // Arrange
    const { secret } = newApiKeySecret();
    const last = secret.at(-1) as string;
    const typo = `${secret.slice(0, 20)}${secret[20] === 'a' ? 'b' : 'a'}${secret.slice(21)}`;

    // Act
    const results = [
      typo,
      secret.slice(0, -1),
      `${secret}x`,
      `${secret.slice(0, -1)}${last === 'A' ? 'B' : 'A'}`,
      'rhk_',
    ].map(apiKeyIdOf);

    // Assert
    expect(results).toEqual([null, null, null, null, null]);
  });

  it('differ every time: 1000 secrets, 1000 ids', () => {
    // Act
    const ids = new Set(Array.from({ length: 1000 }, () => newApiKeySecret().apiKeyId));

    // Assert
    expect(ids.size).toBe(1000);
  });

  it('match only the secret they were issued with', () => {
    // Arrange
    const { secret } = newApiKeySecret();
    const other = newApiKeySecret().secret;
    const key = { secretHash: hashApiKeySecret(secret) };

    // Act / Assert
    expect(secretMatches(key, secret)).toBe(true);
    expect(secretMatches(key, other)).toBe(false);
  });
});

describe('API key lifetime', () => {
  const now = new Date('2026-12-02T12:00:00.000Z');

  it('is usable until revoked or expired', () => {
    expect(apiKeyUsable({ revokedAt: null, expiresAt: null }, now)).toBe(true);
    expect(apiKeyUsable({ revokedAt: null, expiresAt: '2026-12-02T12:00:01.000Z' }, now)).toBe(true);
    expect(apiKeyUsable({ revokedAt: null, expiresAt: '2026-12-02T12:00:00.000Z' }, now)).toBe(false);
    expect(apiKeyUsable({ revokedAt: '2026-12-01T00:00:00.000Z', expiresAt: null }, now)).toBe(false);
  });

  it('records its last use at most once a minute', () => {
    expect(lastUsedIsStale({ lastUsedAt: null }, now)).toBe(true);
    expect(lastUsedIsStale({ lastUsedAt: '2026-12-02T11:59:00.001Z' }, now)).toBe(false);
    expect(lastUsedIsStale({ lastUsedAt: '2026-12-02T11:59:00.000Z' }, now)).toBe(true);
  });
});

describe('crc32', () => {
  it("matches zlib's CRC-32 on the standard check value and on random secrets", () => {
    // Arrange
    const samples = [
      '123456789',
      '',
      'rhk_ąę',
      ...Array.from({ length: 50 }, () => newApiKeySecret().secret),
    ];

    // Act
    const ours = samples.map((text) => crc32(text));

    // Assert
    expect(crc32('123456789')).toBe(0xcbf43926);
    expect(ours).toEqual(samples.map((text) => zlibCrc32(text)));
  });
});
