import { CheckoutStatus } from '../../functions/domain/checkout';
import type { CheckoutStore } from '../../functions/ports/checkouts';
import type { LicenseImportStore, LicenseStore } from '../../functions/ports/licenses';
import { contractCheckout, contractLicense } from './checkout-fixtures';

/** A checkout store and the license store whose licenses point at their open checkout. */
export interface CheckoutSubject {
  checkouts: CheckoutStore;
  licenses: LicenseStore & LicenseImportStore;
}

/** What {@link CheckoutStore} promises, for any implementation `make` returns. */
export const describeCheckoutStoreContract = (name: string, make: () => Promise<CheckoutSubject>) => {
  describe(`CheckoutStore contract: ${name}`, () => {
    let checkouts: CheckoutStore;
    let licenses: LicenseStore & LicenseImportStore;
    const givenLicense = async () => {
      const license = contractLicense();
      await licenses.put(license, null);
      return license;
    };
    beforeEach(async () => {
      ({ checkouts, licenses } = await make());
    });

    it('stores a checkout and makes it the license’s open one', async () => {
      // Arrange
      const license = await givenLicense();
      const checkout = contractCheckout(license);

      // Act
      const created = await checkouts.create(checkout, null);

      // Assert
      expect(created).toBe(true);
      expect(await checkouts.get(checkout.checkoutId)).toEqual(checkout);
      expect((await licenses.get(license.licenseId))?.openCheckoutId).toBe(checkout.checkoutId);
      expect(await checkouts.get('no-such-checkout')).toBeNull();
    });

    it('supersedes the previous open checkout', async () => {
      // Arrange
      const license = await givenLicense();
      const first = contractCheckout(license);
      await checkouts.create(first, null);
      const second = contractCheckout(license);

      // Act
      const created = await checkouts.create(second, first.checkoutId);

      // Assert
      expect(created).toBe(true);
      expect(await checkouts.get(first.checkoutId)).toEqual({
        ...first,
        status: CheckoutStatus.EXPIRED,
        supersededBy: second.checkoutId,
        statusReason: 'SUPERSEDED',
      });
      expect((await licenses.get(license.licenseId))?.openCheckoutId).toBe(second.checkoutId);
    });

    it('answers false when the license’s open checkout is not the one read', async () => {
      // Arrange
      const license = await givenLicense();
      const first = contractCheckout(license);
      await checkouts.create(first, null);
      const racing = contractCheckout(license);
      const stale = contractCheckout(license);

      // Act
      const fromNothing = await checkouts.create(racing, null);
      const fromWrong = await checkouts.create(stale, 'co-somebody-else');

      // Assert
      expect([fromNothing, fromWrong]).toEqual([false, false]);
      expect(await checkouts.get(racing.checkoutId)).toBeNull();
      expect(await checkouts.get(stale.checkoutId)).toBeNull();
      expect((await checkouts.get(first.checkoutId))?.status).toBe(CheckoutStatus.OPEN);
    });

    it('lets only one of two concurrent checkouts of a license win', async () => {
      // Arrange
      const license = await givenLicense();
      const [a, b] = [contractCheckout(license), contractCheckout(license)];

      // Act
      const answers = await Promise.all([checkouts.create(a, null), checkouts.create(b, null)]);

      // Assert
      expect(answers.filter(Boolean)).toHaveLength(1);
    });

    it('answers false for a license that does not exist', async () => {
      // Arrange
      const checkout = contractCheckout(contractLicense());

      // Act
      const created = await checkouts.create(checkout, null);

      // Assert
      expect(created).toBe(false);
      expect(await checkouts.get(checkout.checkoutId)).toBeNull();
    });

    it('forgets the open checkout when the license is put again (a re-import replaces it whole)', async () => {
      // Arrange
      const license = await givenLicense();
      await checkouts.create(contractCheckout(license), null);

      // Act
      await licenses.put(license, null);

      // Assert
      expect((await licenses.get(license.licenseId))?.openCheckoutId).toBeNull();
    });
  });
};
