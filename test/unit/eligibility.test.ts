import fc from 'fast-check';
import {
  DEFAULT_ELIGIBILITY_POLICY,
  type EligibilityFacts,
  EligibilityReason,
  evaluateEligibility,
} from '../../functions/domain/eligibility';
import { describeEligibility } from '../../functions/domain/eligibility-messages';
import { daysRemaining, expiryRangeOf, licenseStatus } from '../../functions/domain/license-status';

const DAY = 24 * 3600 * 1000;
const now = new Date('2026-11-28T12:00:00.000Z');

/** A license that passes every rule; each test breaks what it is about. */
const eligible = (overrides: Partial<EligibilityFacts> = {}): EligibilityFacts => ({
  licenseId: 'lic-1',
  purchaseChannel: 'ONLINE_STORE',
  purchasedAt: new Date('2025-12-01T00:00:00.000Z'),
  expiresAt: new Date(now.getTime() + 10 * DAY),
  productRenewableOnline: true,
  workspaceCountryCode: 'PL',
  priceAvailable: true,
  renewalInProgress: false,
  ...overrides,
});

describe('evaluateEligibility', () => {
  it('finds a license that passes every rule eligible, with no reasons', () => {
    const verdict = evaluateEligibility(eligible(), now);

    expect(verdict).toEqual({
      licenseId: 'lic-1',
      eligible: true,
      daysRemaining: 10,
      renewalWindowOpensAt: '2026-11-08T12:00:00.000Z',
      reasons: [],
      nextSteps: [],
    });
  });

  it.each([
    [{ expiresAt: new Date(now.getTime() + 45 * DAY) }, 'NOT_IN_RENEWAL_WINDOW', 'WAIT_FOR_RENEWAL_WINDOW'],
    [{ purchaseChannel: 'PARTNER' as const }, 'PURCHASED_FROM_PARTNER', 'CONTACT_PARTNER'],
    [{ purchasedAt: new Date('2018-11-15T00:00:00.000Z') }, 'LEGACY_LICENSE', 'UPGRADE_OR_DOWNGRADE'],
    [{ productRenewableOnline: false }, 'PRODUCT_NOT_RENEWABLE_ONLINE', 'CONTACT_PARTNER'],
    [{ workspaceCountryCode: null, priceAvailable: false }, 'WORKSPACE_COUNTRY_MISSING', 'CONTACT_SUPPORT'],
    [{ priceAvailable: false }, 'COUNTRY_NOT_SUPPORTED', 'CONTACT_SUPPORT'],
    [{ renewalInProgress: true }, 'RENEWAL_IN_PROGRESS', 'WAIT_FOR_RENEWAL'],
  ])('reports %o as %s, with next step %s', (overrides, reason, nextStep) => {
    const verdict = evaluateEligibility(eligible(overrides), now);

    expect(verdict.eligible).toBe(false);
    expect(verdict.reasons).toEqual([reason]);
    expect(verdict.nextSteps).toEqual([nextStep]);
  });

  it('reports every failing rule at once, next steps without repeats', () => {
    const verdict = evaluateEligibility(
      eligible({
        expiresAt: new Date(now.getTime() + 200 * DAY),
        purchaseChannel: 'PARTNER',
        purchasedAt: new Date('2018-01-01T00:00:00.000Z'),
        productRenewableOnline: false,
        workspaceCountryCode: null,
        priceAvailable: false,
      }),
      now,
    );

    expect(verdict.reasons).toEqual([
      'NOT_IN_RENEWAL_WINDOW',
      'PURCHASED_FROM_PARTNER',
      'LEGACY_LICENSE',
      'PRODUCT_NOT_RENEWABLE_ONLINE',
      'WORKSPACE_COUNTRY_MISSING',
    ]);
    expect(verdict.nextSteps).toEqual([
      'WAIT_FOR_RENEWAL_WINDOW',
      'CONTACT_PARTNER',
      'UPGRADE_OR_DOWNGRADE',
      'CONTACT_SUPPORT',
    ]);
  });

  describe('the renewal window, to the second', () => {
    it.each([
      [30 * DAY + 1000, false, 30],
      [30 * DAY, false, 30],
      [30 * DAY - 1000, true, 29],
      [1000, true, 0],
      [0, true, 0],
      [-400 * DAY, true, 0],
    ])('with %i ms left: in window %p, %i days remaining', (left, inWindow, days) => {
      const verdict = evaluateEligibility(eligible({ expiresAt: new Date(now.getTime() + left) }), now);

      expect(verdict.reasons.includes(EligibilityReason.NOT_IN_RENEWAL_WINDOW)).toBe(!inWindow);
      expect(verdict.daysRemaining).toBe(days);
    });

    it('opens strictly after expiresAt − 30 days', () => {
      const expiresAt = new Date('2027-03-01T00:00:00.000Z');
      const opensAt = new Date('2027-01-30T00:00:00.000Z');

      expect(evaluateEligibility(eligible({ expiresAt }), opensAt).eligible).toBe(false);
      expect(evaluateEligibility(eligible({ expiresAt }), new Date(opensAt.getTime() + 1)).eligible).toBe(
        true,
      );
      expect(evaluateEligibility(eligible({ expiresAt }), opensAt).renewalWindowOpensAt).toBe(
        '2027-01-30T00:00:00.000Z',
      );
    });

    it('counts 24-hour days across a leap day', () => {
      const expiresAt = new Date('2028-03-01T00:00:00.000Z');

      expect(evaluateEligibility(eligible({ expiresAt }), expiresAt).renewalWindowOpensAt).toBe(
        '2028-01-31T00:00:00.000Z',
      );
      expect(daysRemaining(expiresAt, new Date('2028-02-28T00:00:00.000Z'))).toBe(2);
    });

    it('follows a configured window length', () => {
      const policy = { ...DEFAULT_ELIGIBILITY_POLICY, windowDays: 60 };

      const verdict = evaluateEligibility(
        eligible({ expiresAt: new Date(now.getTime() + 45 * DAY) }),
        now,
        policy,
      );

      expect(verdict.eligible).toBe(true);
    });
  });

  describe('the legacy cut-off, to the millisecond', () => {
    it.each([
      ['2019-03-31T23:59:59.999Z', true],
      ['2019-04-01T00:00:00.000Z', false],
      ['2019-04-01T00:00:00.001Z', false],
    ])('purchased %s: legacy %p', (purchasedAt, legacy) => {
      const verdict = evaluateEligibility(eligible({ purchasedAt: new Date(purchasedAt) }), now);

      expect(verdict.reasons.includes(EligibilityReason.LEGACY_LICENSE)).toBe(legacy);
    });
  });

  describe('properties', () => {
    const facts = fc.record({
      licenseId: fc.constant('lic'),
      purchaseChannel: fc.constantFrom('ONLINE_STORE' as const, 'PARTNER' as const),
      purchasedAt: fc.date({ min: new Date('2015-01-01'), max: new Date('2026-01-01'), noInvalidDate: true }),
      expiresAt: fc.date({ min: new Date('2024-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }),
      productRenewableOnline: fc.boolean(),
      workspaceCountryCode: fc.option(fc.constantFrom('PL', 'DE'), { nil: null }),
      priceAvailable: fc.boolean(),
      renewalInProgress: fc.boolean(),
    });

    it('is eligible exactly when there are no reasons, and has a next step for every reason', () => {
      fc.assert(
        fc.property(facts, (f) => {
          const verdict = evaluateEligibility(f, now);
          expect(verdict.eligible).toBe(verdict.reasons.length === 0);
          expect(verdict.nextSteps.length > 0).toBe(verdict.reasons.length > 0);
        }),
      );
    });

    it('decides the window rule from the time remaining alone', () => {
      fc.assert(
        fc.property(facts, facts, fc.integer({ min: -100 * DAY, max: 100 * DAY }), (a, b, left) => {
          const at = (f: EligibilityFacts) =>
            evaluateEligibility({ ...f, expiresAt: new Date(now.getTime() + left) }, now).reasons.includes(
              EligibilityReason.NOT_IN_RENEWAL_WINDOW,
            );
          expect(at(a)).toBe(at(b));
          expect(at(a)).toBe(left >= 30 * DAY);
        }),
      );
    });

    it('agrees with the license status: in the window exactly when not ACTIVE', () => {
      fc.assert(
        fc.property(fc.integer({ min: -100 * DAY, max: 100 * DAY }), (left) => {
          const expiresAt = new Date(now.getTime() + left);
          const inWindow = !evaluateEligibility(eligible({ expiresAt }), now).reasons.includes(
            EligibilityReason.NOT_IN_RENEWAL_WINDOW,
          );
          expect(inWindow).toBe(licenseStatus(expiresAt, now) !== 'ACTIVE');
          expect(inWindow).toBe(daysRemaining(expiresAt, now) < 30);
        }),
      );
    });
  });
});

describe('licenseStatus and expiryRangeOf', () => {
  it.each([
    [-1, 'EXPIRED'],
    [0, 'EXPIRED'],
    [1, 'EXPIRING_SOON'],
    [30 * DAY - 1, 'EXPIRING_SOON'],
    [30 * DAY, 'ACTIVE'],
  ])('%i ms left is %s', (left, status) => {
    expect(licenseStatus(new Date(now.getTime() + left), now)).toBe(status);
  });

  it('gives each status the expiry range that holds exactly its licenses', () => {
    fc.assert(
      fc.property(fc.integer({ min: -100 * DAY, max: 100 * DAY }), (left) => {
        const expiresAt = new Date(now.getTime() + left);
        const status = licenseStatus(expiresAt, now);
        for (const candidate of ['ACTIVE', 'EXPIRING_SOON', 'EXPIRED'] as const) {
          const { from, to } = expiryRangeOf(candidate, now);
          const inRange = (!from || expiresAt >= from) && (!to || expiresAt < to);
          expect(inRange).toBe(candidate === status);
        }
      }),
    );
  });
});

describe('describeEligibility', () => {
  it('words every reason in English and Polish', () => {
    const verdict = evaluateEligibility(
      eligible({
        expiresAt: new Date(now.getTime() + 45 * DAY),
        purchaseChannel: 'PARTNER',
        purchasedAt: new Date('2018-01-01T00:00:00.000Z'),
        productRenewableOnline: false,
        priceAvailable: false,
        renewalInProgress: true,
      }),
      now,
    );

    const en = describeEligibility(verdict, 'en', 30);
    const pl = describeEligibility(verdict, 'pl', 30);

    expect(en.reasons[0]).toEqual({
      code: 'NOT_IN_RENEWAL_WINDOW',
      message: 'Online renewal opens 30 days before the license expires, on 2026-12-13. Come back then.',
    });
    expect(pl.reasons.map((r) => r.code)).toEqual(en.reasons.map((r) => r.code));
    for (const [index, reason] of pl.reasons.entries()) {
      expect(reason.message).not.toBe(en.reasons[index]?.message);
      expect(reason.message.length).toBeGreaterThan(20);
    }
  });
});
