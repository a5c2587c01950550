import type { ShellWord } from './shell-parse';

/**
 * Something about one command part that no allow rule may approve by itself: the part asks,
 * except in full auto where the sandbox holds it (`sandboxable`).
 */
export interface Concern {
  kind: 'substitution' | 'redirect-outside' | 'runs-commands' | 'environment' | 'dynamic-program' | 'dynamic-path';
  text: string;
}

export interface UnwrappedCommand {
  /** The command the wrappers run, its name first. */
  words: ShellWord[];
  /** Wrappers taken off, in order (`timeout`, `env`, ...). */
  wrappers: string[];
  /** `sh -c '<script>'`, `eval <script>`: the script runs instead, and is checked instead. */
  script: string | null;
  concerns: Concern[];
}

/**
 * Variables that change what a program runs or loads: setting them in front of an allowed
 * command (`PATH=./evil:$PATH npm test`, `NODE_OPTIONS=--require ./x`) is no longer that command.
 */
const riskyVariables = new Set([
  'PATH', 'IFS', 'ENV', 'BASH_ENV', 'SHELLOPTS', 'BASHOPTS', 'PROMPT_COMMAND', 'PS4', 'HOME', 'CDPATH',
  'NODE_OPTIONS', 'NODE_PATH', 'PYTHONPATH', 'PYTHONSTARTUP', 'PYTHONHOME', 'PERL5OPT', 'PERL5LIB', 'PERLLIB',
  'RUBYOPT', 'RUBYLIB', 'JAVA_TOOL_OPTIONS', '_JAVA_OPTIONS', 'EDITOR', 'VISUAL', 'PAGER', 'GIT_PAGER', 'SHELL',
]);
const riskyPrefixes = ['LD_', 'DYLD_', 'GIT_', 'npm_config_', 'NPM_CONFIG_', 'BUN_', 'YARN_'];
const harmlessGitVariables = new Set(['GIT_TERMINAL_PROMPT', 'GIT_AUTHOR_NAME', 'GIT_AUTHOR_EMAIL', 'GIT_COMMITTER_NAME', 'GIT_COMMITTER_EMAIL', 'GIT_AUTHOR_DATE', 'GIT_COMMITTER_DATE']);

export function isRiskyVariable(name: string): boolean {
  if (harmlessGitVariables.has(name)) return false;
  return riskyVariables.has(name) || riskyPrefixes.some((prefix) => name.startsWith(prefix));
}

/** Programs that run other commands given as arguments: never approved by a rule naming the outer one. */
const runsOtherCommands = new Set(['watch', 'setsid', 'ionice', 'flock', 'parallel', 'chroot', 'unshare', 'nsenter', 'script', 'su', 'ssh']);
const shells = new Set(['sh', 'bash', 'zsh', 'dash', 'ksh', 'mksh', 'ash', 'busybox']);
const maxWrappers = 16;

/**
 * Takes off the wrappers Claude Code strips before matching (`timeout`, `time`, `nice`,
 * `nohup`, `stdbuf`, `env VAR=…`, bare `xargs`, and `command`/`exec`), unwraps `sh -c` and
 * `eval` of a literal script, and notes what no rule may approve (risky variables, programs
 * that run other commands, a program named by a variable, `find -exec`/`-delete`).
 */
