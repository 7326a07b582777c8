import type { Offer, Price, Product } from '../../functions/domain/catalog';
import type { CatalogStore } from '../../functions/ports/catalog';

/** A catalogue store and how to fill it (through its `CatalogImportStore`: only the import writes it). */
export interface CatalogSubject {
  store: CatalogStore;
  seed(catalog: { products: Product[]; prices: Price[]; offers: Offer[] }): Promise<void>;
}

/** What {@link CatalogStore} promises, for any implementation `make` returns; each `make` starts empty. */
export const describeCatalogStoreContract = (name: string, make: () => Promise<CatalogSubject>) => {
  describe(`CatalogStore contract: ${name}`, () => {
    const product: Product = {
      productCode: 'EPS-CLOUD',
      name: 'Endpoint Security Cloud',
      renewableOnline: true,
    };
    const price: Price = { productCode: 'EPS-CLOUD', countryCode: 'PL', currency: 'PLN', unitAmount: 12900 };
    const everywhere: Offer = {
      offerId: 'bf',
      name: 'Black Friday',
      percentOff: 20,
      startsAt: '2026-11-20T00:00:00.000Z',
      endsAt: '2026-12-01T00:00:00.000Z',
    };
    const narrow: Offer = {
      offerId: 'a-pl',
      name: 'Poland only',
      percentOff: 10,
      startsAt: '2026-11-20T00:00:00.000Z',
      endsAt: '2026-12-01T00:00:00.000Z',
      productCodes: ['EPS-CLOUD'],
      countryCodes: ['PL'],
    };
    let subject: CatalogSubject;
    beforeEach(async () => {
      subject = await make();
      await subject.seed({ products: [product], prices: [price], offers: [everywhere, narrow] });
    });

    it('returns a product and its price in a country', async () => {
      // Act
      const [found, priced] = await Promise.all([
        subject.store.getProduct('EPS-CLOUD'),
        subject.store.getPrice('EPS-CLOUD', 'PL'),
      ]);

      // Assert
      expect(found).toEqual(product);
      expect(priced).toEqual(price);
    });

    it('answers null for an unknown product and a country without a price', async () => {
      // Act
      const [found, priced] = await Promise.all([
        subject.store.getProduct('NOPE'),
        subject.store.getPrice('EPS-CLOUD', 'BR'),
      ]);

      // Assert
      expect(found).toBeNull();
      expect(priced).toBeNull();
    });

    it('lists every offer, by id, with absent filters left absent', async () => {
      // Act
      const offers = await subject.store.listOffers();

      // Assert
      expect(offers).toEqual([narrow, everywhere]);
      expect(offers[1]).not.toHaveProperty('productCodes');
    });
  });
};
