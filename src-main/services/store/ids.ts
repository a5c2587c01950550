import { randomBytes } from 'node:crypto';

const alphabet = '0123456789abcdefghijklmnopqrstuvwxyz';
export const idLength = 10;
export const shortIdLength = 6;

/**
 * A random lowercase base-36 id (matches `idSchema`), safe in folder and branch names.
 * 10 characters ≈ 51 bits: collisions are not a practical concern at this scale.
 */
export function newId(): string {
  const bytes = randomBytes(idLength * 2);
  let id = '';
  // Rejection sampling keeps every character equally likely (252 = 7 * 36).
  for (const byte of bytes) {
    if (byte >= 252) continue;
    id += alphabet[byte % 36];
    if (id.length === idLength) return id;
  }
  return id.length === idLength ? id : id + newId().slice(0, idLength - id.length);
}

/** The first characters of an id, used where the full id would be noise (folders, branches). */
export function shortId(id: string): string {
  return id.slice(0, shortIdLength);
}
