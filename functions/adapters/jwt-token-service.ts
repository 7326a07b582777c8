import { createHmac, timingSafeEqual } from 'node:crypto';
import type { AccessTokenClaims, TokenService } from '../ports/tokens';

const ISSUER = 'renewal-hub';
const AUDIENCE = 'renewal-hub-api';

/**
 * The one header this service issues. A token is verified only if its header is exactly these bytes, so
 * no `alg` a token names (`none`, RS256 with our key as a public key, …) is ever honoured: the
 * algorithm-confusion attacks that general JWT verifiers must defend against cannot start.
 */
const HEADER = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');

interface Payload {
  readonly sid: string;
  readonly sub: string;
  readonly iss: string;
  readonly aud: string;
  readonly iat: number;
  readonly exp: number;
}

const isPayload = (value: unknown): value is Payload => {
  if (typeof value !== 'object' || value === null) return false;
  const claims = value as Record<string, unknown>;
  return (
    typeof claims.sid === 'string' &&
    typeof claims.sub === 'string' &&
    claims.iss === ISSUER &&
    claims.aud === AUDIENCE &&
    Number.isInteger(claims.iat) &&
    Number.isInteger(claims.exp)
  );
};

const epochSeconds = (date: Date): number => Math.floor(date.getTime() / 1000);

/**
 * Access tokens as HS256 JWTs (RFC 7519), signed and verified with node:crypto's HMAC. The service
 * verifies only the tokens it issues (one header, one key, fixed claims), which needs a few lines rather
 * than a general JWT library: jose was 17 KB of every handler's cold start. The tests check that jose
 * accepts these tokens and that these checks accept jose's, so the format stays standard.
 */
export class JwtTokenService implements TokenService {
  public constructor(private readonly key: Uint8Array) {}

  public async sign(claims: AccessTokenClaims, issuedAt: Date, expiresAt: Date): Promise<string> {
    const payload: Payload = {
      sid: claims.sessionId,
      sub: claims.userId,
      iss: ISSUER,
      aud: AUDIENCE,
      iat: epochSeconds(issuedAt),
      exp: epochSeconds(expiresAt),
    };
    const signingInput = `${HEADER}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}`;
    return `${signingInput}.${this.signatureOf(signingInput).toString('base64url')}`;
  }

  /** The token's claims, or null if it is malformed, not ours, tampered with or expired (at `exp` itself). */
  public async verify(token: string, now: Date): Promise<AccessTokenClaims | null> {
    const [header, body, signature, ...rest] = token.split('.');
    if (header !== HEADER || body === undefined || signature === undefined || rest.length > 0) return null;
    // Compared as text, so that only the canonical base64url of the signature is accepted.
    const expected = Buffer.from(this.signatureOf(`${header}.${body}`).toString('base64url'));
    const given = Buffer.from(signature);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    let payload: unknown;
    try {
      payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    } catch {
      return null;
    }
    if (!isPayload(payload) || epochSeconds(now) >= payload.exp) return null;
    return { sessionId: payload.sid, userId: payload.sub };
  }

  private signatureOf(signingInput: string): Buffer {
    return createHmac('sha256', this.key).update(signingInput).digest();
  }
}
