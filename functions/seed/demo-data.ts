/**
 * The bundled demo data for `npm start`: three accounts (no 2FA, SMS, TOTP), workspaces in several
 * countries, and a license for every case of the online-renewal rules. Dates are relative to `now`, so
 * the demo never goes stale.
 */
import { createHash } from 'node:crypto';
import { ACTIVATION_CODE_ALPHABET } from '../domain/activation-code';
import { addMonthsUtc } from '../domain/renewal-term';
import { type DataFile, type DataFileInput, parseDataFile } from './schema';

/** The demo sign-ins, for the start banner, the README and tests. */
export const DemoAccounts = {
  noMfa: { email: 'admin@demo.example', password: 'demo-password-1', locale: 'en', method: 'NONE' },
  sms: {
    email: 'sms@demo.example',
    password: 'demo-password-2',
    locale: 'pl',
    method: 'SMS',
    phoneNumber: '+48123456789',
  },
  totp: {
    email: 'totp@demo.example',
    password: 'demo-password-3',
    locale: 'en',
    method: 'TOTP',
    secret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
  },
} as const;

/**
 * One license per case of PRODUCT.md §1's eligibility rules, with the reasons it is refused (none when it
 * may be renewed). All of them are administered by `DemoAccounts.noMfa`.
 */
export const DemoLicenses = {
  /** 12 days left, PL: Black Friday applies. */
  eligible: { licenseId: 'lic-eligible-pl', reasons: [] },
  /** 20 days left, priced in JPY (no minor unit). */
  eligibleInJapan: { licenseId: 'lic-eligible-jp', reasons: [] },
  /** 29 days left: just inside the window. */
  windowJustOpened: { licenseId: 'lic-window-29d', reasons: [] },
  /** Expired 5 days ago: still renewable. */
  expired: { licenseId: 'lic-expired-de', reasons: [] },
  /** 30 days left: the window opens within 12 hours. */
  windowOpensSoon: { licenseId: 'lic-window-30d', reasons: ['NOT_IN_RENEWAL_WINDOW'] },
  notInWindow: { licenseId: 'lic-not-in-window', reasons: ['NOT_IN_RENEWAL_WINDOW'] },
  partner: { licenseId: 'lic-partner-de', reasons: ['PURCHASED_FROM_PARTNER'] },
  /** Purchased 2018-11-15, before version 8.0. */
  legacy: { licenseId: 'lic-legacy-pl', reasons: ['LEGACY_LICENSE'] },
  notRenewableOnline: { licenseId: 'lic-onprem-pl', reasons: ['PRODUCT_NOT_RENEWABLE_ONLINE'] },
  noCountry: { licenseId: 'lic-no-country', reasons: ['WORKSPACE_COUNTRY_MISSING'] },
  /** Brazil has no price for any product. */
  noPrice: { licenseId: 'lic-no-price-br', reasons: ['COUNTRY_NOT_SUPPORTED'] },
  severalFailures: {
    licenseId: 'lic-several-br',
    reasons: [
      'NOT_IN_RENEWAL_WINDOW',
      'PURCHASED_FROM_PARTNER',
      'LEGACY_LICENSE',
      'PRODUCT_NOT_RENEWABLE_ONLINE',
      'COUNTRY_NOT_SUPPORTED',
    ],
  },
} as const;

/**
 * Licenses of Acme (an English- and a Polish-speaking admin) that passed a reminder milestone half a day
 * before the demo starts (PRODUCT.md §8): `POST /_local/reminders/run` reminds of each, once, in both
 * languages (with lic-window-29d at the 30-day one, and lic-wien-at at 7 days for the TOTP admin).
 */
export const DemoReminderLicenses = {
  oneWeek: 'lic-reminder-7d',
  oneDay: 'lic-reminder-1d',
  expired: 'lic-reminder-expired',
} as const;

const DAY_MS = 24 * 3600 * 1000;
/** The demo's licenses run out at midday relative to `now`, so day counts hold for 12 hours of demo. */
const HALF_DAY_MS = DAY_MS / 2;

/**
 * A fixed activation code derived from the license id (not random), so the README can quote it. Modulo
 * bias does not matter for demo codes.
 */
const demoActivationCode = (licenseId: string): string => {
  const bytes = createHash('sha256').update(`renewal-hub:demo:${licenseId}`).digest().subarray(0, 20);
  const code = [...bytes]
    .map((byte) => ACTIVATION_CODE_ALPHABET[byte % ACTIVATION_CODE_ALPHABET.length])
    .join('');
  return code.match(/.{5}/g)?.join('-') ?? code;
};

/** Partner licenses that belong to no workspace yet: entering one of these codes attaches it. */
export const DemoPartnerCodes = ['lic-partner-unattached-1', 'lic-partner-unattached-2'].map((licenseId) => ({
  licenseId,
  activationCode: demoActivationCode(licenseId),
}));

const Workspace = {
  PL: 'ws-acme-pl',
  DE: 'ws-berlin-de',
  AT: 'ws-wien-at',
  JP: 'ws-tokyo-jp',
  NONE: 'ws-nomad',
  BR: 'ws-rio-br',
} as const;