export function unwrapCommand(assignments: readonly ShellWord[], words: readonly ShellWord[]): UnwrappedCommand {
  const concerns: Concern[] = [];
  const wrappers: string[] = [];
  const noteVariable = (word: ShellWord) => {
    const name = word.value.split('=')[0]!.replace(/\[.*$/, '').replace(/\+$/, '');
    if (isRiskyVariable(name)) concerns.push({ kind: 'environment', text: `sets ${name}, which changes what programs run or load` });
    if (word.dynamic) concerns.push({ kind: 'substitution', text: `sets ${name} from an expansion or substitution` });
  };
  assignments.forEach(noteVariable);
  let rest = [...words];
  for (let round = 0; round < maxWrappers && rest.length > 0; round++) {
    const name = rest[0]!.value;
    const after = stripWrapper(name, rest.slice(1), noteVariable);
    if (after === null) break;
    wrappers.push(name);
    rest = after;
  }
  const program = rest[0];
  if (!program) return { words: rest, wrappers, script: null, concerns };
  if (program.dynamic || program.glob) concerns.push({ kind: 'dynamic-program', text: `the program ${program.raw} is only known when the command runs` });
  const name = basename(program.value);
  if (shells.has(name)) {
    const script = shellScript(rest.slice(1));
    if (script === 'dynamic') concerns.push({ kind: 'substitution', text: `${name} -c runs a script that is only known when the command runs` });
    else if (script !== null) return { words: rest, wrappers: [...wrappers, `${name} -c`], script, concerns };
  }
  if (name === 'eval') {
    const args = rest.slice(1);
    if (args.some((word) => word.dynamic)) concerns.push({ kind: 'substitution', text: 'eval runs text that is only known when the command runs' });
    else return { words: rest, wrappers: [...wrappers, 'eval'], script: args.map((word) => word.value).join(' '), concerns };
  }
  if (runsOtherCommands.has(name)) concerns.push({ kind: 'runs-commands', text: `${name} runs other commands` });
  if (name === 'xargs') concerns.push({ kind: 'runs-commands', text: 'xargs with options runs commands built from its input' });
  if (name === 'find' && rest.some((word) => /^-(exec|execdir|ok|okdir|delete)$/.test(word.value))) {
    concerns.push({ kind: 'runs-commands', text: 'find with -exec, -ok or -delete runs commands or deletes files' });
  }
  return { words: rest, wrappers, script: null, concerns };
}

/** The words after wrapper `name`, or null when `name` is not a wrapper. */
function stripWrapper(name: string, args: ShellWord[], noteVariable: (word: ShellWord) => void): ShellWord[] | null {
  const values = args.map((word) => word.value);
  switch (name) {
    case 'nohup':
      return args;
    case 'time':
      return skipOptions(args, values, new Set(['-p']), new Set());
    case 'nice':
      return skipOptions(args, values, new Set(), new Set(['-n', '--adjustment']), /^-\d+$|^--adjustment=/);
    case 'timeout': {
      const afterOptions = skipOptions(args, values, new Set(['--preserve-status', '--foreground', '-v', '--verbose']), new Set(['-s', '--signal', '-k', '--kill-after']), /^--(signal|kill-after)=/);
      // Then the duration.
      return afterOptions.length > 0 && /^\d+(\.\d+)?[smhd]?$/.test(afterOptions[0]!.value) ? afterOptions.slice(1) : null;
    }
    case 'stdbuf':
      return skipOptions(args, values, new Set(), new Set(['-i', '-o', '-e', '--input', '--output', '--error']), /^-[ioe].+|^--(input|output|error)=/);
    case 'env': {
      let rest = skipOptions(args, values, new Set(['-i', '--ignore-environment', '-0', '--null', '-']), new Set(['-u', '--unset']), /^--unset=/);
      if (rest.some((word) => /^-[SC]|^--(split-string|chdir)/.test(word.value))) return null;
      while (rest.length > 0 && /^[A-Za-z_][A-Za-z0-9_]*=/.test(rest[0]!.value)) {
        noteVariable(rest[0]!);
        rest = rest.slice(1);
      }
      return rest;
    }
    case 'xargs':
      // Only bare `xargs cmd` is a wrapper; with options it is judged as itself.
      return args.length > 0 && !args[0]!.value.startsWith('-') ? args : null;
    case 'command':
      // `command -v` looks a name up and runs nothing.
      return args.length > 0 && !args[0]!.value.startsWith('-') ? args : null;
    case 'exec':
      return args.length > 0 && !args[0]!.value.startsWith('-') ? args : null;
    default:
      return null;
  }
}

function skipOptions(args: ShellWord[], values: string[], flags: Set<string>, withValue: Set<string>, joined?: RegExp): ShellWord[] {
  let index = 0;
  while (index < args.length) {
    const value = values[index]!;
    if (value === '--') return args.slice(index + 1);
    if (flags.has(value) || (joined && joined.test(value))) index++;
    else if (withValue.has(value)) index += 2;
    else break;
  }
  return args.slice(index);
}

/** The script of `sh [-e…] -c '<script>' [name args…]`; `dynamic` when it is an expansion; null when there is no `-c`. */
function shellScript(args: ShellWord[]): string | 'dynamic' | null {
  for (let index = 0; index < args.length; index++) {
    const value = args[index]!.value;
    if (!value.startsWith('-') || value === '-' || value === '--') return null;
    if (/^-[a-zA-Z]*c[a-zA-Z]*$/.test(value)) {
      const script = args[index + 1];
      if (!script) return null;
      return script.dynamic ? 'dynamic' : script.value;
    }
    // `-o pipefail` takes a value.
    if (value === '-o' || value === '+o') index++;
  }
  return null;
}

export function basename(program: string): string {
  return program.slice(program.lastIndexOf('/') + 1);
}

export function isShell(program: string): boolean {
  return shells.has(basename(program));
}
