/**
 * Reading the entries of a workspace config someone wrote by hand: each reader returns the
 * value or records a problem naming the file and the entry, so a malformed file says exactly
 * what to fix instead of silently running less (or more) than the user meant.
 */
export class ConfigFields {
  readonly problems: string[] = [];

  constructor(private readonly file: string) {}

  problem(where: string, what: string): void {
    this.problems.push(`${this.file}: ${where} ${what}`);
  }

  /** A table (object) or nothing; anything else is a problem. */
  table(value: unknown, where: string): Record<string, unknown> | undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'object' || Array.isArray(value)) {
      this.problem(where, `must be an object, not ${describe(value)}`);
      return undefined;
    }
    return value as Record<string, unknown>;
  }

  /**
   * A script: one command line (which may span lines) or a list of them, run in order. Empty
   * strings and a missing entry mean no script.
   */
  commands(value: unknown, where: string): string[] {
    if (value === undefined || value === null) return [];
    if (typeof value === 'string') return value.trim() === '' ? [] : [value];
    if (Array.isArray(value)) {
      const lines: string[] = [];
      value.forEach((entry, index) => {
        if (typeof entry !== 'string') this.problem(`${where}[${index}]`, `must be a command line (a string), not ${describe(entry)}`);
        else if (entry.trim() !== '') lines.push(entry);
      });
      return lines;
    }
    this.problem(where, `must be a command line or a list of command lines, not ${describe(value)}`);
    return [];
  }

  /** A list of strings (patterns), or nothing. */
  strings(value: unknown, where: string): string[] | null {
    if (value === undefined || value === null) return null;
    if (!Array.isArray(value)) {
      this.problem(where, `must be a list of strings, not ${describe(value)}`);
      return null;
    }
    const strings: string[] = [];
    value.forEach((entry, index) => {
      if (typeof entry === 'string') strings.push(entry);
      else this.problem(`${where}[${index}]`, `must be a string, not ${describe(entry)}`);
    });
    return strings;
  }

  /** Conductor's `concurrent` / `nonconcurrent` (default concurrent). */
  runMode(value: unknown, where: string): 'concurrent' | 'nonconcurrent' {
    if (value === undefined || value === null || value === 'concurrent') return 'concurrent';
    if (value === 'nonconcurrent') return 'nonconcurrent';
    this.problem(where, `must be "concurrent" or "nonconcurrent", not ${describe(value)}`);
    return 'concurrent';
  }

  /** Keys a format does not know: probably a typo, which would silently run nothing. */
  onlyKnownKeys(table: Record<string, unknown>, known: readonly string[], where: string): void {
    for (const key of Object.keys(table)) {
      if (!known.includes(key)) this.problem(where === '' ? `"${key}"` : `${where}.${key}`, `is not a known entry (known: ${known.join(', ')})`);
    }
  }
}

export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return `the text ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}
