import fc from 'fast-check';
import { ZodError } from 'zod';
import { stripActivationCode } from '../../functions/domain/activation-code';
import { buildDemoData, DemoAccounts, DemoLicenses, DemoPartnerCodes } from '../../functions/seed/demo-data';
import {
  type DataFile,
  DataFileInvalidError,
  type DataFileIssue,
  parseDataFile,
} from '../../functions/seed/schema';

// Property runs use a fixed seed, so the suite is deterministic.
const FC_SEED = 20_260_310;

/** A small valid file; each test changes a fresh copy. */
const validFile = () => ({
  users: [
    { email: 'Ann@Example.com', password: 'password-1', locale: 'pl', mfa: { method: 'NONE' } },
    { email: 'bob@example.com', password: 'password-2', mfa: { method: 'SMS', phoneNumber: '+48123456789' } },
    { email: 'cy@example.com', password: 'password-3', mfa: { method: 'TOTP', secret: 'JBSWY3DPEHPK3PXP' } },
  ],
  workspaces: [
    { workspaceId: 'ws-1', name: 'Acme', countryCode: 'PL', admins: ['ann@example.com', 'bob@example.com'] },
    { workspaceId: 'ws-2', name: 'Nomad', admins: ['cy@example.com'] },
  ],
  products: [{ productCode: 'EPS-CLOUD', name: 'Endpoint Security Cloud', renewableOnline: true }],
  licenses: [
    {
      licenseId: 'lic-1',
      workspaceId: 'ws-1',
      productCode: 'EPS-CLOUD',
      seats: 10,
      termMonths: 12,
      purchaseChannel: 'ONLINE_STORE',
      purchasedAt: '2024-01-01T00:00:00Z',
      startsAt: '2024-01-02T00:00:00.000Z',
      expiresAt: '2025-01-02T00:00:00.000Z',
      activationCode: 'abcde-fghjk mnpqr-stuvw',
    },
    {
      licenseId: 'lic-2',
      workspaceId: null,
      productCode: 'EPS-CLOUD',
      seats: 1,
      termMonths: 120,
      purchaseChannel: 'PARTNER',
      purchasedAt: '2024-01-01T00:00:00.000Z',
      startsAt: '2024-01-01T00:00:00.000Z',
      expiresAt: '2034-01-01T00:00:00.000Z',
      activationCode: '23456789ABCDEFGHJKMN',
    },
  ],
  prices: [{ productCode: 'EPS-CLOUD', countryCode: 'PL', currency: 'PLN', unitAmount: 12900 }],
  offers: [
    {
      offerId: 'bf',
      name: 'Black Friday',
      percentOff: 20,
      startsAt: '2024-11-20T00:00:00Z',
      endsAt: '2024-12-01T00:00:00Z',
      productCodes: ['EPS-CLOUD'],
      countryCodes: ['PL'],
    },
    {
      offerId: 'all',
      name: 'Everything',
      percentOff: 100,
      startsAt: '2024-01-01T00:00:00Z',
      endsAt: '2024-01-02T00:00:00Z',
    },
  ],
});

type File = ReturnType<typeof validFile>;
// Tests break the file on purpose, so they write through a loosely typed view of it.
type Loose = Record<string, Record<string, unknown>[]>;

const issuesOf = (json: unknown): DataFileIssue[] => {
  try {
    parseDataFile(json);
  } catch (error) {
    if (error instanceof DataFileInvalidError) return [...error.issues];
    throw error;
  }
  throw new Error('expected the file to be refused');
};

const breaking = (change: (file: Loose) => void): unknown => {
  const file = validFile();
  change(file as unknown as Loose);
  return file;
};

const at = (file: Loose, section: string, index: number) => file[section]?.[index] as Record<string, unknown>;

