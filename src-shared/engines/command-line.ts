/**
 * A command line as the user types it into "Other ACP command", split into the program and its
 * arguments the way a POSIX shell splits words: whitespace separates, single quotes keep
 * everything, double quotes keep all but `\"` and `\\`, a backslash outside quotes keeps the next
 * character. Nothing is expanded (no `$VAR`, no `~`, no globs): the program is started directly.
 * An unclosed quote is an error, said in words.
 */
export function splitCommandLine(line: string): { ok: true; argv: string[] } | { ok: false; message: string } {
  const argv: string[] = [];
  let word: string | null = null;
  let quote: "'" | '"' | null = null;
  for (let index = 0; index < line.length; index++) {
    const char = line[index]!;
    if (quote === "'") {
      if (char === "'") quote = null;
      else word += char;
      continue;
    }
    if (quote === '"') {
      if (char === '"') quote = null;
      else if (char === '\\' && (line[index + 1] === '"' || line[index + 1] === '\\')) word += line[++index]!;
      else word += char;
      continue;
    }
    if (/\s/.test(char)) {
      if (word !== null) argv.push(word);
      word = null;
      continue;
    }
    word ??= '';
    if (char === "'" || char === '"') quote = char;
    else if (char === '\\' && index + 1 < line.length) word += line[++index]!;
    else word += char;
  }
  if (quote) return { ok: false, message: `The ${quote === '"' ? 'double' : 'single'} quote is not closed.` };
  if (word !== null) argv.push(word);
  if (argv.length === 0) return { ok: false, message: 'Enter the command that starts the agent.' };
  return { ok: true, argv };
}
