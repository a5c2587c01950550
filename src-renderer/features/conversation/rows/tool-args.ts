/** The one argument that says what a call does, for the card's title line. */
export function argsSummary(args: unknown): string | null {
  if (typeof args !== 'object' || args === null) return null;
  const record = args as Record<string, unknown>;
  for (const key of ['command', 'path', 'pattern', 'query', 'url', 'text', 'agent']) {
    const value = record[key];
    if (typeof value === 'string' && value.trim() !== '') return value.length > 160 ? `${value.slice(0, 160)}…` : value;
  }
  return null;
}

/** Arguments as readable JSON, capped so a huge payload cannot swamp the page. */
export function argsJson(args: unknown, cap = 20_000): string {
  let text: string;
  try {
    text = JSON.stringify(args, null, 2) ?? String(args);
  } catch {
    text = String(args);
  }
  return text.length > cap ? `${text.slice(0, cap)}\n… (${text.length - cap} more characters)` : text;
}
