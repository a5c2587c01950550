import { describeLocation, locatePath, type CommandPlace, type PathLocation } from './command-paths';
import type { ShellRedirect, ShellWord } from './shell-parse';

/**
 * What Braid refuses in every mode, full auto included, whatever a rule allows: the commands
 * that can ruin more than the task's own worktree or cannot be undone. Checked on every part
 * of a command (wrappers stripped, `sh -c` scripts and substitutions included) before any rule.
 */
export const hardDenyRules = [
  { id: 'privilege', description: 'Running as another user: sudo, su, doas, pkexec, run0' },
  { id: 'delete-outside', description: 'Deleting or moving away files outside the workspace, the home folder, / or the workspace itself (rm, rmdir, unlink, shred, mv, find -delete)' },
  { id: 'pipe-to-shell', description: 'Piping a download into a shell or interpreter (curl … | sh, bash <(wget …), sh -c "$(curl …)")' },
  { id: 'force-push', description: 'Force-pushing or mirroring with git push (--force, -f, --force-with-lease, +refspec, --mirror)' },
  { id: 'write-git', description: 'Writing into a .git folder (redirects, cp, mv, tee, touch, ln, sed -i, chmod …)' },
  { id: 'disk', description: 'Formatting or writing raw disks (mkfs, dd of=/dev/…, wipefs, fdisk, redirects into /dev)' },
  { id: 'power', description: 'Shutting down or rebooting the machine' },
  { id: 'kill-all', description: 'Signalling every process (kill -1, killall5)' },
  { id: 'permissions-outside', description: 'Changing owners or modes outside the workspace (chmod, chown, chgrp)' },
] as const;

export type HardDenyId = (typeof hardDenyRules)[number]['id'];

export interface HardDenyHit {
  id: HardDenyId;
  /** Why, naming what was found: "rm targets /home/me, which is outside the workspace". */
  reason: string;
}

export interface HardDenyInput {
  /** The program's base name (`rm`, `git`), after wrappers. */
  program: string;
  args: readonly ShellWord[];
  redirects: readonly ShellRedirect[];
  /** The folder the command runs in; null when a `cd` to an unknown place came first. */
  cwd: string | null;
  /** Programs earlier in the same pipeline (`curl` for `curl … | sh`). */
  upstream: readonly string[];
  /** Programs the command's substitutions run (`curl` for `bash <(curl …)`). */
  substituted: readonly string[];
}

const privileged = new Set(['sudo', 'su', 'doas', 'pkexec', 'run0']);
const deleters = new Set(['rm', 'rmdir', 'unlink', 'shred']);
const downloaders = new Set(['curl', 'wget', 'fetch', 'aria2c', 'http', 'https', 'xh', 'lwp-download', 'nc', 'ncat', 'socat']);
const interpreters = new Set(['sh', 'bash', 'zsh', 'dash', 'ksh', 'fish', 'csh', 'tcsh', 'source', '.', 'eval', 'python', 'python2', 'python3', 'perl', 'ruby', 'node', 'php', 'pwsh', 'deno', 'bun']);
/** Programs that write to every path argument they get. */
const writers = new Set(['tee', 'touch', 'mkdir', 'truncate', 'chmod', 'chown', 'chgrp', 'rm', 'rmdir', 'unlink', 'shred']);
/** Programs whose last path argument is the destination. */
const copiers = new Set(['cp', 'mv', 'ln', 'install', 'rsync']);
const power = new Set(['shutdown', 'reboot', 'halt', 'poweroff']);
const diskTools = new Set(['wipefs', 'fdisk', 'sfdisk', 'parted', 'mkswap']);

