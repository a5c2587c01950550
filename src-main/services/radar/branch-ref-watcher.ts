import { watch, type FSWatcher } from 'node:fs';
import { join } from 'node:path';
import { resolveCommonGitDir } from '../git/repo-identity';

export interface BranchRefWatcher {
  close(): void;
}

/**
 * Calls `onMoved` (debounced) when any local branch of a repository may have moved: a commit
 * in the user's checkout, a merge, a fetch into a local branch, `git pack-refs`. Two cheap
 * watches on the common git directory: `refs/heads` (recursive, it is small) and the folder
 * itself for `packed-refs`. A folder that cannot be watched yields null: the radar is then
 * recomputed only when asked or when a workspace moves.
 */
export async function watchBranchRefs(repoPath: string, onMoved: () => void, debounceMs = 300): Promise<BranchRefWatcher | null> {
  const gitDir = await resolveCommonGitDir(repoPath);
  if (!gitDir) return null;
  const watchers: FSWatcher[] = [];
  let timer: NodeJS.Timeout | undefined;
  let closed = false;
  const changed = () => {
    if (closed) return;
    clearTimeout(timer);
    timer = setTimeout(onMoved, debounceMs);
  };
  const add = (path: string, recursive: boolean, accept: (name: string | null) => boolean) => {
    try {
      const watcher = watch(path, { recursive, persistent: false }, (_event, name) => {
        if (accept(name === null ? null : String(name))) changed();
      });
      watcher.on('error', () => watcher.close());
      watchers.push(watcher);
    } catch {
      // Not watchable (gone, or out of inotify watches): recomputation on demand still works.
    }
  };
  add(join(gitDir, 'refs', 'heads'), true, (name) => name === null || !name.endsWith('.lock'));
  add(gitDir, false, (name) => name === null || name === 'packed-refs');
  if (watchers.length === 0) return null;
  return {
    close() {
      closed = true;
      clearTimeout(timer);
      for (const watcher of watchers) watcher.close();
    },
  };
}
