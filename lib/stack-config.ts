import type { Node } from 'constructs';

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
}

/** The local runs' sender (see `functions/config.ts`); a real deployment passes its own. */
const DEFAULT_EMAIL_FROM = 'no-reply@renewal-hub.example';

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
  return { corsAllowedOrigins, emailFrom, opsEmail };
};
