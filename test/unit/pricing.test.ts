import fc from 'fast-check';
import type { Offer } from '../../functions/domain/catalog';
import {
  bestOffer,
  currencyExponent,
  discounted,
  formatMinorUnits,
  offerApplies,
  quote,
} from '../../functions/domain/pricing';
import { addMonthsUtc, bonusDays, renewalTerm, renewedExpiry } from '../../functions/domain/renewal-term';

const offer = (overrides: Partial<Offer> = {}): Offer => ({
  offerId: 'bf',
  name: 'Black Friday',
  percentOff: 20,
  startsAt: '2026-11-27T00:00:00.000Z',
  endsAt: '2026-12-01T00:00:00.000Z',
  ...overrides,
});
const at = new Date('2026-11-28T12:00:00.000Z');
const plPrice = { productCode: 'EPS-CLOUD', countryCode: 'PL', currency: 'PLN', unitAmount: 12900 };

describe('discounted', () => {
  it.each([
    [1000, 20, 800],
    [999, 50, 500], // 499.5 rounds half up
    [1, 50, 1], // 0.5 rounds up
    [3, 33, 2], // 2.01
    [129000, 15, 109650],
    [5, 100, 0],
    [Number.MAX_SAFE_INTEGER, 1, 8917127262193581], // exact, no float error
  ])('%i minus %i%% is %i', (list, percent, expected) => {
    expect(discounted(list, percent)).toBe(expected);
  });

  it('is never negative and never above the list amount', () => {
    fc.assert(
      fc.property(fc.nat(1e12), fc.integer({ min: 1, max: 100 }), (list, percent) => {
        const amount = discounted(list, percent);
        expect(amount).toBeGreaterThanOrEqual(0);
        expect(amount).toBeLessThanOrEqual(list);
        expect(Number.isInteger(amount)).toBe(true);
      }),
    );
  });
});

describe('offers', () => {
  it('apply from startsAt inclusive to endsAt exclusive, to the millisecond', () => {
    const o = offer();

    expect(offerApplies(o, 'EPS-CLOUD', 'PL', new Date('2026-11-26T23:59:59.999Z'))).toBe(false);
    expect(offerApplies(o, 'EPS-CLOUD', 'PL', new Date('2026-11-27T00:00:00.000Z'))).toBe(true);
    expect(offerApplies(o, 'EPS-CLOUD', 'PL', new Date('2026-11-30T23:59:59.999Z'))).toBe(true);
    expect(offerApplies(o, 'EPS-CLOUD', 'PL', new Date('2026-12-01T00:00:00.000Z'))).toBe(false);
  });

  it('honour product and country filters; absent filters match everything', () => {
    const filtered = offer({ productCodes: ['EPS-CLOUD'], countryCodes: ['PL'] });

    expect(offerApplies(filtered, 'EPS-CLOUD', 'PL', at)).toBe(true);
    expect(offerApplies(filtered, 'OTHER', 'PL', at)).toBe(false);
    expect(offerApplies(filtered, 'EPS-CLOUD', 'DE', at)).toBe(false);
    expect(offerApplies(offer(), 'ANY', 'ANY', at)).toBe(true);
  });

  it('pick the highest percentage, ties to the earliest end', () => {
    const offers = [
      offer({ offerId: 'a', percentOff: 10 }),
      offer({ offerId: 'b', percentOff: 25, endsAt: '2026-12-05T00:00:00.000Z' }),
      offer({ offerId: 'c', percentOff: 25, endsAt: '2026-11-30T00:00:00.000Z' }),
      offer({
        offerId: 'd',
        percentOff: 90,
        startsAt: '2026-12-02T00:00:00.000Z',
        endsAt: '2026-12-03T00:00:00.000Z',
      }),
    ];

    expect(bestOffer(offers, 'EPS-CLOUD', 'PL', at)?.offerId).toBe('c');
    expect(bestOffer([], 'EPS-CLOUD', 'PL', at)).toBeNull();
  });
});

describe('quote', () => {
  it('multiplies the unit amount by the seats and applies the best offer', () => {
    expect(quote(plPrice, 10, [offer({ productCodes: ['EPS-CLOUD'], countryCodes: ['PL'] })], at)).toEqual({
      amount: 103200,
      currency: 'PLN',
      countryCode: 'PL',
      listAmount: 129000,
      offer: { offerId: 'bf', name: 'Black Friday', percentOff: 20, endsAt: '2026-12-01T00:00:00.000Z' },
    });
  });

  it('charges the list amount without an offer', () => {
    expect(
      quote({ ...plPrice, currency: 'JPY', unitAmount: 4200, countryCode: 'JP' }, 3, [], at),
    ).toMatchObject({
      amount: 12600,
      listAmount: 12600,
      offer: null,
    });
  });
});

describe('currencies', () => {
  it.each([
    ['JPY', 0, 12600, '12600'],
    ['EUR', 2, 3500, '35.00'],
    ['PLN', 2, 5, '0.05'],
    ['KWD', 3, 12345, '12.345'],
  ])('%s has %i decimals: %i is %s', (currency, exponent, amount, text) => {
    expect(currencyExponent(currency)).toBe(exponent);
    expect(formatMinorUnits(amount, currency)).toBe(text);
  });
});

describe('renewal term', () => {
  it.each([
    ['2026-01-31T10:00:00.000Z', 1, '2026-02-28T10:00:00.000Z'],
    ['2028-01-31T10:00:00.000Z', 1, '2028-02-29T10:00:00.000Z'],
    ['2028-02-29T00:00:00.000Z', 12, '2029-02-28T00:00:00.000Z'],
    ['2026-03-31T23:59:59.999Z', 6, '2026-09-30T23:59:59.999Z'],
    ['2026-11-15T08:30:00.000Z', 12, '2027-11-15T08:30:00.000Z'],
    ['2026-12-31T00:00:00.000Z', 2, '2027-02-28T00:00:00.000Z'],
  ])('%s plus %i months is %s', (from, months, expected) => {
    expect(addMonthsUtc(new Date(from), months).toISOString()).toBe(expected);
  });

  it('extends from the current expiry when renewing early, keeping the days that remained', () => {
    const expiresAt = new Date('2026-12-10T00:00:00.000Z');
    const paidAt = new Date('2026-11-28T12:00:00.000Z');

    expect(renewalTerm(expiresAt, paidAt, 12)).toEqual({
      months: 12,
      bonusDays: 11,
      newExpiresAt: '2027-12-10T00:00:00.000Z',
    });
  });

  it('extends from the payment once expired, with no bonus days', () => {
    const expiresAt = new Date('2026-10-01T00:00:00.000Z');
    const paidAt = new Date('2026-11-28T12:00:00.000Z');

    expect(renewedExpiry(expiresAt, paidAt, 12).toISOString()).toBe('2027-11-28T12:00:00.000Z');
    expect(bonusDays(expiresAt, paidAt)).toBe(0);
  });

  it('never ends before the old expiry plus the term, nor before the payment plus the term', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }),
        fc.date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }),
        fc.integer({ min: 1, max: 36 }),
        (expiresAt, paidAt, months) => {
          const renewed = renewedExpiry(expiresAt, paidAt, months).getTime();
          const minimumDays = months * 28 * 24 * 3600 * 1000;
          expect(renewed).toBeGreaterThanOrEqual(expiresAt.getTime() + minimumDays);
          expect(renewed).toBeGreaterThanOrEqual(paidAt.getTime() + minimumDays);
        },
      ),
    );
  });
});
