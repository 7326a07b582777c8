/**
 * Products, the price book and the offers as items of the single table: the one definition of these
 * item shapes (users and workspaces are written by their stores in `adapters/dynamodb`).
 */
import { Keys } from '../adapters/dynamodb/table-definition';
import type { DataFileOffer, DataFilePrice, DataFileProduct } from './schema';

export const productItem = (product: DataFileProduct) => ({
  ...Keys.product(product.productCode),
  type: 'PRODUCT',
  productCode: product.productCode,
  name: product.name,
  renewableOnline: product.renewableOnline,
});

export const priceItem = (price: DataFilePrice) => ({
  ...Keys.price(price.productCode, price.countryCode),
  type: 'PRICE',
  productCode: price.productCode,
  countryCode: price.countryCode,
  currency: price.currency,
  unitAmount: price.unitAmount,
});

/** Absent filters stay absent (they mean "every product/country"). */
export const offerItem = (offer: DataFileOffer) => ({
  ...Keys.offer(offer.offerId),
  type: 'OFFER',
  offerId: offer.offerId,
  name: offer.name,
  percentOff: offer.percentOff,
  startsAt: offer.startsAt,
  endsAt: offer.endsAt,
  ...(offer.productCodes && { productCodes: offer.productCodes }),
  ...(offer.countryCodes && { countryCodes: offer.countryCodes }),
});
