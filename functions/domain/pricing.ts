/**
 * Prices (PRODUCT.md §1): the price book gives a unit amount per seat per term in the currency's minor
 * units; the best special offer that applies when the checkout is created takes a percentage off.
 */
import type { Offer, Price } from './catalog';

/** What a checkout charges, frozen when it is created. */
export interface Quote {
  amount: number;
  currency: string;
  countryCode: string;
  listAmount: number;
  offer: { offerId: string; name: string; percentOff: number; endsAt: string } | null;
}

/** Whether an offer applies to a product in a country at instant `at` (startsAt ≤ at < endsAt). */
export const offerApplies = (offer: Offer, productCode: string, countryCode: string, at: Date): boolean =>
  new Date(offer.startsAt).getTime() <= at.getTime() &&
  at.getTime() < new Date(offer.endsAt).getTime() &&
  (!offer.productCodes?.length || offer.productCodes.includes(productCode)) &&
  (!offer.countryCodes?.length || offer.countryCodes.includes(countryCode));

/** The best applicable offer: highest `percentOff`, ties to the earliest `endsAt`, then the offer id. */
export const bestOffer = (
  offers: readonly Offer[],
  productCode: string,
  countryCode: string,
  at: Date,
): Offer | null => {
  let best: Offer | null = null;
  for (const offer of offers) {
    if (!offerApplies(offer, productCode, countryCode, at)) continue;
    if (
      !best ||
      offer.percentOff > best.percentOff ||
      (offer.percentOff === best.percentOff &&
        (offer.endsAt < best.endsAt || (offer.endsAt === best.endsAt && offer.offerId < best.offerId)))
    ) {
      best = offer;
    }
  }
  return best;
};

/** round_half_up(amount × (100 − percentOff) / 100), exactly, in integer arithmetic. */
export const discounted = (listAmount: number, percentOff: number): number => {
  const numerator = BigInt(listAmount) * BigInt(100 - percentOff);
  return Number((numerator + 50n) / 100n);
};

/** The quote for `seats` seats of a product in a country at instant `at`. */
export const quote = (price: Price, seats: number, offers: readonly Offer[], at: Date): Quote => {
  const listAmount = price.unitAmount * seats;
  const offer = bestOffer(offers, price.productCode, price.countryCode, at);
  return {
    amount: offer ? discounted(listAmount, offer.percentOff) : listAmount,
    currency: price.currency,
    countryCode: price.countryCode,
    listAmount,
    offer: offer
      ? { offerId: offer.offerId, name: offer.name, percentOff: offer.percentOff, endsAt: offer.endsAt }
      : null,
  };
};

/** ISO 4217 currencies whose minor unit is not a hundredth. */
const NO_MINOR_UNIT = 'BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX UYI VND VUV XAF XOF XPF'.split(' ');
const THOUSANDTHS = 'BHD IQD JOD KWD LYD OMR TND'.split(' ');
const TEN_THOUSANDTHS = 'CLF UYW'.split(' ');

/** Digits after the decimal point in a currency's minor unit (JPY 0, EUR 2, KWD 3). */
export const currencyExponent = (currency: string): number => {
  if (NO_MINOR_UNIT.includes(currency)) return 0;
  if (THOUSANDTHS.includes(currency)) return 3;
  return TEN_THOUSANDTHS.includes(currency) ? 4 : 2;
};

/** An amount in minor units as a decimal string, e.g. 12900 PLN → "129.00". */
export const formatMinorUnits = (amount: number, currency: string): string => {
  const exponent = currencyExponent(currency);
  if (exponent === 0) return String(amount);
  const digits = String(Math.abs(amount)).padStart(exponent + 1, '0');
  return `${amount < 0 ? '-' : ''}${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`;
};
