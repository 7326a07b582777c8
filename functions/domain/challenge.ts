/** A sign-in waiting for its second factor. */
export interface Challenge {
  challengeId: string;
  email: string;
  userId: string;
  method: 'SMS' | 'TOTP';
  /** HMAC of the SMS code bound to this challenge; absent for TOTP. */
  codeHash?: string;
  /** When the challenge (and its current SMS code) stops working, ISO 8601. */
  expiresAt: string;
  wrongAttempts: number;
  resends: number;
  lastSentAt?: string;
}
