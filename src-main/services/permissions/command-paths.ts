import { isAbsolute, relative, resolve, sep } from 'node:path';
import picomatch from 'picomatch';
import { isInsideOrEqual } from '../paths/path-containment';
import { realpathFollowingDanglingLinks } from '../paths/real-location';
import type { ShellWord } from './shell-parse';

/** Where a command runs: the task's worktree (real path) and the user's home. */
export interface CommandPlace {
  worktree: string;
  home: string;
}

/**
 * Where a path a command names leads. `inside`: in the worktree (`git` when inside a `.git`
 * folder or the worktree's `.git` file, `root` when it is the worktree itself); `outside`:
 * anywhere else (`protected` when it is `/`, the home folder, or a folder holding the
 * worktree); `device`: `/dev/null` and the other streams a redirect may safely name;
 * `unknown`: the path depends on a variable or substitution, or the folder is unknown.
 */
export type PathLocation =
  | { kind: 'inside'; path: string; git: boolean; root: boolean }
  | { kind: 'outside'; path: string; protected: boolean }
  | { kind: 'device'; path: string }
  | { kind: 'unknown'; why: string };

const harmlessDevices = new Set(['/dev/null', '/dev/stdout', '/dev/stderr', '/dev/tty', '/dev/zero', '/dev/random', '/dev/urandom']);

/** Locates a path argument or redirect target as the command would see it, symlinks followed. */
export function locatePath(word: ShellWord, cwd: string | null, place: CommandPlace): PathLocation {
  let written = word.value;
  if (/^(\$HOME|\$\{HOME\})(\/|$)/.test(written)) written = place.home + written.replace(/^(\$HOME|\$\{HOME\})/, '');
  else if (word.dynamic) return { kind: 'unknown', why: `${word.raw} depends on a variable or substitution` };
  if (written === '~' || written.startsWith('~/')) written = place.home + written.slice(1);
  else if (written.startsWith('~')) return { kind: 'unknown', why: `${word.raw} names another user's home` };
  let globTail: string | null = null;
  if (word.glob) {
    // A glob is judged by the folder it expands in; its last name is kept to see whether it reaches `.git`.
    const firstGlob = written.search(/[*?[{]/);
    const cut = written.lastIndexOf('/', firstGlob);
    globTail = written.slice(cut + 1).split('/')[0] ?? '';
    written = cut === -1 ? '.' : written.slice(0, cut) || '/';
  }
  if (!isAbsolute(written)) {
    if (cwd === null) return { kind: 'unknown', why: `${word.raw} is relative to a folder that is not known before the command runs` };
    written = resolve(cwd, written);
  } else written = resolve(written);
  if (globTail === null && (harmlessDevices.has(written) || /^\/dev\/fd\/\d+$/.test(written) || /^\/proc\/self\/fd\/\d+$/.test(written))) {
    return { kind: 'device', path: written };
  }
  const real = realpathFollowingDanglingLinks(written);
  if (real === undefined) return { kind: 'unknown', why: `${word.raw} goes through a symbolic link loop` };
  if (isInsideOrEqual(place.worktree, written) && isInsideOrEqual(place.worktree, real)) {
    const inWorktree = relative(place.worktree, real);
    const names = inWorktree === '' ? [] : inWorktree.split(sep);
    const reachesGit = globTail !== null && (globTail === '.git' || picomatch.isMatch('.git', globTail));
    return { kind: 'inside', path: real, git: names.includes('.git') || reachesGit, root: inWorktree === '' && globTail === null };
  }
  const target = isInsideOrEqual(place.worktree, written) ? real : written;
  const isProtected = target === '/' || target === place.home || real === place.home || isInsideOrEqual(target, place.worktree) || isInsideOrEqual(real, place.worktree);
  return { kind: 'outside', path: real, protected: isProtected };
}

/** Where `cd <word>` leads; null when it cannot be known before the command runs. */
export function changedDirectory(word: ShellWord | undefined, cwd: string | null, place: CommandPlace): string | null {
  if (!word) return place.home;
  if (word.value === '-') return null;
  const location = locatePath(word, cwd, place);
  if (location.kind === 'unknown' || location.kind === 'device') return null;
  return location.path;
}

export function describeLocation(location: PathLocation): string {
  switch (location.kind) {
    case 'inside':
      return location.git ? `${location.path} is inside a .git folder` : `${location.path} is inside the workspace`;
    case 'outside':
      return `${location.path} is outside the workspace`;
    case 'device':
      return `${location.path} is a device`;
    case 'unknown':
      return location.why;
  }
}

