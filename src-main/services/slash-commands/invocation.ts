/** What the user typed: a slash command with its arguments, or a plain message. */
export type SlashInput = { kind: 'command'; name: string; arguments: string } | { kind: 'text'; text: string };

/** A command name: letters, digits, `_`, `-`, `.` and `:` (a namespace, `frontend:component`). */
export const commandNamePattern = /^[A-Za-z0-9_][A-Za-z0-9_.:-]*$/;

/**
 * `/name arguments` is a command. `//text` sends `/text` as a plain message, and a slash not
 * followed by a command name (`/etc/hosts is missing`) is plain text too.
 */
export function parseSlashInput(text: string): SlashInput {
  const trimmed = text.trim();
  if (!trimmed.startsWith('/')) return { kind: 'text', text };
  if (trimmed.startsWith('//')) return { kind: 'text', text: trimmed.slice(1) };
  const match = /^\/(\S+)(?:\s+([\s\S]*))?$/.exec(trimmed);
  const name = match?.[1] ?? '';
  if (!commandNamePattern.test(name)) return { kind: 'text', text };
  return { kind: 'command', name, arguments: (match?.[2] ?? '').trim() };
}
