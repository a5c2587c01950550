import type { SlashCommand, SlashCommandProblem } from '../../../src-shared/contract';

/**
 * What the `/` menu filters by: the name typed after a leading slash, while the user is still
 * typing it (no space yet). Null when the menu has nothing to do: no slash, `//` (a message that
 * starts with a slash), or the name is finished and the arguments begun.
 */
export function menuQuery(text: string): string | null {
  if (!text.startsWith('/') || text.startsWith('//')) return null;
  const name = text.slice(1);
  return /\s/.test(name) ? null : name;
}

/**
 * The commands matching `query`, best first: names that start with it, then names with a
 * namespace segment or word that starts with it (`comp` finds `frontend:component`), then names
 * containing it, then descriptions containing it. Case does not matter; the list's order holds
 * within each group (built-ins, the project's, the user's, MCP prompts).
 */
export function filterCommands(commands: readonly SlashCommand[], query: string): SlashCommand[] {
  const wanted = query.toLowerCase();
  if (wanted === '') return [...commands];
  const rank = (command: SlashCommand): number => {
    const name = command.name.toLowerCase();
    if (name.startsWith(wanted)) return 0;
    if (name.split(/[:_-]+/).some((part) => part.startsWith(wanted))) return 1;
    if (name.includes(wanted)) return 2;
    if (command.description.toLowerCase().includes(wanted)) return 3;
    return -1;
  };
  return commands
    .map((command, index) => ({ command, index, rank: rank(command) }))
    .filter((entry) => entry.rank >= 0)
    .sort((a, b) => a.rank - b.rank || a.index - b.index)
    .map((entry) => entry.command);
}

/** The text after choosing a command: its name and a space, ready for the arguments. */
export function completedText(command: SlashCommand): string {
  return `/${command.name} `;
}

/**
 * The menu's one line about problems: command files that could not be read, and MCP servers
 * whose prompts are missing (the host names those `MCP server <name>`); /help lists them all.
 */
export function problemsNote(problems: readonly SlashCommandProblem[]): string | null {
  const servers = problems.filter((problem) => problem.file.startsWith('MCP server ')).map((problem) => problem.file.slice('MCP server '.length));
  const files = problems.length - servers.length;
  const parts: string[] = [];
  if (files > 0) parts.push(`${files} command file${files === 1 ? '' : 's'} with problems`);
  if (servers.length === 1) parts.push(`MCP server ${servers[0]} did not list its prompts`);
  else if (servers.length > 1) parts.push(`${servers.length} MCP servers did not list their prompts`);
  return parts.length === 0 ? null : `${parts.join('; ')} (/help lists them)`;
}
