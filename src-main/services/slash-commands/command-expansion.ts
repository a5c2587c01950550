/**
 * Claude Code's placeholders in a command's body: `$ARGUMENTS` is everything typed after the
 * command, `$1` … `$9` the words of it (quotes group words: `"two words"`). `$10` is `$1`
 * followed by a 0 in Claude Code; here it is left as it is, since only `$1`…`$9` exist. A body
 * with no placeholder gets the arguments appended as `ARGUMENTS: …`, as Claude Code does, so
 * they are never lost.
 */
export function expandPlaceholders(body: string, args: string): string {
  const words = splitArguments(args);
  let used = false;
  const expanded = body.replace(/\$ARGUMENTS\b|\$([1-9])(?![0-9])/g, (_match, position: string | undefined) => {
    used = true;
    return position === undefined ? args : (words[Number(position) - 1] ?? '');
  });
  if (!used && args.trim() !== '') return `${expanded.trimEnd()}\n\nARGUMENTS: ${args}`;
  return expanded;
}

/** Words as a shell would split them for `$1`…: whitespace separates, quotes group (and are removed). */
export function splitArguments(args: string): string[] {
  const words: string[] = [];
  let current = '';
  let quote: '"' | "'" | null = null;
  let inWord = false;
  for (const char of args) {
    if (quote) {
      if (char === quote) quote = null;
      else current += char;
    } else if (char === '"' || char === "'") {
      quote = char;
      inWord = true;
    } else if (/\s/.test(char)) {
      if (inWord) words.push(current);
      current = '';
      inWord = false;
    } else {
      current += char;
      inWord = true;
    }
  }
  if (inWord) words.push(current);
  return words;
}
