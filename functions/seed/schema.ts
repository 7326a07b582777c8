/**
 * The data file of PRODUCT.md §5: its zod schema and {@link parseDataFile}, which checks a whole file and
 * names every bad path. Classic zod is fine here: this runs in the import CLI and the local runner, never
 * in a Lambda bundle.
 */
import { z } from 'zod';
import {
  ACTIVATION_CODE_ALPHABET,
  ACTIVATION_CODE_LENGTH,
  isActivationCode,
  stripActivationCode,
} from '../domain/activation-code';
import { normalizeEmail } from '../domain/identity';
import { Locale } from '../domain/locale';

// Ids end up inside keys such as `LICENSE#<id>`: keep them to a safe, readable character set.
const id = z
  .string()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/,
    "must be 1–128 characters: letters, digits, '.', '_', ':', '-'",
  );

const email = z.email({ error: 'must be an email address' }).max(254).transform(normalizeEmail);

const countryCode = z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code, e.g. PL');

const currency = z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 currency code, e.g. PLN');

// Refinements across fields, and the checks between sections, also run on records that failed their own
// checks, so one pass names every problem. Such records may hold anything: these read them as `unknown`.
const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const listAt = (record: unknown, key: string): unknown[] => {
  const value = isRecord(record) ? record[key] : undefined;
  return Array.isArray(value) ? value : [];
};
const textAt = (record: unknown, key: string): string | undefined => {
  const value = isRecord(record) ? record[key] : undefined;
  return typeof value === 'string' ? value : undefined;
};
const asText = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/;
/** True for `YYYY-MM-DDTHH:mm:ss[.sss]Z` naming a real instant (Date.parse would roll 02-30 over to March). */
const isIsoUtc = (value: string): boolean => {
  if (!ISO_UTC.test(value)) return false;
  const time = Date.parse(value);
  return Number.isFinite(time) && new Date(time).toISOString().slice(0, 19) === value.slice(0, 19);
};
// Stored in one canonical form (always milliseconds) so timestamps compare correctly as strings.
const timestamp = z
  .string()
  .refine(
    isIsoUtc,
    'must be an ISO 8601 UTC timestamp, e.g. 2025-01-31T12:00:00Z or 2025-01-31T12:00:00.000Z',
  )
  .transform((value) => new Date(value).toISOString());

/** `record[later]` is after `record[earlier]`, or one of them is not a timestamp (its own check says so). */
const inOrder = (record: unknown, earlier: string, later: string): boolean => {
  const [from, to] = [textAt(record, earlier), textAt(record, later)];
  return !(from && to && isIsoUtc(from) && isIsoUtc(to)) || Date.parse(to) > Date.parse(from);
};

/**
 * A safe integer in [min, max], with one message for every way of missing it. Not `z.int()`: its
 * "not an integer" issue aborts the parse, which would skip the checks between sections.
 */
const wholeNumber = (min: number, max: number) => {
  const error =
    max === Number.MAX_SAFE_INTEGER
      ? `must be a whole number ≥ ${min}`
      : `must be a whole number from ${min} to ${max}`;
  return z.number({ error }).refine((n) => Number.isSafeInteger(n) && n >= min && n <= max, { error });
};

const activationCode = z
  .string()
  .transform(stripActivationCode)
  .refine(
    isActivationCode,
    `must be ${ACTIVATION_CODE_LENGTH} characters of ${ACTIVATION_CODE_ALPHABET}, e.g. XXXXX-XXXXX-XXXXX-XXXXX`,
  );

const mfa = z.discriminatedUnion(
  'method',
  [
    z.strictObject({ method: z.literal('NONE') }),
    z.strictObject({
      method: z.literal('SMS'),
      phoneNumber: z.string().regex(/^\+[1-9]\d{1,14}$/, 'must be an E.164 phone number, e.g. +48123456789'),
    }),
    z.strictObject({
      method: z.literal('TOTP'),
      secret: z.string().regex(/^[A-Z2-7]{16,}$/, 'must be base32 (A–Z, 2–7), at least 16 characters'),
    }),
  ],
  { error: 'method must be NONE, SMS or TOTP' },
);

const user = z.strictObject({
  email,
  password: z.string().min(8, 'must be at least 8 characters').max(1024),
  locale: z.enum([Locale.EN, Locale.PL], { error: 'must be en or pl' }).default(Locale.EN),
  // Required, not defaulted: a forgotten `mfa` must not silently turn 2FA off for an account.
  mfa,
});

const workspace = z.strictObject({
  workspaceId: id,
  name: z.string().trim().min(1, 'must not be empty').max(200),
  countryCode: countryCode.nullable().default(null),
  admins: z.array(email),
});

