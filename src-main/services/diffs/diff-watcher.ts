import { watch, type FSWatcher } from 'node:fs';
import { lstat, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fail, ok, type Result } from '../../../src-shared/contract';
import { runGit } from '../git/run-git';
import { runGitBytes } from './git-bytes';
import { splitNul } from './raw-numstat-parser';

export interface WorkspaceWatcherOptions {
  /** The workspace's working tree. */
  path: string;
  /** Quiet time after the last change before reporting (default 150 ms). */
  debounceMs?: number;
  /** A steady stream of changes still reports this often (default 1,000 ms). */
  maxWaitMs?: number;
  /** Something that can change the workspace's diff happened. */
  onDirty(): void;
  /** After each batch of changes is examined; for diagnostics and tests. */
  onBatch?(batch: { paths: number; dirty: boolean }): void;
}

export interface WorkspaceWatcher {
  close(): void;
  /** Folders watched right now. */
  readonly directories: number;
  /** True when no change is waiting to be examined. */
  readonly idle: boolean;
}

/** Above this many changed paths in one batch, skip the ignore check: something big happened. */
const maxPathsToCheck = 5_000;

/**
 * Watches a workspace for changes that can alter its diff, debounced into `onDirty` calls.
 *
 * Node's recursive `fs.watch` on Linux walks the whole tree and adds an inotify watch per
 * file and folder, ignored ones included (a `node_modules` costs thousands). Here each
 * folder that git does not ignore gets one non-recursive watch, and ignored folders are
 * never entered; changed paths are checked against the ignore rules in one
 * `git check-ignore` per batch. Inside the git directory only HEAD, the index and HEAD's
 * reflog matter (commits, resets, staging); the worktree's git directory lies outside the
 * working tree, so it has its own watches.
 */
