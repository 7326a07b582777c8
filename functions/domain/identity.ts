import { createHash } from 'node:crypto';

/** Emails compare case-insensitively and without surrounding spaces. */
export const normalizeEmail = (email: string): string => email.trim().toLowerCase();

/**
 * A user's stable id, derived from the normalized email so that importing the same file twice yields
 * the same ids (and the same memberships) without a lookup.
 */
export const userIdFor = (email: string): string =>
  `usr_${createHash('sha256')
    .update(`renewal-hub:user:${normalizeEmail(email)}`)
    .digest('hex')
    .slice(0, 24)}`;
