/**
 * The renewal term (PRODUCT.md §1): a renewal extends from the later of the current expiry and the
 * payment, so renewing early loses none of the time that remained.
 */

const DAY_MS = 24 * 60 * 60 * 1000;

/** Adds calendar months in UTC; a day past the target month's end clamps to its last day. */
export const addMonthsUtc = (from: Date, months: number): Date => {
  const year = from.getUTCFullYear();
  const month = from.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return new Date(
    Date.UTC(
      year,
      month,
      Math.min(from.getUTCDate(), lastDay),
      from.getUTCHours(),
      from.getUTCMinutes(),
      from.getUTCSeconds(),
      from.getUTCMilliseconds(),
    ),
  );
};

/** The new expiry: max(current expiry, at) + termMonths. */
export const renewedExpiry = (expiresAt: Date, at: Date, termMonths: number): Date =>
  addMonthsUtc(expiresAt.getTime() > at.getTime() ? expiresAt : at, termMonths);

/** Whole days that remained at `at` and carry over: floor((expiresAt − at) / 24 h), 0 once expired. */
export const bonusDays = (expiresAt: Date, at: Date): number =>
  Math.max(0, Math.floor((expiresAt.getTime() - at.getTime()) / DAY_MS));

/** The term as a checkout shows it. */
export const renewalTerm = (expiresAt: Date, at: Date, termMonths: number) => ({
  months: termMonths,
  bonusDays: bonusDays(expiresAt, at),
  newExpiresAt: renewedExpiry(expiresAt, at, termMonths).toISOString(),
});
