import { createHash, randomInt } from 'node:crypto';

/**
 * Activation codes: 20 characters from an alphabet without look-alikes (no I, L, O, 0, 1), shown as
 * `XXXXX-XXXXX-XXXXX-XXXXX`.
 */
export const ACTIVATION_CODE_LENGTH = 20;
export const ACTIVATION_CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const CANONICAL = new RegExp(`^[${ACTIVATION_CODE_ALPHABET}]{${ACTIVATION_CODE_LENGTH}}$`);

/** Input ignores case, spaces and dashes: `abcde-fghjk …` → `ABCDEFGHJK…`. */
export const stripActivationCode = (input: string): string => input.replace(/[\s-]+/g, '').toUpperCase();

/** Whether a stripped code is 20 characters of the alphabet. */
export const isActivationCode = (code: string): boolean => CANONICAL.test(code);

/** The canonical 20 characters of a typed code, or null if it is malformed. */
export const normalizeActivationCode = (input: string): string | null => {
  const code = stripActivationCode(input);
  return isActivationCode(code) ? code : null;
};

/** `XXXXX-XXXXX-XXXXX-XXXXX`. */
export const formatActivationCode = (code: string): string => code.match(/.{1,5}/g)?.join('-') ?? code;

/** The last 5 characters: all any read route ever shows. */
export const activationCodeHint = (code: string): string => code.slice(-5);

/** A new code from the CSPRNG (31^20 ≈ 2^99 possibilities). */
export const generateActivationCode = (): string =>
  Array.from(
    { length: ACTIVATION_CODE_LENGTH },
    () => ACTIVATION_CODE_ALPHABET[randomInt(ACTIVATION_CODE_ALPHABET.length)],
  ).join('');

/**
 * The lookup key of a code. A plain SHA-256 suffices (no pepper): with ~99 bits of entropy a code
 * cannot be recovered from its hash by guessing, and the import tool can compute it without secrets.
 */
export const activationCodeLookupHash = (code: string): string =>
  createHash('sha256').update(`activation-code:${code}`).digest('base64url');