const Product = { CLOUD: 'EPS-CLOUD', PRO: 'EPS-CLOUD-PRO', ON_PREM: 'EPS-ONPREM' } as const;

interface LicenseSpec {
  licenseId: string;
  workspaceId: string | null;
  productCode: string;
  seats: number;
  termMonths: number;
  purchaseChannel: 'ONLINE_STORE' | 'PARTNER';
  /** Whole days left until expiry (negative: expired that many days ago). */
  daysLeft: number;
  /** Defaults to three days before the term started. */
  purchasedAt?: string;
}

type LicenseInput = NonNullable<DataFileInput['licenses']>[number];

const licenseFrom = (now: Date, spec: LicenseSpec): LicenseInput => {
  const { daysLeft, purchasedAt, ...rest } = spec;
  const expiresAt = new Date(now.getTime() + daysLeft * DAY_MS + HALF_DAY_MS);
  const startsAt = addMonthsUtc(expiresAt, -spec.termMonths);
  return {
    ...rest,
    purchasedAt: purchasedAt ?? new Date(startsAt.getTime() - 3 * DAY_MS).toISOString(),
    startsAt: startsAt.toISOString(),
    expiresAt: expiresAt.toISOString(),
    activationCode: demoActivationCode(spec.licenseId),
  };
};

const FLEET_WORKSPACES = [Workspace.PL, Workspace.DE, Workspace.JP];

/** A fleet of ordinary licenses, so the admin's list has more than one page. */
const fleet = (count: number): LicenseSpec[] =>
  Array.from({ length: count }, (_, i) => ({
    licenseId: `lic-fleet-${String(i + 1).padStart(2, '0')}`,
    workspaceId: FLEET_WORKSPACES[i % FLEET_WORKSPACES.length] as string,
    productCode: i % 4 === 3 ? Product.PRO : Product.CLOUD,
    seats: 5 + ((i * 7) % 50),
    termMonths: i % 5 === 4 ? 24 : 12,
    purchaseChannel: 'ONLINE_STORE',
    // Spread over expired, in-window and months ahead.
    daysLeft: ((i * 37) % 420) - 30,
  }));

const specialCases = (): LicenseSpec[] => {
  const base = { seats: 10, termMonths: 12, purchaseChannel: 'ONLINE_STORE' } as const;
  const cloudIn = (workspaceId: string) => ({ ...base, workspaceId, productCode: Product.CLOUD });
  return [
    { ...cloudIn(Workspace.PL), licenseId: DemoLicenses.eligible.licenseId, seats: 25, daysLeft: 12 },
    { ...cloudIn(Workspace.JP), licenseId: DemoLicenses.eligibleInJapan.licenseId, seats: 7, daysLeft: 20 },
    { ...cloudIn(Workspace.PL), licenseId: DemoLicenses.windowJustOpened.licenseId, daysLeft: 29 },
    {
      ...cloudIn(Workspace.DE),
      licenseId: DemoLicenses.expired.licenseId,
      productCode: Product.PRO,
      daysLeft: -5,
    },
    { ...cloudIn(Workspace.PL), licenseId: DemoLicenses.windowOpensSoon.licenseId, daysLeft: 30 },
    { ...cloudIn(Workspace.PL), licenseId: DemoLicenses.notInWindow.licenseId, daysLeft: 45 },
    {
      ...cloudIn(Workspace.DE),
      licenseId: DemoLicenses.partner.licenseId,
      purchaseChannel: 'PARTNER',
      daysLeft: 10,
    },
    {
      ...cloudIn(Workspace.PL),
      licenseId: DemoLicenses.legacy.licenseId,
      purchasedAt: '2018-11-15T10:00:00.000Z',
      daysLeft: 20,
    },
    {
      ...cloudIn(Workspace.PL),
      licenseId: DemoLicenses.notRenewableOnline.licenseId,
      productCode: Product.ON_PREM,
      daysLeft: 8,
    },
    { ...cloudIn(Workspace.NONE), licenseId: DemoLicenses.noCountry.licenseId, daysLeft: 15 },
    { ...cloudIn(Workspace.BR), licenseId: DemoLicenses.noPrice.licenseId, daysLeft: 18 },
    {
      ...cloudIn(Workspace.BR),
      licenseId: DemoLicenses.severalFailures.licenseId,
      productCode: Product.ON_PREM,
      purchaseChannel: 'PARTNER',
      purchasedAt: '2017-06-01T09:00:00.000Z',
      termMonths: 36,
      daysLeft: 200,
    },
    { ...cloudIn(Workspace.PL), licenseId: DemoReminderLicenses.oneWeek, seats: 15, daysLeft: 6 },
    { ...cloudIn(Workspace.PL), licenseId: DemoReminderLicenses.oneDay, seats: 4, daysLeft: 0 },
    { ...cloudIn(Workspace.PL), licenseId: DemoReminderLicenses.expired, seats: 8, daysLeft: -1 },
    // The TOTP user's own workspace: renewable, in EUR.
    { ...cloudIn(Workspace.AT), licenseId: 'lic-wien-at', seats: 3, daysLeft: 6 },
    ...DemoPartnerCodes.map(({ licenseId }, i) => ({
      ...base,
      licenseId,
      workspaceId: null,
      productCode: i === 0 ? Product.CLOUD : Product.PRO,
      seats: i === 0 ? 50 : 5,
      purchaseChannel: 'PARTNER' as const,
      daysLeft: i === 0 ? 300 : 180,
    })),
  ];
};

