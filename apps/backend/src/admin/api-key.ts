import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * A key is `rcp_<12 hex>_<43 base64url>`: the first part (the prefix) is stored in clear, shown in
 * listings and used to find the row; the secret (256 random bits) is stored only as a hash.
 */
const KEY_PATTERN = /^(rcp_[0-9a-f]{12})_([A-Za-z0-9_-]{43})$/;

export function generateApiKey(): { key: string; prefix: string; secretHash: string } {
  const prefix = `rcp_${randomBytes(6).toString('hex')}`;
  const secret = randomBytes(32).toString('base64url');
  return { key: `${prefix}_${secret}`, prefix, secretHash: hashSecret(secret) };
}

export function parseApiKey(key: string): { prefix: string; secret: string } | null {
  const m = KEY_PATTERN.exec(key);
  return m ? { prefix: m[1]!, secret: m[2]! } : null;
}

/**
 * SHA-256, deliberately not bcrypt/scrypt/argon2: those slow hashes exist to protect low-entropy
 * human passwords from guessing. Our secrets are 256 random bits, so a guess is hopeless even at
 * billions of hashes per second, and a fast hash keeps authentication off the request's critical
 * path (a slow hash would cost tens of milliseconds of CPU on every admin request).
 */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** Constant-time comparison so response timing does not reveal how much of a hash matched. */
export function secretMatches(secret: string, storedHash: string): boolean {
  const a = Buffer.from(hashSecret(secret), 'hex');
  const b = Buffer.from(storedHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}
