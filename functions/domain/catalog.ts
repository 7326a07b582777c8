/** A product of the catalogue. */
export interface Product {
  productCode: string;
  name: string;
  renewableOnline: boolean;
}

/** The price book's entry for a product in a country: per seat per term, in minor units. */
export interface Price {
  productCode: string;
  countryCode: string;
  currency: string;
  unitAmount: number;
}

/** A special offer; absent filters mean every product / every country. */
export interface Offer {
  offerId: string;
  name: string;
  percentOff: number;
  startsAt: string;
  endsAt: string;
  productCodes?: string[];
  countryCodes?: string[];
}
