import type { CommandPart } from './command-analysis';
import { locatePath, type CommandPlace } from './command-paths';

/** Programs whose every path argument is written (created, removed, changed). */
const writesEveryPath = new Set(['rm', 'rmdir', 'mkdir', 'touch', 'truncate', 'chmod', 'chown', 'chgrp', 'tee', 'shred', 'unlink']);
/** Programs that write their last path argument (the destination); `mv` also removes its sources. */
const writesDestination = new Set(['cp', 'ln', 'install', 'rsync']);
/** In-place editors: they write their file arguments with `-i` (sed, perl) or always (patch writes the files its patch names). */
const inPlaceEditors = new Set(['sed', 'perl', 'ruby']);

/**
 * git subcommands that only read. Anything else (commit, checkout, reset, stash, add, restore,
 * apply, merge, clean, …) changes the repository or the worktree. `branch`, `tag`, `remote`,
 * `config` and `stash` only list when given no names (checked below).
 */
const readOnlyGit = new Set([
  'status', 'diff', 'log', 'show', 'blame', 'annotate', 'grep', 'ls-files', 'ls-tree', 'rev-parse', 'rev-list', 'merge-base', 'cat-file',
  'shortlog', 'describe', 'name-rev', 'whatchanged', 'range-diff', 'diff-tree', 'diff-index', 'diff-files', 'for-each-ref', 'show-ref',
  'show-branch', 'cherry', 'count-objects', 'check-ignore', 'check-attr', 'var', 'version', 'help',
]);
const listingGit = new Set(['branch', 'tag', 'remote']);
/** git options that take a value before the subcommand. */
const gitValueOptions = new Set(['-C', '-c', '--git-dir', '--work-tree', '--namespace', '--exec-path']);

const positional = (part: CommandPart) => part.words.slice(1).filter((word) => !word.value.startsWith('-'));

/**
 * Why a part of a review task's command would change the workspace it reviews, or null: a
 * redirect writing into it, a file command on a path inside it (rm, mkdir, touch, cp/mv/ln into
 * it, …), an in-place edit (`sed -i`), a git command that is not a read. What a program does
 * beyond its arguments (a test writing a cache, a formatter run by a script) is not visible here:
 * in the sandbox a review task's worktree is read-only (`confinementFor`).
 */
export function reviewWriteOf(part: CommandPart, place: CommandPlace): string | null {
  const inside = (word: CommandPart['words'][number]) => {
    const location = locatePath(word, part.cwd, place);
    // A path Braid cannot place (a variable, an unknown folder) may be inside: a review does not guess.
    return location.kind === 'inside' || location.kind === 'unknown';
  };
  for (const redirect of part.redirects) {
    if (redirect.writes && redirect.target && inside(redirect.target)) return `${redirect.op} ${redirect.target.raw} writes into the workspace`;
  }
  const program = part.program;
  if (!program) return null;
  const paths = positional(part);
  if (writesEveryPath.has(program) && paths.some(inside)) return `${program} changes files of the workspace`;
  if (program === 'mv' && paths.length > 0 && paths.some(inside)) return 'mv moves files of the workspace';
  if (writesDestination.has(program) && paths.length > 1 && inside(paths[paths.length - 1]!)) return `${program} writes into the workspace`;
  if (inPlaceEditors.has(program) && part.words.some((word) => /^-[a-zA-Z]*i/.test(word.value) || word.value.startsWith('--in-place')) && paths.some(inside)) {
    return `${program} -i edits files of the workspace in place`;
  }
  if (program === 'patch' || program === 'dd') return `${program} writes files`;
  if (program === 'git') return gitWrite(part);
  return null;
}

function gitWrite(part: CommandPart): string | null {
  const words = part.words.slice(1).map((word) => word.value);
  let index = 0;
  while (index < words.length && words[index]!.startsWith('-')) index += gitValueOptions.has(words[index]!) ? 2 : 1;
  const sub = words[index];
  if (sub === undefined) return null;
  const rest = words.slice(index + 1);
  if (readOnlyGit.has(sub)) return null;
  const names = rest.filter((word) => !word.startsWith('-'));
  if (listingGit.has(sub) && names.length === 0 && !rest.some((word) => /^-(d|D|m|M|c|C|f|u)$|^--(delete|move|copy|force|set-upstream-to|unset-upstream|edit-description)/.test(word))) return null;
  if (sub === 'remote' && (names[0] === 'show' || names[0] === '-v')) return null;
  if (sub === 'stash' && (names[0] === 'list' || names[0] === 'show')) return null;
  if (sub === 'config' && rest.some((word) => /^--(get|get-all|get-regexp|list|l)$|^-l$/.test(word))) return null;
  return `git ${sub} changes the repository or the workspace`;
}