describe('parseDataFile', () => {
  it('accepts a valid file and normalizes emails, activation codes, timestamps and defaults', () => {
    // Arrange
    const file: File = validFile();

    // Act
    const data = parseDataFile(file);

    // Assert
    expect(data.users.map((u) => u.email)).toEqual(['ann@example.com', 'bob@example.com', 'cy@example.com']);
    expect(data.users.map((u) => u.locale)).toEqual(['pl', 'en', 'en']);
    expect(data.workspaces[1]?.countryCode).toBeNull();
    expect(data.licenses[0]?.activationCode).toBe('ABCDEFGHJKMNPQRSTUVW');
    expect(data.licenses[0]?.purchasedAt).toBe('2024-01-01T00:00:00.000Z');
    expect(data.licenses[1]?.workspaceId).toBeNull();
    expect(data.offers[1]).not.toHaveProperty('productCodes');
  });

  it('defaults missing sections to empty lists', () => {
    expect(parseDataFile({})).toEqual({
      users: [],
      workspaces: [],
      products: [],
      licenses: [],
      prices: [],
      offers: [],
    });
  });

  it.each<[string, (file: Loose) => void, string | string[]]>([
    ['an unknown top-level field', (f) => Object.assign(f, { licences: [] }), 'licences'],
    ['an unknown field in a record', (f) => Object.assign(at(f, 'users', 1), { role: 'x' }), 'users[1].role'],
    [
      'an unknown field in mfa',
      (f) => Object.assign(at(f, 'users', 0), { mfa: { method: 'NONE', x: 1 } }),
      'users[0].mfa.x',
    ],
    [
      'a malformed email',
      (f) => Object.assign(at(f, 'users', 0), { email: 'ann@' }),
      // ...so the workspace that names ann@example.com refers to no user.
      ['users[0].email', 'workspaces[0].admins[0]'],
    ],
    ['a short password', (f) => Object.assign(at(f, 'users', 0), { password: 'short' }), 'users[0].password'],
    ['an unsupported locale', (f) => Object.assign(at(f, 'users', 0), { locale: 'de' }), 'users[0].locale'],
    ['a missing mfa', (f) => delete at(f, 'users', 0).mfa, 'users[0].mfa'],
    [
      'an unknown mfa method',
      (f) => Object.assign(at(f, 'users', 0), { mfa: { method: 'EMAIL' } }),
      'users[0].mfa.method',
    ],
    [
      'a phone number that is not E.164',
      (f) => Object.assign(at(f, 'users', 1), { mfa: { method: 'SMS', phoneNumber: '0048 123' } }),
      'users[1].mfa.phoneNumber',
    ],
    [
      'a TOTP secret that is not base32',
      (f) => Object.assign(at(f, 'users', 2), { mfa: { method: 'TOTP', secret: 'JBSWY3DPEHPK3PX1' } }),
      'users[2].mfa.secret',
    ],
    [
      'a TOTP secret shorter than 16',
      (f) => Object.assign(at(f, 'users', 2), { mfa: { method: 'TOTP', secret: 'JBSWY3DPEHPK3PX' } }),
      'users[2].mfa.secret',
    ],
    [
      'an id with a key separator',
      (f) => Object.assign(at(f, 'workspaces', 0), { workspaceId: 'ws#1' }),
      // ...and the license in it now points at a workspace the file does not have.
      ['workspaces[0].workspaceId', 'licenses[0].workspaceId'],
    ],
    ['an empty name', (f) => Object.assign(at(f, 'workspaces', 0), { name: '  ' }), 'workspaces[0].name'],
    [
      'a lowercase country code',
      (f) => Object.assign(at(f, 'workspaces', 0), { countryCode: 'pl' }),
      'workspaces[0].countryCode',
    ],
    [
      'a non-boolean renewableOnline',
      (f) => Object.assign(at(f, 'products', 0), { renewableOnline: 'yes' }),
      'products[0].renewableOnline',
    ],
    [
      'a missing license workspaceId',
      (f) => delete at(f, 'licenses', 0).workspaceId,
      'licenses[0].workspaceId',
    ],
    ['zero seats', (f) => Object.assign(at(f, 'licenses', 0), { seats: 0 }), 'licenses[0].seats'],
    ['fractional seats', (f) => Object.assign(at(f, 'licenses', 0), { seats: 1.5 }), 'licenses[0].seats'],
    [
      'a term over 120 months',
      (f) => Object.assign(at(f, 'licenses', 0), { termMonths: 121 }),
      'licenses[0].termMonths',
    ],
    [
      'an unknown purchase channel',
      (f) => Object.assign(at(f, 'licenses', 0), { purchaseChannel: 'WEB' }),
      'licenses[0].purchaseChannel',
    ],
    [
      'a timestamp with an offset',
      (f) => Object.assign(at(f, 'licenses', 0), { purchasedAt: '2024-01-01T00:00:00+02:00' }),
      'licenses[0].purchasedAt',
    ],
    [
      'a date only',
      (f) => Object.assign(at(f, 'licenses', 0), { startsAt: '2024-01-02' }),
      'licenses[0].startsAt',
    ],
    [
      'a day that does not exist',
      (f) => Object.assign(at(f, 'licenses', 0), { purchasedAt: '2023-02-29T00:00:00Z' }),
      'licenses[0].purchasedAt',
    ],
    [
      'an expiry not after the start',
      (f) => Object.assign(at(f, 'licenses', 0), { expiresAt: '2024-01-02T00:00:00Z' }),
      'licenses[0].expiresAt',
    ],
    [
      'an activation code with a letter outside the alphabet',
      (f) => Object.assign(at(f, 'licenses', 0), { activationCode: 'ABCDE-FGHJK-MNPQR-STUVO' }),
      'licenses[0].activationCode',
    ],
    [
      'an activation code of the wrong length',
      (f) => Object.assign(at(f, 'licenses', 0), { activationCode: 'ABCDE-FGHJK-MNPQR' }),
      'licenses[0].activationCode',
    ],
    [
      'a lowercase currency',
      (f) => Object.assign(at(f, 'prices', 0), { currency: 'pln' }),
      'prices[0].currency',
    ],
    [
      'a negative amount',
      (f) => Object.assign(at(f, 'prices', 0), { unitAmount: -1 }),
      'prices[0].unitAmount',
    ],
    [
      'an unsafe integer amount',
      (f) => Object.assign(at(f, 'prices', 0), { unitAmount: 2 ** 53 }),
      'prices[0].unitAmount',
    ],
    ['percentOff 0', (f) => Object.assign(at(f, 'offers', 0), { percentOff: 0 }), 'offers[0].percentOff'],
    [
      'percentOff over 100',
      (f) => Object.assign(at(f, 'offers', 0), { percentOff: 101 }),
      'offers[0].percentOff',
    ],
    [
      'an offer ending before it starts',
      (f) => Object.assign(at(f, 'offers', 0), { endsAt: '2024-11-19T00:00:00Z' }),
      'offers[0].endsAt',
    ],
    [
      'an empty filter list',
      (f) => Object.assign(at(f, 'offers', 0), { countryCodes: [] }),
      'offers[0].countryCodes',
    ],
    [
      'a bad country in a filter',
      (f) => Object.assign(at(f, 'offers', 0), { countryCodes: ['Poland'] }),
      'offers[0].countryCodes[0]',
    ],
  ])('refuses %s', (_, change, paths) => {
    // Arrange
    const file = breaking(change);

    // Act
    const issues = issuesOf(file);

    // Assert
    expect(issues.map((issue) => issue.path)).toEqual([paths].flat());
  });

  it('names the root when the file is not an object', () => {
    expect(issuesOf(['not', 'an', 'object']).map((issue) => issue.path)).toEqual(['(file)']);
  });

  it.each([null, 5, 'x', []])('refuses a record that is %j, in every section', (record) => {
    // Arrange
    const sections = ['users', 'workspaces', 'products', 'licenses', 'prices', 'offers'];

    // Act
    const issues = issuesOf(Object.fromEntries(sections.map((section) => [section, [record]])));

    // Assert
    expect(issues.map((issue) => issue.path)).toEqual(sections.map((section) => `${section}[0]`));
  });

  it('refuses any malformed JSON value with DataFileInvalidError, never another error', () => {
    // Records made of the file's own field names, holding any JSON, reach the deeper checks.
    const fieldNames = Object.values(validFile()).flatMap((records) =>
      records.flatMap((r) => Object.keys(r)),
    );
    const record = fc.dictionary(fc.constantFrom(...fieldNames), fc.jsonValue(), { maxKeys: 6 });
    const file = fc.record(
      Object.fromEntries(
        Object.keys(validFile()).map((section) => [section, fc.array(record, { maxLength: 3 })]),
      ),
      { requiredKeys: [] },
    );

    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), file), (json) => {
        try {
          parseDataFile(json);
        } catch (error) {
          expect(error).toBeInstanceOf(DataFileInvalidError);
        }
      }),
      { numRuns: 300, seed: FC_SEED },
    );
  });

  it('names every problem at once, in the issues and in the message', () => {
    // Arrange
    const file = breaking((f) => {
      Object.assign(at(f, 'users', 0), { email: 'nope' });
      Object.assign(at(f, 'licenses', 1), { seats: -3, expiresAt: 'soon' });
      Object.assign(at(f, 'prices', 0), { currency: 'zł' });
      Object.assign(at(f, 'offers', 1), { extra: true });
    });

    // Act
    const error = (() => {
      try {
        parseDataFile(file);
      } catch (caught) {
        return caught;
      }
    })();

    // Assert
    expect(error).toBeInstanceOf(DataFileInvalidError);
    const invalid = error as DataFileInvalidError;
    const paths = [
      'users[0].email',
      'licenses[1].seats',
      'licenses[1].expiresAt',
      'prices[0].currency',
      'offers[1].extra',
      // The admin reference no longer resolves once the user's email is broken.
      'workspaces[0].admins[0]',
    ];
    expect(invalid.issues.map((issue) => issue.path).sort()).toEqual([...paths].sort());
    for (const path of paths) expect(invalid.message).toContain(`${path}: `);
    expect(invalid.name).toBe('DataFileInvalidError');
    expect(invalid.cause).toBeInstanceOf(ZodError);
  });

  it.each<[string, (file: Loose) => void, string[]]>([
    [
      'a repeated email, ignoring case',
      (f) => Object.assign(at(f, 'users', 1), { email: 'ANN@example.com' }),
      // ...and bob@example.com, an admin, is gone.
      ['users[1].email', 'workspaces[0].admins[1]'],
    ],
    [
      'a repeated workspaceId',
      (f) => Object.assign(at(f, 'workspaces', 1), { workspaceId: 'ws-1' }),
      ['workspaces[1].workspaceId'],
    ],
    [
      'a repeated productCode',
      (f) => f.products?.push({ productCode: 'EPS-CLOUD', name: 'Again', renewableOnline: false }),
      ['products[1].productCode'],
    ],
    [
      'a repeated licenseId',
      (f) => Object.assign(at(f, 'licenses', 1), { licenseId: 'lic-1' }),
      ['licenses[1].licenseId'],
    ],
    [
      'a repeated activation code, however formatted',
      (f) => Object.assign(at(f, 'licenses', 1), { activationCode: 'ABCDEFGHJKMNPQRSTUVW' }),
      ['licenses[1].activationCode'],
    ],
    [
      'a repeated offerId',
      (f) => Object.assign(at(f, 'offers', 1), { offerId: 'bf' }),
      ['offers[1].offerId'],
    ],
    [
      'an admin listed twice',
      (f) => (at(f, 'workspaces', 1).admins = ['cy@example.com', 'Cy@example.com']),
      ['workspaces[1].admins[1]'],
    ],
    [
      'an admin who is not a user',
      (f) => (at(f, 'workspaces', 1).admins = ['zed@example.com']),
      ['workspaces[1].admins[0]'],
    ],
    [
      'a license in an unknown workspace',
      (f) => Object.assign(at(f, 'licenses', 0), { workspaceId: 'ws-9' }),
      ['licenses[0].workspaceId'],
    ],
    [
      'a license of an unknown product',
      (f) => Object.assign(at(f, 'licenses', 0), { productCode: 'EPS-X' }),
      ['licenses[0].productCode'],
    ],
    [
      'a price of an unknown product',
      (f) => Object.assign(at(f, 'prices', 0), { productCode: 'EPS-X' }),
      ['prices[0].productCode'],
    ],
    [
      'two prices for one product and country',
      (f) => f.prices?.push({ productCode: 'EPS-CLOUD', countryCode: 'PL', currency: 'PLN', unitAmount: 1 }),
      ['prices[1].countryCode'],
    ],
    [
      'two currencies in one country',
      (f) => {
        f.products?.push({ productCode: 'EPS-PRO', name: 'Pro', renewableOnline: true });
        f.prices?.push({ productCode: 'EPS-PRO', countryCode: 'PL', currency: 'EUR', unitAmount: 1 });
      },
      ['prices[1].currency'],
    ],
    [
      'an offer for an unknown product',
      (f) => Object.assign(at(f, 'offers', 0), { productCodes: ['EPS-X'] }),
      ['offers[0].productCodes[0]'],
    ],
  ])('refuses %s', (_, change, paths) => {
    // Arrange
    const file = breaking(change);

    // Act
    const issues = issuesOf(file);

    // Assert
    expect(issues.map((issue) => issue.path)).toEqual(paths);
  });

  it('names a dangling reference whatever else in the file is wrong', () => {
    // Arrange: each field of a record set to each wrong kind of value, next to a price of no product.
    const badValues = [1.5, -1, 2 ** 60, 'x', '', null, true, [], {}, { method: 'SMS' }];
    const records = [
      ['users', 0],
      ['workspaces', 1],
      ['products', 0],
      ['licenses', 1],
      ['offers', 1],
    ] as const;
    const files = records.flatMap(([section, index]) =>
      Object.keys(validFile()[section][index] ?? {}).flatMap((field) =>
        badValues.map((value) =>
          breaking((f) => {
            Object.assign(at(f, section, index), { [field]: value });
            Object.assign(at(f, 'prices', 0), { productCode: 'EPS-X' });
          }),
        ),
      ),
    );

    // Act
    const paths = files.map((file) => issuesOf(file).map((issue) => issue.path));

    // Assert
    for (const found of paths) expect(found).toContain('prices[0].productCode');
  });

  it('says where the first of a duplicate is', () => {
    const issues = issuesOf(breaking((f) => Object.assign(at(f, 'users', 2), { email: 'bob@example.com' })));

    expect(issues).toEqual([
      { path: 'users[2].email', message: '"bob@example.com" already appears at users[1].email' },
      { path: 'workspaces[1].admins[0]', message: 'no user "cy@example.com" in this file' },
    ]);
  });
});

