import { createHash, randomInt, timingSafeEqual } from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
export const CODE_LENGTH = 32;
/** Wrong codes an account may present before its pending code is voided (API.md 5.4). */
export const MAX_CODE_ATTEMPTS = 5;

/** A reset / registration / invitation code: 32 characters of [0-9A-Z] from the CSPRNG. */
export function generateCode(): string {
  let code = '';
  for (let i = 0; i < CODE_LENGTH; i++) code += ALPHABET[randomInt(ALPHABET.length)];
  return code;
}

/** How a code is stored: SHA-256 hex (a 32-character random code needs no slow hash). */
export function hashCode(code: string): string {
  return createHash('sha256').update(code, 'utf8').digest('hex');
}

/**
 * Exact comparison: no trimming, case-sensitive; anything that is not a non-empty string never
 * matches. Compares fixed-length digests in constant time.
 */
export function codeMatches(presented: unknown, storedHash: string | null | undefined): boolean {
  if (typeof presented !== 'string' || presented === '' || !storedHash || !/^[0-9a-f]{64}$/.test(storedHash)) return false;
  return timingSafeEqual(Buffer.from(hashCode(presented), 'hex'), Buffer.from(storedHash, 'hex'));
}