export async function watchWorkspace(options: WorkspaceWatcherOptions): Promise<Result<WorkspaceWatcher>> {
  const root = options.path;
  const debounceMs = options.debounceMs ?? 150;
  const maxWaitMs = options.maxWaitMs ?? 1_000;
  const watchers = new Map<string, FSWatcher>();
  const gitWatchers: FSWatcher[] = [];
  let closed = false;
  let timer: NodeJS.Timeout | undefined;
  let firstPendingAt = 0;
  let pendingPaths = new Set<string>();
  /** Paths that appeared or vanished: maybe folders to start or stop watching. */
  let pendingRenames = new Set<string>();
  let pendingGit = false;
  let pendingUnknown = false;
  let flushing: Promise<void> = Promise.resolve();
  let flushesQueued = 0;

  const schedule = () => {
    if (closed) return;
    const now = Date.now();
    if (!timer) firstPendingAt = now;
    else clearTimeout(timer);
    const wait = Math.max(0, Math.min(debounceMs, firstPendingAt + maxWaitMs - now));
    timer = setTimeout(() => {
      timer = undefined;
      flushesQueued++;
      // A batch that could not be examined counts as a change: better one refresh too many.
      flushing = flushing
        .then(flush)
        .catch(() => {
          if (!closed) options.onDirty();
        })
        .finally(() => flushesQueued--);
    }, wait);
    timer.unref?.();
  };

  const flush = async () => {
    if (closed) return;
    const paths = [...pendingPaths];
    const renames = [...pendingRenames];
    const git = pendingGit;
    const unknown = pendingUnknown;
    pendingPaths = new Set();
    pendingRenames = new Set();
    pendingGit = pendingUnknown = false;
    const newDirectories = await updateDirectories(renames);
    if (closed) return;
    let dirty = git || unknown || paths.length > maxPathsToCheck;
    if (!dirty && paths.length > 0) dirty = (await ignoredAmong(root, paths)).size < paths.length;
    if (newDirectories.length > 0) await addTrees(newDirectories);
    if (closed) return;
    options.onBatch?.({ paths: paths.length, dirty });
    if (dirty) options.onDirty();
  };

  const onTreeEvent = (directory: string, event: string, filename: string | null) => {
    if (filename === null) pendingUnknown = true;
    else {
      if (filename === '.git') return;
      const path = directory ? `${directory}/${filename}` : filename;
      pendingPaths.add(path);
      if (event === 'rename') pendingRenames.add(path);
    }
    schedule();
  };

  const watchDirectory = (directory: string) => {
    if (closed || watchers.has(directory)) return;
    try {
      const watcher = watch(join(root, directory), { persistent: false }, (event, filename) => onTreeEvent(directory, event, filename));
      watcher.on('error', () => closeDirectory(directory));
      watchers.set(directory, watcher);
    } catch {
      // Gone already, or a name the platform cannot address: its parent still reports it.
    }
  };

  const closeDirectory = (directory: string) => {
    watchers.get(directory)?.close();
    watchers.delete(directory);
  };

  /** Watches `tops` and every folder below them that git does not ignore, level by level. */
  const addTrees = async (tops: string[]) => {
    let level = tops.filter((directory) => !watchers.has(directory));
    if (level.length > 0 && level[0] !== '') {
      const ignored = await ignoredAmong(root, level);
      level = level.filter((directory) => !ignored.has(directory));
    }
    while (level.length > 0 && !closed) {
      for (const directory of level) watchDirectory(directory);
      const children = (await Promise.all(level.map((directory) => subdirectories(root, directory)))).flat();
      if (children.length === 0) break;
      const ignored = await ignoredAmong(root, children);
      level = children.filter((directory) => !ignored.has(directory) && !watchers.has(directory));
    }
  };

  /** Stops watching folders that vanished; returns the new folders among `paths`. */
  const updateDirectories = async (paths: string[]) => {
    const found: string[] = [];
    for (const path of paths) {
      const stats = await lstat(join(root, path)).catch(() => null);
      if (stats?.isDirectory()) {
        if (!watchers.has(path)) found.push(path);
      } else if (watchers.has(path)) {
        for (const directory of [...watchers.keys()]) {
          if (directory === path || directory.startsWith(`${path}/`)) closeDirectory(directory);
        }
      }
    }
    return found;
  };

  const gitDir = await runGit(root, ['rev-parse', '--absolute-git-dir'], { readOnly: true });
  if (gitDir.code === 0) {
    const directory = gitDir.stdout.trim();
    for (const [folder, names] of [
      [directory, ['HEAD', 'index']],
      [join(directory, 'logs'), ['HEAD']],
    ] as const) {
      try {
        const watcher = watch(folder, { persistent: false }, (_event, filename) => {
          if (filename === null || (names as readonly string[]).includes(filename)) {
            pendingGit = true;
            schedule();
          }
        });
        watcher.on('error', () => watcher.close());
        gitWatchers.push(watcher);
      } catch {
        // No reflog folder yet: HEAD and the index still report commits.
      }
    }
  }
  await addTrees(['']);
  if (!watchers.has('')) {
    // Nothing of it may report later: a git watch may have scheduled a batch meanwhile.
    closed = true;
    if (timer) clearTimeout(timer);
    for (const watcher of gitWatchers) watcher.close();
    return fail('PATH_NOT_FOUND', `Cannot watch the workspace folder ${root}`);
  }

  return ok({
    close: () => {
      closed = true;
      if (timer) clearTimeout(timer);
      for (const watcher of [...watchers.values(), ...gitWatchers]) watcher.close();
      watchers.clear();
    },
    get directories() {
      return watchers.size;
    },
    get idle() {
      return !timer && flushesQueued === 0;
    },
  });
}

async function subdirectories(root: string, directory: string): Promise<string[]> {
  const entries = await readdir(join(root, directory), { withFileTypes: true }).catch(() => []);
  return entries
    .filter((entry) => entry.isDirectory() && entry.name !== '.git')
    .map((entry) => (directory ? `${directory}/${entry.name}` : entry.name));
}

/** Which of `paths` (relative to `root`) git ignores; tracked files never count as ignored. */
async function ignoredAmong(root: string, paths: string[]): Promise<Set<string>> {
  const result = await runGitBytes(root, ['-c', 'core.quotePath=false', 'check-ignore', '-z', '--stdin'], {
    input: Buffer.from(`${paths.join('\0')}\0`),
  });
  // Exit 1 means "none ignored"; anything else unexpected counts as "none" so we refresh.
  if (result.code !== 0) return new Set();
  return new Set(splitNul(result.stdout).map((name) => name.toString('utf8')));
}
