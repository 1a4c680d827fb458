import {randomBytes, scrypt, timingSafeEqual, type ScryptOptions} from 'node:crypto';

/**
 * Password hashing with Node's scrypt (no hand-written crypto): a 16-byte random salt, a 32-byte
 * key, stored as `scrypt$N$r$p$salt$key` (base64url) so the cost can be raised later without
 * breaking older hashes.
 */
const COST = {N: 16384, r: 8, p: 1};
const KEY_BYTES = 32;

function derive(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(
      password.normalize('NFKC'),
      salt,
      KEY_BYTES,
      {...options, maxmem: 64 * 1024 * 1024},
      (error, key) => (error ? reject(error) : resolve(key)),
    ),
  );
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, COST);
  return [
    'scrypt',
    COST.N,
    COST.r,
    COST.p,
    salt.toString('base64url'),
    key.toString('base64url'),
  ].join('$');
}

/** A hash of nothing in particular: checked against when there is no account, to keep timing alike. */
let dummy: Promise<string> | undefined;

/** Whether `password` matches `stored`; with `stored` null, spends the same time and says no. */
export async function verifyPassword(password: string, stored: string | null): Promise<boolean> {
  const hash = stored ?? (await (dummy ??= hashPassword(randomBytes(16).toString('hex'))));
  const [scheme, N, r, p, salt, key] = hash.split('$');
  if (scheme !== 'scrypt' || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64url');
  const actual = await derive(password, Buffer.from(salt, 'base64url'), {
    N: Number(N),
    r: Number(r),
    p: Number(p),
  });
  return timingSafeEqual(actual, expected) && stored !== null;
}
