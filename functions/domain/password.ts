import { randomBytes, type ScryptOptions, scrypt, timingSafeEqual } from 'node:crypto';

/**
 * Password hashing with scrypt at OWASP's parameters (N = 2^17, r = 8, p = 1). The hash string
 * carries its own parameters, `scrypt$<logN>$<r>$<p>$<salt b64>$<key b64>`, so they can be raised later.
 */
const KEY_LENGTH = 32;
const SALT_LENGTH = 16;

const derive = (password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, KEY_LENGTH, options, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });

const optionsFor = (logN: number, r: number, p: number): ScryptOptions => ({
  N: 2 ** logN,
  r,
  p,
  // Node's default ceiling (32 MiB) is below what N = 2^17, r = 8 needs (128 MiB).
  maxmem: 2 * 128 * r * 2 ** logN,
});

export const hashPassword = async (password: string, logN = 17): Promise<string> => {
  const salt = randomBytes(SALT_LENGTH);
  const key = await derive(password, salt, optionsFor(logN, 8, 1));
  return ['scrypt', logN, 8, 1, salt.toString('base64'), key.toString('base64')].join('$');
};

/** Constant-time check of a password against a stored hash; false for any malformed hash. */
export const verifyPassword = async (password: string, stored: string): Promise<boolean> => {
  const [scheme, logN, r, p, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !logN || !r || !p || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64');
  const actual = await derive(
    password,
    Buffer.from(salt, 'base64'),
    optionsFor(Number(logN), Number(r), Number(p)),
  );
  return actual.length === expected.length && timingSafeEqual(actual, expected);
};

/**
 * A hash no password matches (a random key under a random salt), checked against when the email is
 * unknown, so an unknown email costs exactly the one scrypt run a wrong password costs, with the same
 * parameters, and timing does not reveal which accounts exist. Building it runs no scrypt at all.
 */
const decoys = new Map<number, string>();
export const decoyPasswordHash = (logN = 17): string => {
  let decoy = decoys.get(logN);
  if (!decoy) {
    decoy = [
      'scrypt',
      logN,
      8,
      1,
      randomBytes(SALT_LENGTH).toString('base64'),
      randomBytes(KEY_LENGTH).toString('base64'),
    ].join('$');
    decoys.set(logN, decoy);
  }
  return decoy;
};