describe('stripActivationCode', () => {
  it('ignores case, spaces and dashes', () => {
    expect(stripActivationCode(' abcde-FGHJK mnpqr-stuvw ')).toBe('ABCDEFGHJKMNPQRSTUVW');
  });
});

const DAY_MS = 24 * 3600 * 1000;
const LEGACY_CUTOFF = '2019-04-01T00:00:00.000Z';

/**
 * A test oracle restating the data-only rules of PRODUCT.md §1 (no checkouts), to show the demo data
 * covers each case whatever `now` is.
 */
const reasonsFor = (data: DataFile, licenseId: string, now: Date): string[] => {
  const license = data.licenses.find((l) => l.licenseId === licenseId);
  const workspace = data.workspaces.find((w) => w.workspaceId === license?.workspaceId);
  const product = data.products.find((p) => p.productCode === license?.productCode);
  if (!license || !workspace || !product)
    throw new Error(`${licenseId} is not attached to a known workspace`);
  const reasons: string[] = [];
  if (Date.parse(license.expiresAt) - now.getTime() >= 30 * DAY_MS) reasons.push('NOT_IN_RENEWAL_WINDOW');
  if (license.purchaseChannel !== 'ONLINE_STORE') reasons.push('PURCHASED_FROM_PARTNER');
  if (license.purchasedAt < LEGACY_CUTOFF) reasons.push('LEGACY_LICENSE');
  if (!product.renewableOnline) reasons.push('PRODUCT_NOT_RENEWABLE_ONLINE');
  if (workspace.countryCode === null) reasons.push('WORKSPACE_COUNTRY_MISSING');
  else if (
    !data.prices.some((p) => p.productCode === product.productCode && p.countryCode === workspace.countryCode)
  )
    reasons.push('COUNTRY_NOT_SUPPORTED');
  return reasons;
};

