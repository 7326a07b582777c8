import type { Offer, Price, Product } from '../../functions/domain/catalog';
import type { CatalogBatchOptions, CatalogImportStore, CatalogStore } from '../../functions/ports/catalog';
import { copy, MemoryTables } from './memory-tables';

/** As the adapter's BatchWriteItem chunks: nothing written, nothing reported. */
const reportWritten = (written: number, options: CatalogBatchOptions) => {
  if (written > 0) options.onWritten?.(written);
};

/**
 * {@link CatalogStore} and {@link CatalogImportStore} in memory. Tests that store one record use
 * `add*`; the importer (and so the fixture loader) uses `put*`.
 */
export class FakeCatalogStore implements CatalogStore, CatalogImportStore {
  public constructor(private readonly tables = new MemoryTables()) {}

  public async getProduct(productCode: string): Promise<Product | null> {
    const product = this.tables.products.get(productCode);
    return product ? copy(product) : null;
  }

  public async getPrice(productCode: string, countryCode: string): Promise<Price | null> {
    const price = this.tables.prices.get(`${productCode}#${countryCode}`);
    return price ? copy(price) : null;
  }

  /** Offers by id, the order of the adapter's Query on `OFFER#<id>`. */
  public async listOffers(): Promise<Offer[]> {
    return [...this.tables.offers.values()]
      .sort((a, b) => (a.offerId < b.offerId ? -1 : a.offerId > b.offerId ? 1 : 0))
      .map(copy);
  }

  /** Creates or replaces a product (what the import's product items do). */
  public addProduct(product: Product): void {
    this.tables.products.set(product.productCode, copy(product));
  }

  /** Creates or replaces a price. */
  public addPrice(price: Price): void {
    this.tables.prices.set(`${price.productCode}#${price.countryCode}`, copy(price));
  }

  /** Creates or replaces an offer. */
  public addOffer(offer: Offer): void {
    this.tables.offers.set(offer.offerId, copy(offer));
  }

  public async putProducts(products: readonly Product[], options: CatalogBatchOptions): Promise<void> {
    for (const product of products) this.addProduct(product);
    reportWritten(products.length, options);
  }

  public async putPrices(prices: readonly Price[], options: CatalogBatchOptions): Promise<void> {
    for (const price of prices) this.addPrice(price);
    reportWritten(prices.length, options);
  }

  public async putOffers(offers: readonly Offer[], options: CatalogBatchOptions): Promise<void> {
    for (const offer of offers) this.addOffer(offer);
    reportWritten(offers.length, options);
  }
}
