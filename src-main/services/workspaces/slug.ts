export const maxSlugLength = 40;

/**
 * A folder- and branch-safe rendering of a title: lowercase ASCII letters, digits and
 * single dashes, at most 40 characters, never empty (`fallback` when nothing survives).
 */
export function slugify(text: string, fallback: string): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '') // drop the accents NFKD split off: "é" → "e"
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+/, '')
    .slice(0, maxSlugLength)
    .replace(/-+$/, '');
  return slug || fallback;
}