const product = z.strictObject({
  productCode: id,
  name: z.string().trim().min(1, 'must not be empty').max(200),
  renewableOnline: z.boolean(),
});

const license = z
  .strictObject({
    licenseId: id,
    /** null: sold by a partner and not yet attached by entering its activation code. */
    workspaceId: id.nullable(),
    productCode: id,
    seats: wholeNumber(1, Number.MAX_SAFE_INTEGER),
    termMonths: wholeNumber(1, 120),
    purchaseChannel: z.enum(['ONLINE_STORE', 'PARTNER'], { error: 'must be ONLINE_STORE or PARTNER' }),
    purchasedAt: timestamp,
    startsAt: timestamp,
    expiresAt: timestamp,
    activationCode,
  })
  .refine((l) => inOrder(l, 'startsAt', 'expiresAt'), {
    path: ['expiresAt'],
    message: 'must be after startsAt',
    when: () => true,
  });

const price = z.strictObject({
  productCode: id,
  countryCode,
  currency,
  /** Minor units of `currency` per seat per term. */
  unitAmount: wholeNumber(0, Number.MAX_SAFE_INTEGER),
});

const offer = z
  .strictObject({
    offerId: id,
    name: z.string().trim().min(1, 'must not be empty').max(200),
    percentOff: wholeNumber(1, 100),
    startsAt: timestamp,
    endsAt: timestamp,
    // Absent means "every product/country"; an empty list would mean "none", which is never meant.
    productCodes: z.array(id).min(1, 'omit the field to apply to every product').optional(),
    countryCodes: z.array(countryCode).min(1, 'omit the field to apply to every country').optional(),
  })
  .refine((o) => inOrder(o, 'startsAt', 'endsAt'), {
    path: ['endsAt'],
    message: 'must be after startsAt',
    when: () => true,
  });

const dataFileShape = z.strictObject({
  users: z.array(user).default([]),
  workspaces: z.array(workspace).default([]),
  products: z.array(product).default([]),
  licenses: z.array(license).default([]),
  prices: z.array(price).default([]),
  offers: z.array(offer).default([]),
});

type Path = (string | number)[];
type Flag = (path: Path, message: string) => void;

/** Flags every repeat of a key (records without one are skipped) and returns the keys seen. */
const uniqueKeys = (
  items: readonly unknown[],
  keyOf: (item: unknown) => string | undefined,
  at: (index: number) => Path,
  flag: Flag,
): Set<string> => {
  const firstIndex = new Map<string, number>();
  items.forEach((item, index) => {
    const key = keyOf(item);
    if (key === undefined) return;
    const first = firstIndex.get(key);
    if (first === undefined) firstIndex.set(key, index);
    else flag(at(index), `"${key}" already appears at ${formatPath(at(first))}`);
  });
  return new Set(firstIndex.keys());
};

