/**
 * The one builder of test data: it writes a data file (PRODUCT.md §5), checks it with the schema, and
 * loads it through the importer into a DynamoDB table (integration tests) or into the in-memory fakes
 * (unit tests).
 *
 * ```ts
 * const data = new FixtureBuilder('2026-11-28T12:00:00.000Z')
 *   .user('ann@example.com')
 *   .workspace('ws-pl', { admins: ['ann@example.com'] })
 *   .product('EPS-CLOUD')
 *   .price('EPS-CLOUD', 'PL')
 *   .license('lic-1', { workspaceId: 'ws-pl', expiresInDays: 12 })
 *   .build();
 * await loadIntoFakes(data, fakes);
 * ```
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { type ImportSummary, importDataFile } from '../../functions/seed/import';
import { dynamoImportStores } from '../../functions/seed/import-stores';
import { type DataFile, type DataFileInput, parseDataFile } from '../../functions/seed/schema';
import type { Fakes } from '../fakes';
import { PRODUCTION_SCRYPT_LOG_N, testPasswordHash, UNIT_TEST_SCRYPT_LOG_N } from './password-hashes';

type Section<K extends keyof DataFileInput> = NonNullable<DataFileInput[K]>[number];
export type FixtureUser = Section<'users'>;
export type FixtureWorkspace = Section<'workspaces'>;
export type FixtureProduct = Section<'products'>;
export type FixturePrice = Section<'prices'>;
export type FixtureOffer = Section<'offers'>;
export type FixtureLicense = Section<'licenses'>;

const DAY_MS = 24 * 3600 * 1000;

/** The password a fixture user gets unless told otherwise. */
export const FIXTURE_PASSWORD = 'fixture-password';

/** Default names of the products tests use most. */
const PRODUCT_NAMES: Record<string, string> = {
  'EPS-CLOUD': 'Endpoint Security Cloud',
  'EPS-ONPREM': 'Endpoint Security On-Premises',
};

/** The currency and per-seat amount a price gets by country unless told otherwise. */
const PRICES: Record<string, { currency: string; unitAmount: number }> = {
  PL: { currency: 'PLN', unitAmount: 12900 },
  DE: { currency: 'EUR', unitAmount: 2990 },
  JP: { currency: 'JPY', unitAmount: 4190 },
};

/** A valid activation code in canonical form (20 characters, no dashes), distinct for each number. */
export const fixtureActivationCode = (n: number): string => {
  const letters = 'ABCDEFGHJK';
  const tail = [...String(n).padStart(5, '0')].map((digit) => letters[Number(digit)]).join('');
  return `MNPQRSTUVWXYZ23${tail}`;
};

/**
 * Builds a data file section by section, with defaults for every field a test does not care about.
 * Every method returns the builder; {@link build} checks the whole file with the importer's schema.
 */
export class FixtureBuilder {
  private readonly users: FixtureUser[] = [];
  private readonly workspaces: FixtureWorkspace[] = [];
  private readonly products: FixtureProduct[] = [];
  private readonly prices: FixturePrice[] = [];
  private readonly offers: FixtureOffer[] = [];
  private readonly licenses: FixtureLicense[] = [];

  /** @param now the instant `expiresInDays` counts from */
  public constructor(private readonly now: Date | string = new Date()) {}

  /** A user with {@link FIXTURE_PASSWORD} and no second factor unless given. */
  public user(email: string, fields: Partial<FixtureUser> = {}): this {
    this.users.push({ email, password: FIXTURE_PASSWORD, mfa: { method: 'NONE' }, ...fields });
    return this;
  }

  /** A workspace in Poland named after its id, with no administrators unless given (emails). */
  public workspace(workspaceId: string, fields: Partial<FixtureWorkspace> = {}): this {
    this.workspaces.push({
      workspaceId,
      name: `Workspace ${workspaceId}`,
      countryCode: 'PL',
      admins: [],
      ...fields,
    });
    return this;
  }

  /** A product renewable online. */
  public product(productCode: string, fields: Partial<FixtureProduct> = {}): this {
    this.products.push({
      productCode,
      name: PRODUCT_NAMES[productCode] ?? productCode,
      renewableOnline: true,
      ...fields,
    });
    return this;
  }

  /** The price of a product in a country, in the country's usual currency. */
  public price(productCode: string, countryCode: string, fields: Partial<FixturePrice> = {}): this {
    this.prices.push({
      productCode,
      countryCode,
      ...(PRICES[countryCode] ?? { currency: 'EUR', unitAmount: 1000 }),
      ...fields,
    });
    return this;
  }

  /** A 10 % offer on everything, running from a year before `now` to a year after. */
  public offer(offerId: string, fields: Partial<FixtureOffer> = {}): this {
    const now = new Date(this.now).getTime();
    this.offers.push({
      offerId,
      name: `Offer ${offerId}`,
      percentOff: 10,
      startsAt: new Date(now - 365 * DAY_MS).toISOString(),
      endsAt: new Date(now + 365 * DAY_MS).toISOString(),
      ...fields,
    });
    return this;
  }

  /**
   * A 12-month, 10-seat EPS-CLOUD license bought online, unattached unless `workspaceId` is given,
   * expiring `expiresInDays` after `now` (default 100) unless `expiresAt` is given, with a code of its own.
   */
  public license(licenseId: string, fields: Partial<FixtureLicense> & { expiresInDays?: number } = {}): this {
    const { expiresInDays = 100, ...rest } = fields;
    this.licenses.push({
      licenseId,
      workspaceId: null,
      productCode: 'EPS-CLOUD',
      seats: 10,
      termMonths: 12,
      purchaseChannel: 'ONLINE_STORE',
      purchasedAt: '2025-01-10T00:00:00.000Z',
      startsAt: '2025-01-10T00:00:00.000Z',
      expiresAt: new Date(new Date(this.now).getTime() + expiresInDays * DAY_MS).toISOString(),
      activationCode: fixtureActivationCode(this.licenses.length),
      ...rest,
    });
    return this;
  }

  /** The data file, as the importer's schema checks it. @throws DataFileInvalidError naming every problem */
  public build(): DataFile {
    return parseDataFile({
      users: this.users,
      workspaces: this.workspaces,
      products: this.products,
      prices: this.prices,
      offers: this.offers,
      licenses: this.licenses,
    });
  }
}

/**
 * Loads a data file into a DynamoDB table through the importer, with password hashes cached per
 * password (see {@link testPasswordHash}), at the production scrypt cost unless told otherwise.
 */
export const loadIntoTable = (
  data: DataFile,
  table: { client: DynamoDBDocumentClient; tableName: string },
  { scryptLogN = PRODUCTION_SCRYPT_LOG_N }: { scryptLogN?: number } = {},
): Promise<ImportSummary> =>
  importDataFile(data, {
    stores: dynamoImportStores(table.client, table.tableName),
    hashPassword: (password) => testPasswordHash(password, scryptLogN),
  });

/**
 * Loads a data file into the fakes through the importer itself, so unit tests start from what an import
 * leaves. Passwords are hashed at a low scrypt cost, so unit tests stay fast.
 */
export const loadIntoFakes = (
  data: DataFile,
  fakes: Pick<Fakes, 'users' | 'workspaces' | 'licenses' | 'catalog'>,
): Promise<ImportSummary> =>
  importDataFile(data, {
    stores: fakes,
    hashPassword: (password) => testPasswordHash(password, UNIT_TEST_SCRYPT_LOG_N),
  });
