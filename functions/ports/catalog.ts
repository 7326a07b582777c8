import type { Offer, Price, Product } from '../domain/catalog';

export interface CatalogStore {
  getProduct(productCode: string): Promise<Product | null>;
  getPrice(productCode: string, countryCode: string): Promise<Price | null>;
  listOffers(): Promise<Offer[]>;
}
