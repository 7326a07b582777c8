/**
 * Online renewal eligibility (PRODUCT.md §1): a table of rules, every one evaluated, so a license
 * that cannot be renewed online reports all its reasons at once, each with what the user can do.
 */
import type { Price, Product } from './catalog';
import type { LicenseRecord, LicenseRenewalState } from './license';
import { daysRemaining, renewalWindowOpensAt } from './license-status';

export const EligibilityReason = {
  NOT_IN_RENEWAL_WINDOW: 'NOT_IN_RENEWAL_WINDOW',
  PURCHASED_FROM_PARTNER: 'PURCHASED_FROM_PARTNER',
  LEGACY_LICENSE: 'LEGACY_LICENSE',
  PRODUCT_NOT_RENEWABLE_ONLINE: 'PRODUCT_NOT_RENEWABLE_ONLINE',
  WORKSPACE_COUNTRY_MISSING: 'WORKSPACE_COUNTRY_MISSING',
  COUNTRY_NOT_SUPPORTED: 'COUNTRY_NOT_SUPPORTED',
  RENEWAL_IN_PROGRESS: 'RENEWAL_IN_PROGRESS',
} as const;
export type EligibilityReason = (typeof EligibilityReason)[keyof typeof EligibilityReason];

export const NextStep = {
  WAIT_FOR_RENEWAL_WINDOW: 'WAIT_FOR_RENEWAL_WINDOW',
  CONTACT_PARTNER: 'CONTACT_PARTNER',
  UPGRADE_OR_DOWNGRADE: 'UPGRADE_OR_DOWNGRADE',
  CONTACT_SUPPORT: 'CONTACT_SUPPORT',
  WAIT_FOR_RENEWAL: 'WAIT_FOR_RENEWAL',
} as const;
export type NextStep = (typeof NextStep)[keyof typeof NextStep];

/** Everything the rules look at, gathered by the caller. */
export interface EligibilityFacts {
  licenseId: string;
  purchaseChannel: 'ONLINE_STORE' | 'PARTNER';
  purchasedAt: Date;
  expiresAt: Date;
  productRenewableOnline: boolean;
  workspaceCountryCode: string | null;
  /** Whether the price book prices this product in the workspace's country. */
  priceAvailable: boolean;
  /** Whether a checkout of this license is PAID (being fulfilled) or NEEDS_REVIEW. */
  renewalInProgress: boolean;
}

/** The facts of a license in a workspace of `workspaceCountryCode`, with its product and local price. */
export const eligibilityFactsOf = (
  license: LicenseRecord & Pick<LicenseRenewalState, 'renewalInProgress'>,
  workspaceCountryCode: string | null,
  product: Product | null,
  price: Price | null,
): EligibilityFacts => ({
  licenseId: license.licenseId,
  purchaseChannel: license.purchaseChannel,
  purchasedAt: new Date(license.purchasedAt),
  expiresAt: new Date(license.expiresAt),
  productRenewableOnline: product?.renewableOnline === true,
  workspaceCountryCode,
  priceAvailable: price !== null,
  renewalInProgress: license.renewalInProgress,
});

/** Configuration of the rules; PRODUCT.md gives the defaults. */
export interface EligibilityPolicy {
  windowDays: number;
  legacyCutoff: Date;
}

export const DEFAULT_ELIGIBILITY_POLICY: EligibilityPolicy = {
  windowDays: 30,
  legacyCutoff: new Date('2019-04-01T00:00:00.000Z'),
};

interface Rule {
  reason: EligibilityReason;
  nextStep: NextStep;
  /** True when the rule is satisfied. */
  holds(facts: EligibilityFacts, now: Date, policy: EligibilityPolicy): boolean;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** The rules, in the order reasons are reported. */
export const ELIGIBILITY_RULES: readonly Rule[] = [
  {
    reason: EligibilityReason.NOT_IN_RENEWAL_WINDOW,
    nextStep: NextStep.WAIT_FOR_RENEWAL_WINDOW,
    holds: (facts, now, policy) => facts.expiresAt.getTime() - now.getTime() < policy.windowDays * DAY_MS,
  },
  {
    reason: EligibilityReason.PURCHASED_FROM_PARTNER,
    nextStep: NextStep.CONTACT_PARTNER,
    holds: (facts) => facts.purchaseChannel === 'ONLINE_STORE',
  },
  {
    reason: EligibilityReason.LEGACY_LICENSE,
    nextStep: NextStep.UPGRADE_OR_DOWNGRADE,
    holds: (facts, _now, policy) => facts.purchasedAt.getTime() >= policy.legacyCutoff.getTime(),
  },
  {
    reason: EligibilityReason.PRODUCT_NOT_RENEWABLE_ONLINE,
    nextStep: NextStep.CONTACT_PARTNER,
    holds: (facts) => facts.productRenewableOnline,
  },
  {
    reason: EligibilityReason.WORKSPACE_COUNTRY_MISSING,
    nextStep: NextStep.CONTACT_SUPPORT,
    holds: (facts) => facts.workspaceCountryCode !== null,
  },
  {
    reason: EligibilityReason.COUNTRY_NOT_SUPPORTED,
    nextStep: NextStep.CONTACT_SUPPORT,
    // Only meaningful once there is a country; a missing one is reported by the rule above.
    holds: (facts) => facts.workspaceCountryCode === null || facts.priceAvailable,
  },
  {
    reason: EligibilityReason.RENEWAL_IN_PROGRESS,
    nextStep: NextStep.WAIT_FOR_RENEWAL,
    holds: (facts) => !facts.renewalInProgress,
  },
];

export interface EligibilityVerdict {
  licenseId: string;
  eligible: boolean;
  daysRemaining: number;
  renewalWindowOpensAt: string;
  reasons: EligibilityReason[];
  nextSteps: NextStep[];
}

/** Applies every rule; eligible exactly when no rule fails. */
export const evaluateEligibility = (
  facts: EligibilityFacts,
  now: Date,
  policy: EligibilityPolicy = DEFAULT_ELIGIBILITY_POLICY,
): EligibilityVerdict => {
  const failed = ELIGIBILITY_RULES.filter((rule) => !rule.holds(facts, now, policy));
  return {
    licenseId: facts.licenseId,
    eligible: failed.length === 0,
    daysRemaining: daysRemaining(facts.expiresAt, now),
    renewalWindowOpensAt: renewalWindowOpensAt(facts.expiresAt, policy.windowDays).toISOString(),
    reasons: failed.map((rule) => rule.reason),
    nextSteps: [...new Set(failed.map((rule) => rule.nextStep))],
  };
};
