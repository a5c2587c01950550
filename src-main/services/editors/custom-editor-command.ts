import { parseShell, ShellParseError } from '../permissions/shell-parse';

export type CustomCommandParse = { ok: true; program: string; args: string[] } | { ok: false; problem: string };

/** The placeholder for the workspace folder in a custom command; appended when absent. */
export const pathPlaceholder = '{path}';

/**
 * The user's own "open in editor" command (`subl -n {path}`, `"/opt/My Editor/bin/ed" {path}`)
 * as one program and its arguments. It runs without a shell, so only a single plain command
 * is accepted: no pipes, `;`, redirects, substitutions or variables, which would otherwise do
 * something other than what the words say.
 */
export function parseCustomEditorCommand(text: string): CustomCommandParse {
  const source = text.trim();
  if (!source) return { ok: false, problem: 'The command is empty.' };
  let commands;
  try {
    commands = parseShell(source);
  } catch (error) {
    if (error instanceof ShellParseError) return { ok: false, problem: `The command cannot be read: ${error.message}` };
    throw error;
  }
  if (commands.length !== 1) return { ok: false, problem: 'Give one program and its arguments: pipes, `;` and `&&` are not run (there is no shell).' };
  const [command] = commands;
  if (!command || command.words.length === 0) return { ok: false, problem: 'The command names no program.' };
  if (command.assignments.length > 0) return { ok: false, problem: 'Variable assignments (`NAME=value`) are not supported; there is no shell.' };
  if (command.redirects.length > 0) return { ok: false, problem: 'Redirects (`>`, `<`) are not supported; there is no shell.' };
  if (command.substitutions.length > 0 || command.words.some((word) => word.dynamic)) {
    return { ok: false, problem: 'Variables and `$(…)` are not expanded; write the values out.' };
  }
  const words = command.words.map((word) => word.value);
  const [program, ...args] = words as [string, ...string[]];
  if (program.includes(pathPlaceholder)) return { ok: false, problem: `${pathPlaceholder} cannot be the program.` };
  return { ok: true, program, args: args.some((arg) => arg.includes(pathPlaceholder)) ? args : [...args, pathPlaceholder] };
}

/** The arguments with the workspace folder in place of every `{path}`. */
export function withWorkspacePath(args: readonly string[], path: string): string[] {
  return args.map((arg) => arg.split(pathPlaceholder).join(path));
}
