import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fail, ok, type Result } from '../../../src-shared/contract';
import { summariseGitError } from '../git/run-git';
import { locateWorktreeEntry } from '../paths/worktree-entry';
import { readWorktreeEntry } from '../paths/worktree-entry-read';
import { worktreeGit, type WorkspaceHandle } from './workspace-handle';

export interface MergeInProgress {
  /** Files git could not merge (they stay listed until the merge is committed). */
  conflicted: string[];
  /** Of those, the ones that still hold conflict markers. */
  unresolved: string[];
}

const markerLine = /^(<{7}|>{7})( |$)/m;

/**
 * A `git merge` waiting in the worktree (as "ask the agent to resolve" leaves one): which
 * files conflicted and which of them still have markers. Null when no merge is under way.
 */
export async function mergeInProgress(handle: WorkspaceHandle): Promise<Result<MergeInProgress | null>> {
  const gitDir = await worktreeGit(handle, ['rev-parse', '--absolute-git-dir'], { readOnly: true });
  if (gitDir.code !== 0) return fail('GIT_FAILED', `Could not read the workspace: ${summariseGitError(gitDir.stderr)}`);
  if (!existsSync(join(gitDir.stdout.trim(), 'MERGE_HEAD'))) return ok(null);
  const listed = await worktreeGit(handle, ['diff', '--name-only', '--diff-filter=U', '-z'], { readOnly: true });
  if (listed.code !== 0) return fail('GIT_FAILED', `Could not list the conflicted files: ${summariseGitError(listed.stderr)}`);
  const conflicted = [...new Set(listed.stdout.split('\0').filter(Boolean))];
  const unresolved: string[] = [];
  for (const path of conflicted) {
    // Confined: a conflicted file below a link is not there as git sees it, and is never read through it.
    const entry = locateWorktreeEntry(handle.path, path);
    const read = entry.ok ? readWorktreeEntry(entry.data) : entry;
    if (read.ok && read.data.kind === 'file' && markerLine.test(read.data.content.toString('utf8'))) unresolved.push(path);
  }
  return ok({ conflicted, unresolved });
}