/**
 * The demo data file, checked and normalized by `parseDataFile`. Meant for a `now` after 2022: earlier,
 * some ordinary licenses would date from before the 2019 legacy cut-off.
 */
export const buildDemoData = (now: Date): DataFile => {
  const admin = DemoAccounts.noMfa.email;
  const sms = DemoAccounts.sms.email;
  const totp = DemoAccounts.totp.email;
  const at = (days: number) => new Date(now.getTime() + days * DAY_MS).toISOString();
  const input: DataFileInput = {
    users: [
      { email: admin, password: DemoAccounts.noMfa.password, locale: 'en', mfa: { method: 'NONE' } },
      {
        email: sms,
        password: DemoAccounts.sms.password,
        locale: 'pl',
        mfa: { method: 'SMS', phoneNumber: DemoAccounts.sms.phoneNumber },
      },
      {
        email: totp,
        password: DemoAccounts.totp.password,
        locale: 'en',
        mfa: { method: 'TOTP', secret: DemoAccounts.totp.secret },
      },
    ],
    workspaces: [
      { workspaceId: Workspace.PL, name: 'Acme Sp. z o.o.', countryCode: 'PL', admins: [admin, sms] },
      {
        workspaceId: Workspace.DE,
        name: 'Berliner Werkstatt GmbH',
        countryCode: 'DE',
        admins: [admin, totp],
      },
      { workspaceId: Workspace.AT, name: 'Wiener Software GmbH', countryCode: 'AT', admins: [totp] },
      { workspaceId: Workspace.JP, name: 'Tokyo Trading K.K.', countryCode: 'JP', admins: [admin] },
      { workspaceId: Workspace.NONE, name: 'Nomad Labs', countryCode: null, admins: [admin] },
      { workspaceId: Workspace.BR, name: 'Rio Digital Ltda.', countryCode: 'BR', admins: [admin, sms] },
    ],
    products: [
      { productCode: Product.CLOUD, name: 'Endpoint Security Cloud', renewableOnline: true },
      { productCode: Product.PRO, name: 'Endpoint Security Cloud Pro', renewableOnline: true },
      {
        productCode: Product.ON_PREM,
        name: 'Endpoint Security for Business (on-premises)',
        renewableOnline: false,
      },
    ],
    // No price for BR. EPS-ONPREM has a PL price so that its license fails on one rule only.
    prices: [
      { productCode: Product.CLOUD, countryCode: 'PL', currency: 'PLN', unitAmount: 12900 },
      { productCode: Product.CLOUD, countryCode: 'DE', currency: 'EUR', unitAmount: 3500 },
      { productCode: Product.CLOUD, countryCode: 'AT', currency: 'EUR', unitAmount: 3500 },
      { productCode: Product.CLOUD, countryCode: 'JP', currency: 'JPY', unitAmount: 4200 },
      { productCode: Product.CLOUD, countryCode: 'US', currency: 'USD', unitAmount: 3900 },
      { productCode: Product.PRO, countryCode: 'PL', currency: 'PLN', unitAmount: 19900 },
      { productCode: Product.PRO, countryCode: 'DE', currency: 'EUR', unitAmount: 5500 },
      { productCode: Product.PRO, countryCode: 'AT', currency: 'EUR', unitAmount: 5500 },
      { productCode: Product.PRO, countryCode: 'JP', currency: 'JPY', unitAmount: 6500 },
      { productCode: Product.ON_PREM, countryCode: 'PL', currency: 'PLN', unitAmount: 9900 },
    ],
    offers: [
      {
        offerId: 'black-friday',
        name: 'Black Friday',
        percentOff: 20,
        startsAt: at(-3),
        endsAt: at(4),
        productCodes: [Product.CLOUD],
        countryCodes: ['PL'],
      },
      { offerId: 'loyalty', name: 'Loyalty discount', percentOff: 10, startsAt: at(-10), endsAt: at(50) },
      // Ties with the loyalty discount in DE and ends first, so it is the one applied there.
      {
        offerId: 'flash-de',
        name: 'Flash sale',
        percentOff: 10,
        startsAt: at(-1),
        endsAt: at(1),
        countryCodes: ['DE'],
      },
      { offerId: 'spring-sale', name: 'Spring sale', percentOff: 15, startsAt: at(-90), endsAt: at(-60) },
      { offerId: 'summer-sale', name: 'Summer sale', percentOff: 25, startsAt: at(30), endsAt: at(44) },
    ],
    licenses: [...specialCases(), ...fleet(32)].map((spec) => licenseFrom(now, spec)),
  };
  return parseDataFile(input);
};
