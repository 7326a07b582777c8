import { jwtVerify, SignJWT } from 'jose';
import type { AccessTokenClaims, TokenService } from '../ports/tokens';

const ISSUER = 'renewal-hub';
const AUDIENCE = 'renewal-hub-api';

/** Access tokens as HS256 JWTs (jose). */
export class JwtTokenService implements TokenService {
  public constructor(private readonly key: Uint8Array) {}

  public async sign(claims: AccessTokenClaims, issuedAt: Date, expiresAt: Date): Promise<string> {
    return new SignJWT({ sid: claims.sessionId })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(claims.userId)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt(Math.floor(issuedAt.getTime() / 1000))
      .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
      .sign(this.key);
  }

  public async verify(token: string, now: Date): Promise<AccessTokenClaims | null> {
    try {
      const { payload } = await jwtVerify(token, this.key, {
        algorithms: ['HS256'],
        issuer: ISSUER,
        audience: AUDIENCE,
        currentDate: now,
        requiredClaims: ['sub', 'exp', 'sid'],
      });
      if (typeof payload.sid !== 'string' || typeof payload.sub !== 'string') return null;
      return { sessionId: payload.sid, userId: payload.sub };
    } catch {
      return null;
    }
  }
}
