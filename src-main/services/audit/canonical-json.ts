/**
 * Canonical JSON (RFC 8785, "JCS", for the values JSON can hold): object keys sorted by their
 * UTF-16 code units, no whitespace, strings and numbers written exactly as `JSON.stringify`
 * writes them (which is what RFC 8785 specifies for both). The same value always gives the
 * same text, whatever order its keys were built in, so a hash over it can be recomputed by
 * anyone with any JCS implementation.
 *
 * Written here rather than taken from a package: it is twenty lines over `JSON.stringify`,
 * and the hash chain must not change because a dependency did. Like `JSON.stringify`,
 * `undefined` and functions are left out of objects (and are `null` in arrays), and non-finite
 * numbers become `null`; `toJSON` is honoured, so a `Date` is its ISO text.
 */
export function canonicalJson(value: unknown): string {
  return write(value) ?? 'null';
}

function write(value: unknown): string | undefined {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'bigint') throw new TypeError('canonicalJson: a bigint has no JSON form');
    // Strings, finite and non-finite numbers, booleans; undefined, functions and symbols → undefined.
    return JSON.stringify(value);
  }
  const withJson = value as { toJSON?: () => unknown };
  if (typeof withJson.toJSON === 'function') return write(withJson.toJSON());
  if (Array.isArray(value)) return `[${value.map((item) => write(item) ?? 'null').join(',')}]`;
  const record = value as Record<string, unknown>;
  const parts: string[] = [];
  // The default sort compares UTF-16 code units, which is the order RFC 8785 asks for.
  for (const key of Object.keys(record).sort()) {
    const text = write(record[key]);
    if (text !== undefined) parts.push(`${JSON.stringify(key)}:${text}`);
  }
  return `{${parts.join(',')}}`;
}