describe('buildDemoData', () => {
  const nowArbitrary = fc.date({
    min: new Date('2022-01-01T00:00:00Z'),
    max: new Date('2100-01-01T00:00:00Z'),
    noInvalidDate: true,
  });

  it('passes parseDataFile unchanged for any now', () => {
    fc.assert(
      fc.property(nowArbitrary, (now) => {
        const data = buildDemoData(now);
        expect(parseDataFile(data)).toEqual(data);
      }),
      { numRuns: 40, seed: FC_SEED },
    );
  });

  it('has a license refused for exactly the declared reasons in every case, for any now', () => {
    fc.assert(
      fc.property(nowArbitrary, (now) => {
        const data = buildDemoData(now);
        for (const { licenseId, reasons } of Object.values(DemoLicenses)) {
          expect({ licenseId, reasons: reasonsFor(data, licenseId, now) }).toEqual({ licenseId, reasons });
        }
      }),
      { numRuns: 40, seed: FC_SEED },
    );
  });

  it('keeps the ordinary licenses after the legacy cut-off', () => {
    // Arrange
    const now = new Date('2022-01-01T00:00:00Z');

    // Act
    const data = buildDemoData(now);

    // Assert
    const legacy = data.licenses.filter((l) => l.purchasedAt < LEGACY_CUTOFF).map((l) => l.licenseId);
    expect(legacy.sort()).toEqual(
      [DemoLicenses.legacy.licenseId, DemoLicenses.severalFailures.licenseId].sort(),
    );
  });

  it('gives the demo accounts their passwords, locales and second factors', () => {
    const data = buildDemoData(new Date('2026-01-15T10:00:00Z'));

    expect(data.users).toEqual([
      {
        email: DemoAccounts.noMfa.email,
        password: DemoAccounts.noMfa.password,
        locale: 'en',
        mfa: { method: 'NONE' },
      },
      {
        email: DemoAccounts.sms.email,
        password: DemoAccounts.sms.password,
        locale: 'pl',
        mfa: { method: 'SMS', phoneNumber: DemoAccounts.sms.phoneNumber },
      },
      {
        email: DemoAccounts.totp.email,
        password: DemoAccounts.totp.password,
        locale: 'en',
        mfa: { method: 'TOTP', secret: DemoAccounts.totp.secret },
      },
    ]);
  });

  it('gives the first account enough licenses to page through, over several countries and one with none', () => {
    const data = buildDemoData(new Date('2026-01-15T10:00:00Z'));

    const own = data.workspaces.filter((w) => w.admins.includes(DemoAccounts.noMfa.email));
    const ownIds = new Set(own.map((w) => w.workspaceId));
    expect(
      data.licenses.filter((l) => l.workspaceId !== null && ownIds.has(l.workspaceId)).length,
    ).toBeGreaterThan(30);
    expect(own.map((w) => w.countryCode)).toEqual(expect.arrayContaining(['PL', 'DE', 'JP', null, 'BR']));
    expect(data.workspaces.filter((w) => w.admins.length > 1).length).toBeGreaterThanOrEqual(2);
  });

  it('has offers active, expired and to come', () => {
    const now = new Date('2026-01-15T10:00:00Z');
    const data = buildDemoData(now);

    const iso = now.toISOString();
    expect(data.offers.some((o) => o.startsAt <= iso && iso < o.endsAt)).toBe(true);
    expect(data.offers.some((o) => o.endsAt <= iso)).toBe(true);
    expect(data.offers.some((o) => o.startsAt > iso)).toBe(true);
  });

  it('has unattached partner licenses with the exported codes, the same for any now', () => {
    // Arrange
    const [first, second] = [new Date('2025-03-01T00:00:00Z'), new Date('2031-07-09T13:14:15.167Z')];

    // Act
    const codes = [buildDemoData(first), buildDemoData(second)].map((data) =>
      data.licenses.filter((l) => l.workspaceId === null).map((l) => [l.licenseId, l.activationCode]),
    );

    // Assert
    const expected = DemoPartnerCodes.map((c) => [c.licenseId, stripActivationCode(c.activationCode)]);
    expect(codes).toEqual([expected, expected]);
    for (const { activationCode } of DemoPartnerCodes)
      expect(activationCode).toMatch(/^([A-Z2-9]{5}-){3}[A-Z2-9]{5}$/);
  });
});
