import { changedDirectory, describeLocation, locatePath, type CommandPlace } from './command-paths';
import { basename, unwrapCommand, type Concern } from './command-wrappers';
import { hardDenyFor, type HardDenyHit } from './hard-deny';
import { parseShell, ShellParseError, type ShellRedirect, type ShellWord, type SimpleCommand } from './shell-parse';

/** One simple command of a command line, as rules see it. */
export interface CommandPart {
  /** The command as written, wrappers and redirects taken off: what `Bash(…)` rules match. */
  text: string;
  /** The same words with quotes removed. */
  normalized: string;
  /** The program's base name; null for a part that only sets variables or redirects. */
  program: string | null;
  words: ShellWord[];
  redirects: ShellRedirect[];
  /** The folder it runs in; null after a `cd` to a place not known in advance. */
  cwd: string | null;
  /** What keeps a rule from approving it (see `Concern`). */
  concerns: Concern[];
  hardDeny: HardDenyHit | null;
  /** Runs inside a substitution or an `sh -c` / `eval` script of another part. */
  nested: boolean;
}

export interface CommandAnalysis {
  parts: CommandPart[];
  /** Why the command line could not be read (then it always asks). */
  problem: string | null;
}

const maxScriptDepth = 4;

/**
 * Splits a command line into the parts that are checked one by one: each simple command of
 * lists, pipelines, subshells, substitutions and `sh -c` scripts, wrappers stripped, with the
 * folder it runs in (a `cd` is followed), its concerns and any hard-deny hit.
 */
export function analyzeCommand(command: string, place: CommandPlace): CommandAnalysis {
  const parts: CommandPart[] = [];
  try {
    walk(parseShell(command), place.worktree, false, 0, parts, place);
    return { parts, problem: null };
  } catch (error) {
    if (error instanceof ShellParseError) return { parts, problem: error.message };
    throw error;
  }
}

/** Adds the parts of `commands` in order; returns the folder the last one leaves the shell in. */
function walk(commands: SimpleCommand[], startCwd: string | null, nested: boolean, depth: number, parts: CommandPart[], place: CommandPlace): string | null {
  let cwd = startCwd;
  const pipelinePrograms = new Map<number, string[]>();
  for (const command of commands) {
    const unwrapped = unwrapCommand(command.assignments, command.words);
    const substituted = command.substitutions.flatMap((substitution) => substitution.commands.map((inner) => programOf(inner)).filter((name): name is string => name !== null));
    // What the substitutions run is checked like any other command (it runs before this one).
    for (const substitution of command.substitutions) walk(substitution.commands, cwd, true, depth, parts, place);
    const upstream = pipelinePrograms.get(command.pipeline) ?? [];
    const program = unwrapped.words[0] ? basename(unwrapped.words[0].value) : null;
    if (program) pipelinePrograms.set(command.pipeline, [...upstream, program]);

    const concerns = [...unwrapped.concerns];
    if (command.substitutions.length > 0) concerns.push({ kind: 'substitution', text: `runs ${command.substitutions.map((substitution) => `$(${substitution.text.trim()})`).join(', ')} first` });
    for (const redirect of command.redirects) {
      if (!redirect.writes || !redirect.target) continue;
      const location = locatePath(redirect.target, cwd, place);
      if (location.kind === 'outside' || location.kind === 'unknown') concerns.push({ kind: 'redirect-outside', text: `${redirect.op} ${redirect.target.raw}: ${describeLocation(location)}` });
    }
    const hardDeny = program
      ? hardDenyFor({ program, args: unwrapped.words.slice(1), redirects: command.redirects, cwd, upstream, substituted }, place)
      : hardDenyFor({ program: '', args: [], redirects: command.redirects, cwd, upstream, substituted }, place);

    if (unwrapped.script !== null) {
      if (depth >= maxScriptDepth) throw new ShellParseError('scripts nested more than four deep are not parsed');
      // The script is what runs: its parts are checked instead of the shell that runs it.
      const before = parts.length;
      walk(parseShell(unwrapped.script), cwd, true, depth + 1, parts, place);
      const first = parts[before];
      if (first) {
        first.concerns.push(...concerns);
        first.hardDeny ??= hardDeny;
        first.redirects.push(...command.redirects);
      }
      continue;
    }
    parts.push({
      text: unwrapped.words.map((word) => word.raw).join(' '),
      normalized: unwrapped.words.map((word) => word.value).join(' '),
      program,
      words: unwrapped.words,
      redirects: command.redirects,
      cwd,
      concerns,
      hardDeny,
      nested,
    });
    if (program === 'cd' || program === 'pushd') cwd = changedDirectory(unwrapped.words[1], cwd, place);
    else if (program === 'popd') cwd = null;
  }
  return cwd;
}

function programOf(command: SimpleCommand): string | null {
  const unwrapped = unwrapCommand(command.assignments, command.words);
  return unwrapped.words[0] ? basename(unwrapped.words[0].value) : null;
}
