import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A fresh access token (web mode's run, an external agent's session with Braid's tools): 32 random bytes, URL-safe. */
export const createAccessToken = (): string => randomBytes(32).toString('base64url');

/** Constant-time comparison, so the token cannot be guessed byte by byte from timings. */
export function tokenMatches(expected: string, presented: string | null | undefined): boolean {
  if (!presented) return false;
  const a = createHash('sha256').update(expected).digest();
  const b = createHash('sha256').update(presented).digest();
  return timingSafeEqual(a, b);
}