export function hardDenyFor(input: HardDenyInput, place: CommandPlace): HardDenyHit | null {
  const { program } = input;
  const paths = pathArguments(input.args);
  const locate = (word: ShellWord) => locatePath(word, input.cwd, place);

  for (const redirect of input.redirects) {
    if (!redirect.writes || !redirect.target) continue;
    const location = locate(redirect.target);
    if (location.kind === 'inside' && location.git) return { id: 'write-git', reason: `the redirect ${redirect.op} ${redirect.target.raw} writes into a .git folder` };
    if (location.kind === 'outside' && location.path.startsWith('/dev/')) return { id: 'disk', reason: `the redirect writes into the device ${location.path}` };
  }
  if (privileged.has(program)) return { id: 'privilege', reason: `${program} runs commands as another user` };
  if (interpreters.has(program)) {
    const download = input.upstream.find((upstream) => downloaders.has(upstream)) ?? input.substituted.find((inner) => downloaders.has(inner));
    if (download) return { id: 'pipe-to-shell', reason: `${program} would run what ${download} downloads` };
  }
  if (program === 'git') {
    const push = forcePush(input.args);
    if (push) return { id: 'force-push', reason: push };
  }
  if (deleters.has(program) || (program === 'find' && input.args.some((word) => /^-(delete|exec|execdir)$/.test(word.value)))) {
    const targets = program === 'find' ? findRoots(input.args) : paths;
    for (const target of targets) {
      const location = locate(target);
      if (location.kind === 'inside' && location.git) return { id: 'write-git', reason: `${program} ${target.raw} deletes inside a .git folder` };
      // `find . -delete` deletes what matches below the workspace, not the workspace itself.
      const outside = program === 'find' && location.kind === 'inside' ? null : deletesTooMuch(location);
      if (outside) return { id: 'delete-outside', reason: `${program} ${target.raw}: ${outside}` };
    }
  }
  if (program === 'mv') {
    for (const source of paths.slice(0, -1)) {
      const outside = deletesTooMuch(locate(source));
      if (outside) return { id: 'delete-outside', reason: `mv ${source.raw} moves it away: ${outside}` };
    }
  }
  const written = writers.has(program) ? paths : copiers.has(program) ? paths.slice(-1) : sedInPlace(program, input.args) ? paths : [];
  for (const target of written) {
    const location = locate(target);
    if (location.kind === 'inside' && location.git) return { id: 'write-git', reason: `${program} ${target.raw} writes into a .git folder` };
    if ((program === 'chmod' || program === 'chown' || program === 'chgrp') && location.kind === 'outside') {
      return { id: 'permissions-outside', reason: `${program} ${target.raw}: ${describeLocation(location)}` };
    }
  }
  if (program === 'dd') {
    const output = input.args.find((word) => word.value.startsWith('of='));
    if (output && /^of=\/dev\//.test(output.value) && !/^of=\/dev\/(null|stdout|stderr)$/.test(output.value)) return { id: 'disk', reason: `dd writes to ${output.value.slice(3)}` };
    if (output) {
      const location = locate({ ...output, raw: output.raw.slice(3), value: output.value.slice(3) });
      if (location.kind === 'inside' && location.git) return { id: 'write-git', reason: 'dd writes into a .git folder' };
    }
  }
  if (program.startsWith('mkfs') || diskTools.has(program)) return { id: 'disk', reason: `${program} formats or repartitions disks` };
  if (power.has(program) || (program === 'init' && /^[06]$/.test(input.args[0]?.value ?? '')) || (program === 'systemctl' && /^(poweroff|reboot|halt|kexec)$/.test(input.args[0]?.value ?? ''))) {
    return { id: 'power', reason: `${program} shuts the machine down or restarts it` };
  }
  // `kill -1` alone is SIGHUP with no target; -1 as a target (after the signal or `--`) is every process.
  if (program === 'killall5' || (program === 'kill' && input.args.slice(1).some((word) => word.value === '-1'))) {
    return { id: 'kill-all', reason: 'kill -1 signals every process the user owns' };
  }
  return null;
}

/** Why deleting at `location` is refused, or null when it stays inside the workspace. */
function deletesTooMuch(location: PathLocation): string | null {
  if (location.kind === 'outside') return location.protected ? `${location.path} holds the workspace or is / or the home folder` : describeLocation(location);
  if (location.kind === 'inside' && location.root) return 'it is the workspace itself';
  return null;
}

/** Non-option arguments (everything after `--` counts). */
function pathArguments(args: readonly ShellWord[]): ShellWord[] {
  const paths: ShellWord[] = [];
  let options = true;
  for (const word of args) {
    if (options && word.value === '--') options = false;
    else if (options && word.value.startsWith('-') && word.value !== '-') continue;
    else paths.push(word);
  }
  return paths;
}

/** `find`'s starting points: the arguments before the first expression. */
function findRoots(args: readonly ShellWord[]): ShellWord[] {
  const roots: ShellWord[] = [];
  for (const word of args) {
    if (/^[-(!]/.test(word.value)) break;
    roots.push(word);
  }
  return roots.length > 0 ? roots : [{ raw: '.', value: '.', dynamic: false, glob: false }];
}

function sedInPlace(program: string, args: readonly ShellWord[]): boolean {
  return (program === 'sed' || program === 'perl') && args.some((word) => /^-[a-zA-Z]*i/.test(word.value) || word.value.startsWith('--in-place'));
}

const gitOptionsWithValue = new Set(['-C', '-c', '--git-dir', '--work-tree', '--namespace', '--exec-path', '--config-env']);

/** Why a `git …` command is a force push, or null. */
function forcePush(args: readonly ShellWord[]): string | null {
  let index = 0;
  while (index < args.length && args[index]!.value.startsWith('-')) index += gitOptionsWithValue.has(args[index]!.value) ? 2 : 1;
  if (args[index]?.value !== 'push') return null;
  for (const word of args.slice(index + 1)) {
    const value = word.value;
    if (/^--(force|force-with-lease|force-if-includes|mirror)(=|$)/.test(value)) return `git push ${value} rewrites the remote's history`;
    if (/^-[a-zA-Z]*f/.test(value) && !value.startsWith('--')) return `git push ${value} force-pushes`;
    if (value.startsWith('+') && value.length > 1) return `git push ${value}: a + refspec force-pushes`;
  }
  return null;
}
