import ignore from 'ignore';
import picomatch from 'picomatch';
import { fail, ok, type Result } from '../../../src-shared/contract';
import { runGitBytes, summariseGitError } from '../git/run-git';

/** A name git ignores that the include patterns match: a file, or a folder (trailing `/`) brought whole. */
export interface IncludedEntry {
  name: string;
  folder: boolean;
}

/**
 * The ignored files and folders of the checkout at `root` that the include patterns (gitignore
 * syntax, as `.worktreeinclude`) match. Only what git ignores is considered: a tracked file, or
 * an untracked one that is not ignored, is never brought over, whatever the patterns say.
 *
 * Git lists ignored folders once (`--directory`); a folder the patterns match is brought whole.
 * One they do not match is looked into (its ignored files listed by git) only when a pattern
 * could match something below it, so an unrelated `node_modules/` costs nothing.
 */
export async function listIncludedEntries(root: string, patterns: readonly string[]): Promise<Result<{ entries: IncludedEntry[]; unreadable: string[] }>> {
  if (patterns.length === 0) return ok({ entries: [], unreadable: [] });
  const matcher = ignore({ allowRelativePaths: false }).add([...patterns]);
  const below = couldMatchBelow(patterns);
  const top = await ignoredNames(root, []);
  if (!top.ok) return top;
  const entries: IncludedEntry[] = [];
  const unreadable = [...top.data.unreadable];
  const takenFolders: string[] = [];
  const taken = (name: string) => takenFolders.some((folder) => name.startsWith(folder));
  for (const name of top.data.names) {
    if (taken(name)) continue;
    const folder = name.endsWith('/');
    if (matcher.ignores(name)) {
      entries.push({ name: folder ? name.slice(0, -1) : name, folder });
      if (folder) takenFolders.push(name);
      continue;
    }
    if (!folder || !below(name.slice(0, -1))) continue;
    const inside = await ignoredNames(root, ['--', name]);
    if (!inside.ok) return inside;
    unreadable.push(...inside.data.unreadable);
    for (const file of inside.data.names) {
      if (!file.endsWith('/') && matcher.ignores(file) && !entries.some((entry) => entry.name === file)) entries.push({ name: file, folder: false });
    }
    takenFolders.push(name);
  }
  return ok({ entries, unreadable });
}

/** Git's list of ignored names (folders with `/` when listed whole), as UTF-8 names; names that are not UTF-8 are set apart. */
async function ignoredNames(root: string, pathspec: string[]): Promise<Result<{ names: string[]; unreadable: string[] }>> {
  const whole = pathspec.length === 0 ? ['--directory'] : [];
  const listed = await runGitBytes(root, ['ls-files', '--others', '--ignored', '--exclude-standard', ...whole, '-z', ...pathspec], { readOnly: true });
  if (listed.code !== 0) return fail('GIT_FAILED', `Git could not list the ignored files of ${root}: ${summariseGitError(listed.stderr)}`);
  const names: string[] = [];
  const unreadable: string[] = [];
  let start = 0;
  for (let end = listed.stdout.indexOf(0); end !== -1; start = end + 1, end = listed.stdout.indexOf(0, start)) {
    const raw = listed.stdout.subarray(start, end);
    const name = raw.toString('utf8');
    // The patterns are text: a name that is not UTF-8 cannot be matched faithfully, so it is left out, and said so.
    if (!Buffer.from(name, 'utf8').equals(raw)) unreadable.push(raw.toString('latin1'));
    else names.push(name);
  }
  names.sort();
  return ok({ names, unreadable });
}

/**
 * Whether any pattern could match a name below `folder` (conservatively: true unless certain).
 * A pattern without a slash in its middle matches at any depth; an anchored one only below the
 * folders its leading parts match. Negations only take away, so they never make it true.
 */
export function couldMatchBelow(patterns: readonly string[]): (folder: string) => boolean {
  const anchored: string[][] = [];
  let anywhere = false;
  for (const raw of patterns) {
    if (raw.startsWith('!')) continue;
    const pattern = raw.replace(/\\?\s+$/, '').replace(/\/+$/, '');
    if (pattern === '') continue;
    const leadingSlash = pattern.startsWith('/');
    const body = leadingSlash ? pattern.slice(1) : pattern;
    if (!leadingSlash && !body.includes('/')) anywhere = true;
    else if (body.startsWith('**')) anywhere = true;
    else anchored.push(body.split('/'));
  }
  return (folder) => {
    if (anywhere) return true;
    const parts = folder.split('/');
    return anchored.some((segments) => {
      for (let index = 0; index < Math.min(parts.length, segments.length); index++) {
        const segment = segments[index]!;
        if (segment === '**') return true;
        if (!picomatch.isMatch(parts[index]!, segment, { dot: true })) return false;
      }
      return true;
    });
  };
}
