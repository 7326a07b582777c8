import { generateActivationCode } from '../../functions/domain/activation-code';
import { type Checkout, CheckoutStatus } from '../../functions/domain/checkout';
import type { NewLicense } from '../../functions/domain/license';
import { uniqueId } from './ids';

/** An unattached-channel license of a fixed shape, with a fresh id and code, for the contract suites. */
export const contractLicense = (changes: Partial<NewLicense> = {}): NewLicense => ({
  licenseId: uniqueId('lic'),
  workspaceId: uniqueId('ws'),
  productCode: 'EPS-CLOUD',
  seats: 10,
  termMonths: 12,
  purchaseChannel: 'ONLINE_STORE',
  purchasedAt: '2026-01-01T00:00:00.000Z',
  startsAt: '2026-01-01T00:00:00.000Z',
  expiresAt: '2027-01-01T00:00:00.000Z',
  activationCode: generateActivationCode(),
  ...changes,
});

/** An OPEN checkout of a license, with a fresh id. */
export const contractCheckout = (license: NewLicense, changes: Partial<Checkout> = {}): Checkout => ({
  checkoutId: uniqueId('co'),
  licenseId: license.licenseId,
  workspaceId: license.workspaceId ?? 'ws',
  userId: 'usr_ann',
  email: 'ann@example.com',
  locale: 'en',
  productCode: license.productCode,
  productName: 'Endpoint Security Cloud',
  seats: license.seats,
  status: CheckoutStatus.OPEN,
  price: { amount: 103200, currency: 'PLN', countryCode: 'PL', listAmount: 129000, offer: null },
  term: { months: 12, bonusDays: 3, newExpiresAt: '2028-01-04T00:00:00.000Z' },
  createdAt: '2026-12-20T10:00:00.000Z',
  expiresAt: '2026-12-20T11:00:00.000Z',
  ...changes,
});
