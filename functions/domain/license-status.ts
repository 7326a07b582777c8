/** How a license stands in time. Pure functions of its expiry and "now". */

const DAY_MS = 24 * 60 * 60 * 1000;

export const LicenseStatus = {
  ACTIVE: 'ACTIVE',
  /** Fewer than the renewal window's days remain (30 by default). */
  EXPIRING_SOON: 'EXPIRING_SOON',
  EXPIRED: 'EXPIRED',
} as const;
export type LicenseStatus = (typeof LicenseStatus)[keyof typeof LicenseStatus];

/** Whole days left until `expiresAt`, rounded down; 0 once expired. */
export const daysRemaining = (expiresAt: Date, now: Date): number =>
  Math.max(0, Math.floor((expiresAt.getTime() - now.getTime()) / DAY_MS));

/**
 * EXPIRED at and after the expiry instant; EXPIRING_SOON while strictly less than `windowDays` × 24 h
 * remain (exactly when `daysRemaining` is below `windowDays`); ACTIVE before.
 */
export const licenseStatus = (expiresAt: Date, now: Date, windowDays = 30): LicenseStatus => {
  const left = expiresAt.getTime() - now.getTime();
  if (left <= 0) return LicenseStatus.EXPIRED;
  return left < windowDays * DAY_MS ? LicenseStatus.EXPIRING_SOON : LicenseStatus.ACTIVE;
};

/** The instant the renewal window opens: `expiresAt` − `windowDays` × 24 h. */
export const renewalWindowOpensAt = (expiresAt: Date, windowDays = 30): Date =>
  new Date(expiresAt.getTime() - windowDays * DAY_MS);

/**
 * The expiry boundaries of each status at `now`, as half-open ranges [from, to) of `expiresAt`:
 * the list index keeps licenses ordered by expiry, so a status filter is a key range.
 */
export const expiryRangeOf = (
  status: LicenseStatus,
  now: Date,
  windowDays = 30,
): { from?: Date; to?: Date } => {
  const windowEnd = new Date(now.getTime() + windowDays * DAY_MS);
  switch (status) {
    case LicenseStatus.EXPIRED:
      return { to: new Date(now.getTime() + 1) };
    case LicenseStatus.EXPIRING_SOON:
      return { from: new Date(now.getTime() + 1), to: windowEnd };
    case LicenseStatus.ACTIVE:
      return { from: windowEnd };
  }
};