/** Unique keys across the file, and references that resolve within it. */
const checkReferences = (file: unknown, flag: Flag): void => {
  const [users, workspaces, products, licenses, prices, offers] = (
    ['users', 'workspaces', 'products', 'licenses', 'prices', 'offers'] as const
  ).map((name) => listAt(file, name)) as [unknown[], unknown[], unknown[], unknown[], unknown[], unknown[]];
  // Normalizing again is harmless and covers values whose own check failed before normalizing.
  const emailOf = (value: unknown) => {
    const text = asText(value);
    return text === undefined ? undefined : normalizeEmail(text);
  };

  const emails = uniqueKeys(
    users,
    (u) => emailOf(textAt(u, 'email')),
    (i) => ['users', i, 'email'],
    flag,
  );
  const workspaceIds = uniqueKeys(
    workspaces,
    (w) => textAt(w, 'workspaceId'),
    (i) => ['workspaces', i, 'workspaceId'],
    flag,
  );
  const productCodes = uniqueKeys(
    products,
    (p) => textAt(p, 'productCode'),
    (i) => ['products', i, 'productCode'],
    flag,
  );
  uniqueKeys(
    licenses,
    (l) => textAt(l, 'licenseId'),
    (i) => ['licenses', i, 'licenseId'],
    flag,
  );
  uniqueKeys(
    licenses,
    (l) => {
      const code = textAt(l, 'activationCode');
      return code === undefined ? undefined : stripActivationCode(code);
    },
    (i) => ['licenses', i, 'activationCode'],
    flag,
  );
  uniqueKeys(
    offers,
    (o) => textAt(o, 'offerId'),
    (i) => ['offers', i, 'offerId'],
    flag,
  );
  uniqueKeys(
    prices,
    (p) => {
      const [productCode, countryCode] = [textAt(p, 'productCode'), textAt(p, 'countryCode')];
      return productCode === undefined || countryCode === undefined
        ? undefined
        : `${productCode} in ${countryCode}`;
    },
    (i) => ['prices', i, 'countryCode'],
    flag,
  );

  const mustExist = (known: Set<string>, value: string | undefined, path: Path, what: string) => {
    if (value !== undefined && !known.has(value)) flag(path, `no ${what} "${value}" in this file`);
  };
  workspaces.forEach((w, i) => {
    const admins = listAt(w, 'admins');
    uniqueKeys(admins, emailOf, (j) => ['workspaces', i, 'admins', j], flag);
    admins.forEach((admin, j) => {
      mustExist(emails, emailOf(admin), ['workspaces', i, 'admins', j], 'user');
    });
  });
  licenses.forEach((l, i) => {
    mustExist(workspaceIds, textAt(l, 'workspaceId'), ['licenses', i, 'workspaceId'], 'workspace');
    mustExist(productCodes, textAt(l, 'productCode'), ['licenses', i, 'productCode'], 'product');
  });
  // A price is charged in the workspace country's currency, so a country has exactly one.
  const currencyOf = new Map<string, { currency: string; index: number }>();
  prices.forEach((p, i) => {
    mustExist(productCodes, textAt(p, 'productCode'), ['prices', i, 'productCode'], 'product');
    const [country, currency] = [textAt(p, 'countryCode'), textAt(p, 'currency')];
    if (country === undefined || currency === undefined) return;
    const first = currencyOf.get(country);
    if (!first) currencyOf.set(country, { currency, index: i });
    else if (first.currency !== currency)
      flag(['prices', i, 'currency'], `${country} is priced in ${first.currency} at prices[${first.index}]`);
  });
  offers.forEach((o, i) => {
    listAt(o, 'productCodes').forEach((code, j) => {
      mustExist(productCodes, asText(code), ['offers', i, 'productCodes', j], 'product');
    });
  });
};

/** The whole data file; emails, activation codes and timestamps come out normalized. */
export const dataFileSchema = dataFileShape.superRefine(
  (file, ctx) => checkReferences(file, (path, message) => ctx.addIssue({ code: 'custom', path, message })),
  { when: () => true },
);

/** A checked data file (the output of {@link parseDataFile}). */
export type DataFile = z.output<typeof dataFileSchema>;
/** What a data file may contain before checking (defaults not applied, codes not normalized). */
export type DataFileInput = z.input<typeof dataFileSchema>;
export type DataFileWorkspace = DataFile['workspaces'][number];
export type DataFileProduct = DataFile['products'][number];
export type DataFilePrice = DataFile['prices'][number];
export type DataFileOffer = DataFile['offers'][number];

/** One problem in a data file; `path` reads like `licenses[3].expiresAt`. */
export interface DataFileIssue {
  path: string;
  message: string;
}

/** The data file breaks PRODUCT.md §5; `issues` names every bad path, and so does the message. */
export class DataFileInvalidError extends Error {
  public override readonly name = 'DataFileInvalidError';

  public constructor(
    public readonly issues: readonly DataFileIssue[],
    options?: { cause?: unknown },
  ) {
    super(
      `The data file is invalid (${issues.length} ${issues.length === 1 ? 'problem' : 'problems'}):\n${issues
        .map((issue) => `  ${issue.path}: ${issue.message}`)
        .join('\n')}`,
      options,
    );
  }
}

const formatPath = (path: readonly PropertyKey[]): string =>
  path.reduce<string>(
    (text, key) =>
      typeof key === 'number' ? `${text}[${key}]` : text ? `${text}.${String(key)}` : String(key),
    '',
  ) || '(file)';

// One issue per unknown field, so each is named by its own path.
const toIssues = (issue: z.core.$ZodIssue): DataFileIssue[] =>
  issue.code === 'unrecognized_keys'
    ? issue.keys.map((key) => ({ path: formatPath([...issue.path, key]), message: 'unknown field' }))
    : [{ path: formatPath(issue.path), message: issue.message }];

/**
 * Checks a parsed JSON value against the data file format, whole: shapes and formats first, then the
 * references between sections.
 * @throws {DataFileInvalidError} naming every problem found
 */
export const parseDataFile = (json: unknown): DataFile => {
  const result = dataFileSchema.safeParse(json);
  if (result.success) return result.data;
  throw new DataFileInvalidError(result.error.issues.flatMap(toIssues), { cause: result.error });
};
