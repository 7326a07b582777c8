/** Claims the access token carries. The session record behind `sid` is the source of truth. */
export interface AccessTokenClaims {
  sessionId: string;
  userId: string;
}

/** Signs and verifies access tokens. Verification never throws; it answers null. */
export interface TokenService {
  sign(claims: AccessTokenClaims, issuedAt: Date, expiresAt: Date): Promise<string>;
  verify(token: string, now: Date): Promise<AccessTokenClaims | null>;
}
