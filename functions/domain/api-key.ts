/**
 * API keys for integrators (PRODUCT.md §6). A secret reads `rhk_<id><random><checksum>`, in base62:
 * - `rhk_` lets secret scanners (and the API) recognise a key, as GitHub's `ghp_` does;
 * - the key id (12 characters) names the stored record, so authenticating is one read by id and a
 *   constant-time comparison of hashes;
 * - 24 random characters carry 142 bits from the CSPRNG;
 * - a CRC-32 of everything before it (6 characters) refuses a mistyped or truncated key with no read.
 * Only the secret's SHA-256 is stored: it is high-entropy, so a slow hash would add nothing.
 */
import { createHash, randomInt, timingSafeEqual } from 'node:crypto';
import type { Locale } from './locale';

export const API_KEY_PREFIX = 'rhk_';
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const ID_LENGTH = 12;
const RANDOM_LENGTH = 24;
const CHECKSUM_LENGTH = 6;
const SECRET_PATTERN = new RegExp(
  `^${API_KEY_PREFIX}[0-9A-Za-z]{${ID_LENGTH + RANDOM_LENGTH + CHECKSUM_LENGTH}}$`,
);

/** What a key may do. */
export const ApiKeyScope = {
  LICENSES_READ: 'licenses:read',
  CHECKOUTS_WRITE: 'checkouts:write',
  ACTIVATION_CODES_WRITE: 'activation-codes:write',
  WEBHOOKS_MANAGE: 'webhooks:manage',
} as const;
export type ApiKeyScope = (typeof ApiKeyScope)[keyof typeof ApiKeyScope];

/** A key as stored: never the secret, only its hash and last 4 characters. */
export interface ApiKey {
  apiKeyId: string;
  workspaceId: string;
  name: string;
  scopes: ApiKeyScope[];
  createdAt: string;
  /** The issuing administrator: checkouts the key starts are emailed to them. */
  createdByUserId: string;
  /** The issuer's email, as PRODUCT.md §6 shows it, and their language, for the emails. */
  createdBy: string;
  createdByLocale: Locale;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
  secretHash: string;
  hint: string;
}

/** CRC-32 (IEEE, as zlib's): computed here because loading `node:zlib` costs every bundle ~2 ms at cold start. */
const CRC_TABLE = Uint32Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

/** The CRC-32 of `text`'s UTF-8 bytes. */
export const crc32 = (text: string): number => {
  let c = 0xffffffff;
  for (const byte of Buffer.from(text, 'utf8')) c = (CRC_TABLE[(c ^ byte) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};

const randomBase62 = (length: number): string => {
  let text = '';
  for (let i = 0; i < length; i++) text += BASE62[randomInt(BASE62.length)];
  return text;
};

const base62Checksum = (text: string): string => {
  let value = crc32(text);
  let digits = '';
  for (let i = 0; i < CHECKSUM_LENGTH; i++) {
    digits = BASE62[value % 62] + digits;
    value = Math.floor(value / 62);
  }
  return digits;
};

export const hashApiKeySecret = (secret: string): string =>
  createHash('sha256').update(secret).digest('base64url');

/** A new key's id and secret. */
export const newApiKeySecret = (): { apiKeyId: string; secret: string } => {
  const apiKeyId = randomBase62(ID_LENGTH);
  const body = `${API_KEY_PREFIX}${apiKeyId}${randomBase62(RANDOM_LENGTH)}`;
  return { apiKeyId, secret: `${body}${base62Checksum(body)}` };
};

/** Whether a bearer credential is meant as an API key (it may still be malformed). */
export const looksLikeApiKey = (credential: string): boolean => credential.startsWith(API_KEY_PREFIX);

/** The key id of a well-formed secret whose checksum holds; null for anything else. */
export const apiKeyIdOf = (secret: string): string | null => {
  if (!SECRET_PATTERN.test(secret)) return null;
  const body = secret.slice(0, -CHECKSUM_LENGTH);
  if (base62Checksum(body) !== secret.slice(-CHECKSUM_LENGTH)) return null;
  return secret.slice(API_KEY_PREFIX.length, API_KEY_PREFIX.length + ID_LENGTH);
};

/** Whether `secret` is the one `key` was issued with: a constant-time comparison of the hashes. */
export const secretMatches = (key: Pick<ApiKey, 'secretHash'>, secret: string): boolean => {
  const given = Buffer.from(hashApiKeySecret(secret));
  const stored = Buffer.from(key.secretHash);
  return given.length === stored.length && timingSafeEqual(given, stored);
};

/** Whether the key may be used at `now`: not revoked, not expired. */
export const apiKeyUsable = (key: Pick<ApiKey, 'revokedAt' | 'expiresAt'>, now: Date): boolean =>
  key.revokedAt === null && (key.expiresAt === null || now < new Date(key.expiresAt));

/** `lastUsedAt` is written at most once a minute per key, so a busy key does not write on every call. */
export const LAST_USED_RESOLUTION_MS = 60_000;

export const lastUsedIsStale = (key: Pick<ApiKey, 'lastUsedAt'>, now: Date): boolean =>
  key.lastUsedAt === null || now.getTime() - new Date(key.lastUsedAt).getTime() >= LAST_USED_RESOLUTION_MS;

/** Requests each key may send: 100 per 10 s (fixed windows), inside API Gateway's stage throttling. */
export const API_KEY_RATE_LIMIT = { limit: 100, windowSeconds: 10 } as const;
