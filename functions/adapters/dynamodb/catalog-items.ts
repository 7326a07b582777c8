/**
 * Products, the price book and the offers as items of the single table: the one definition of these
 * item shapes (`DynamoCatalogStore` reads them, `DynamoCatalogImportStore` writes them).
 */
import type { Offer, Price, Product } from '../../domain/catalog';
import { Keys } from './table-definition';

export const productItem = (product: Product) => ({
  ...Keys.product(product.productCode),
  type: 'PRODUCT',
  productCode: product.productCode,
  name: product.name,
  renewableOnline: product.renewableOnline,
});

export const priceItem = (price: Price) => ({
  ...Keys.price(price.productCode, price.countryCode),
  type: 'PRICE',
  productCode: price.productCode,
  countryCode: price.countryCode,
  currency: price.currency,
  unitAmount: price.unitAmount,
});

/** Absent filters stay absent (they mean "every product/country"). */
export const offerItem = (offer: Offer) => ({
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
