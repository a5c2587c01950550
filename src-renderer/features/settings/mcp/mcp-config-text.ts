/**
 * The MCP server form's text areas ↔ config values. Each area is one item per line, which is
 * easy to type and paste; parsing names the line that is wrong instead of guessing.
 */

export type LinesParse<T> = { ok: true; value: T } | { ok: false; message: string };

const splitLines = (text: string): string[] => text.split(/\r\n|\r|\n/);
const hasNul = (text: string) => text.includes('\0');

/** Arguments, one per line. Lines are trimmed (stray spaces from pasting) and blank ones skipped. */
export function parseArgsText(text: string): LinesParse<string[]> {
  const args: string[] = [];
  for (const [index, line] of splitLines(text).entries()) {
    if (hasNul(line)) return { ok: false, message: `Arguments, line ${index + 1}: contains a NUL character.` };
    const arg = line.trim();
    if (arg !== '') args.push(arg);
  }
  return { ok: true, value: args };
}

const envName = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * `KEY=VALUE` per line; the value is everything after the first `=`, trimmed. Blank lines and
 * `# comments` are skipped, and a leading `export ` is accepted (lines pasted from a shell file).
 * A name set twice is refused: silently keeping one of them hides a mistake.
 */
export function parseEnvText(text: string): LinesParse<Record<string, string>> {
  const entries = new Map<string, { value: string; line: number }>();
  for (const [index, raw] of splitLines(text).entries()) {
    const where = `Environment, line ${index + 1}`;
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    if (hasNul(line)) return { ok: false, message: `${where}: contains a NUL character.` };
    const assignment = line.replace(/^export\s+/, '');
    const equals = assignment.indexOf('=');
    if (equals < 0) return { ok: false, message: `${where}: write NAME=value.` };
    const name = assignment.slice(0, equals).trim();
    if (!envName.test(name)) {
      return { ok: false, message: `${where}: "${name}" is not a variable name (letters, digits and _, not starting with a digit).` };
    }
    const earlier = entries.get(name);
    if (earlier) return { ok: false, message: `${where}: ${name} is already set on line ${earlier.line}.` };
    entries.set(name, { value: assignment.slice(equals + 1).trim(), line: index + 1 });
  }
  // fromEntries defines own properties, so a name like `__proto__` stays an ordinary key.
  return { ok: true, value: Object.fromEntries([...entries].map(([name, { value }]) => [name, value])) };
}

/** An HTTP header name is a "token" (RFC 9110). */
const headerName = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
// eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
const controlCharacter = /[\u0000-\u0008\u000a-\u001f\u007f]/;

/**
 * `Name: value` per line; the value is everything after the first `:` (so URLs and
 * `Bearer a:b` survive), trimmed. A header given twice (names ignore case) is refused.
 */
export function parseHeadersText(text: string): LinesParse<Record<string, string>> {
  const entries = new Map<string, { name: string; value: string; line: number }>();
  for (const [index, raw] of splitLines(text).entries()) {
    const where = `Headers, line ${index + 1}`;
    const line = raw.trim();
    if (line === '') continue;
    const colon = line.indexOf(':');
    if (colon < 0) return { ok: false, message: `${where}: write Name: value.` };
    const name = line.slice(0, colon).trim();
    const value = line.slice(colon + 1).trim();
    if (!headerName.test(name)) return { ok: false, message: `${where}: "${name}" is not a header name.` };
    if (controlCharacter.test(value)) return { ok: false, message: `${where}: the value of ${name} contains a control character.` };
    const earlier = entries.get(name.toLowerCase());
    if (earlier) return { ok: false, message: `${where}: ${name} is already set on line ${earlier.line}.` };
    entries.set(name.toLowerCase(), { name, value, line: index + 1 });
  }
  return { ok: true, value: Object.fromEntries([...entries.values()].map(({ name, value }) => [name, value])) };
}

export const formatArgsText = (args: readonly string[] | undefined): string => (args ?? []).join('\n');

export const formatEnvText = (env: Record<string, string> | undefined): string =>
  Object.entries(env ?? {})
    .map(([name, value]) => `${name}=${value}`)
    .join('\n');

export const formatHeadersText = (headers: Record<string, string> | undefined): string =>
  Object.entries(headers ?? {})
    .map(([name, value]) => `${name}: ${value}`)
    .join('\n');
