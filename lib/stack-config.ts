import type { Node } from 'constructs';
import { DEFAULT_REMINDER_SCHEDULE, isTimeOfDay, isTimeZone } from '../functions/domain/daily-schedule';

/** What differs between deployments of the stack, read from CDK context (`-c key=value` or cdk.json). */
export interface RenewalHubConfig {
  /** Browser origins allowed by CORS, e.g. `https://portal.example.com` (context `corsAllowedOrigins`, comma list). */
  readonly corsAllowedOrigins: readonly string[];
  /**
   * Sender of every email (context `emailFrom`). Its address or its domain must be a verified SES identity
   * in the deployment account and region before users can receive email.
   */
  readonly emailFrom: string;
  /** Subscribed by email to the operations topic, when set (context `opsEmail`). */
  readonly opsEmail?: string;
  /**
   * The store's page for a checkout, where a checkout's `redirectUrl` points; `{checkoutId}` is replaced
   * (context `storeCheckoutUrl`).
   */
  readonly storeCheckoutUrl: string;
  /** How long a checkout's quote holds and can be paid, in minutes (context `checkoutTtlMinutes`). */
  readonly checkoutTtlMinutes: number;
  /** The daily reminder run's time of day, `HH:MM` (context `reminderTime`). */
  readonly reminderTime: string;
  /** The IANA time zone of {@link reminderTime}, e.g. `Europe/Warsaw` (context `reminderTimeZone`). */
  readonly reminderTimeZone: string;
  /**
   * The reminder emails' share of the account's SES sending rate, emails a second (context
   * `reminderSendsPerSecond`); what is left is for the purchase and webhook emails.
   */
  readonly reminderSendsPerSecond: number;
  /** The portal page a reminder links to; `{licenseId}` is replaced (context `portalLicenseUrl`). */
  readonly portalLicenseUrl: string;
}

/** The local runs' sender (see `functions/config.ts`); a real deployment passes its own. */
const DEFAULT_EMAIL_FROM = 'no-reply@renewal-hub.example';

const DEFAULT_STORE_CHECKOUT_URL = 'https://store.renewal-hub.example/checkouts/{checkoutId}';
const DEFAULT_CHECKOUT_TTL_MINUTES = 60;
/** The functions never hold a quote shorter than this (`functions/config.ts`); a day is plenty. */
const CHECKOUT_TTL_RANGE = { min: 5, max: 24 * 60 } as const;

const DEFAULT_REMINDER_SENDS_PER_SECOND = 10;
/** Two share functions run at once (SQS's least `maxConcurrency`), each sending half the rate. */
const REMINDER_SENDS_RANGE = { min: 2, max: 1000 } as const;
const DEFAULT_PORTAL_LICENSE_URL = 'https://portal.renewal-hub.example/licenses/{licenseId}';

const EMAIL_ADDRESS = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;

/** Reads and validates the configuration, failing synth on values that would deploy a broken API. */
export const readStackConfig = (node: Node): RenewalHubConfig => {
  const text = (key: string): string | undefined => {
    const value = node.tryGetContext(key);
    return value === undefined || value === '' ? undefined : String(value);
  };
  const corsAllowedOrigins = (text('corsAllowedOrigins') ?? '')
    .split(',')
    .map((origin) => origin.trim())
    .filter(Boolean);
  for (const origin of corsAllowedOrigins) {
    // Browsers send `Origin` as scheme://host[:port] exactly; anything else (a path, a trailing slash) never matches.
    if (!URL.canParse(origin) || new URL(origin).origin !== origin) {
      throw new Error(`corsAllowedOrigins: "${origin}" is not an origin like https://portal.example.com`);
    }
  }
  const emailFrom = text('emailFrom') ?? DEFAULT_EMAIL_FROM;
  const opsEmail = text('opsEmail');
  for (const [key, address] of [
    ['emailFrom', emailFrom],
    ['opsEmail', opsEmail],
  ] as const) {
    if (address !== undefined && !EMAIL_ADDRESS.test(address)) {
      throw new Error(`${key}: "${address}" is not a plain email address`);
    }
  }
  const storeCheckoutUrl = httpsTemplate(
    'storeCheckoutUrl',
    text('storeCheckoutUrl'),
    '{checkoutId}',
    DEFAULT_STORE_CHECKOUT_URL,
  );
  const checkoutTtlMinutes = wholeNumber(
    'checkoutTtlMinutes',
    text('checkoutTtlMinutes'),
    CHECKOUT_TTL_RANGE,
    DEFAULT_CHECKOUT_TTL_MINUTES,
    ' of minutes',
  );
  const reminderTime = text('reminderTime') ?? DEFAULT_REMINDER_SCHEDULE.time;
  if (!isTimeOfDay(reminderTime)) {
    throw new Error(
      `reminderTime: "${reminderTime}" is not a time of day like ${DEFAULT_REMINDER_SCHEDULE.time}`,
    );
  }
  const reminderTimeZone = text('reminderTimeZone') ?? DEFAULT_REMINDER_SCHEDULE.timeZone;
  if (!isTimeZone(reminderTimeZone)) {
    throw new Error(
      `reminderTimeZone: "${reminderTimeZone}" is not an IANA time zone like Europe/Warsaw or UTC`,
    );
  }
  const reminderSendsPerSecond = wholeNumber(
    'reminderSendsPerSecond',
    text('reminderSendsPerSecond'),
    REMINDER_SENDS_RANGE,
    DEFAULT_REMINDER_SENDS_PER_SECOND,
  );
  const portalLicenseUrl = httpsTemplate(
    'portalLicenseUrl',
    text('portalLicenseUrl'),
    '{licenseId}',
    DEFAULT_PORTAL_LICENSE_URL,
  );
  return {
    corsAllowedOrigins,
    emailFrom,
    opsEmail,
    storeCheckoutUrl,
    checkoutTtlMinutes,
    reminderTime,
    reminderTimeZone,
    reminderSendsPerSecond,
    portalLicenseUrl,
  };
};

/** An https URL with `placeholder` in it (replaced per item), or `fallback` when not set. */
const httpsTemplate = (key: string, value: string | undefined, placeholder: string, fallback: string) => {
  const template = value ?? fallback;
  const example = template.replaceAll(placeholder, 'x-1');
  if (!template.includes(placeholder) || !URL.canParse(example) || new URL(example).protocol !== 'https:') {
    throw new Error(`${key}: "${template}" is not an https URL with ${placeholder}, like ${fallback}`);
  }
  return template;
};

/** A whole number in `range` (context values come as text, or as numbers from `-c`), or `fallback`. */
const wholeNumber = (
  key: string,
  value: string | undefined,
  range: { min: number; max: number },
  fallback: number,
  unit = '',
): number => {
  const number = value === undefined ? fallback : Number(value);
  if (!Number.isInteger(number) || number < range.min || number > range.max) {
    throw new Error(`${key}: "${value}" is not a whole number${unit} from ${range.min} to ${range.max}`);
  }
  return number;
};
