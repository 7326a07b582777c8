import type { Locale } from './locale';

/** A signed-in session; the access token names it, and deleting it revokes the token at once. */
export interface Session {
  sessionId: string;
  userId: string;
  email: string;
  locale: Locale;
  createdAt: string;
  expiresAt: string;
}
