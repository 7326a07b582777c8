import type { Offer, Price, Product } from '../domain/catalog';

export interface CatalogStore {
  getProduct(productCode: string): Promise<Product | null>;
  getPrice(productCode: string, countryCode: string): Promise<Price | null>;
  listOffers(): Promise<Offer[]>;
}

/** How a batch of catalogue records is written: how much at once, and progress as it goes. */
export interface CatalogBatchOptions {
  /** Batches of records written at the same time. */
  concurrency: number;
  /** Called each time some records are written, with how many (the import's progress). */
  onWritten?: (written: number) => void;
}

/**
 * The data-file import's writes to the catalogue: each call creates or replaces every record it is given
 * (by product code, product and country, offer id). Only the import writes the catalogue.
 */
export interface CatalogImportStore {
  putProducts(products: readonly Product[], options: CatalogBatchOptions): Promise<void>;
  putPrices(prices: readonly Price[], options: CatalogBatchOptions): Promise<void>;
  putOffers(offers: readonly Offer[], options: CatalogBatchOptions): Promise<void>;
}
