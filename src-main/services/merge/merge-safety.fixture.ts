import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { createRepo, git, gitEnv, makeTempDir } from '../../testing/git-fixtures';
import { seededRandom } from '../../testing/seeded-random';
import { RepoQueue } from '../git/repo-queue';
import { MergeService } from './merge-service';
import { readFolder } from '../testing/merge-fixture';
import type { ConflictResolution, MergeOutcome, MergeStrategy, MergeWorkspace } from './merge-types';

const paths = ['f0.txt', 'f1.txt', 'f2.txt', 'f3.txt', 'n0.txt', 'n1.txt'];
const ignoredPath = 'n1.txt';
const lines = (name: string) => Array.from({ length: 6 }, (_, i) => `${name} line ${i + 1}`).join('\n') + '\n';
/** Failures that are refusals by design; anything else (GIT_FAILED, MERGE_OUTDATED) is a bug here. */
const expectedRefusals = ['CHECKOUT_HAS_CHANGES', 'NOTHING_TO_MERGE', 'INVALID_INPUT'];

/** What the user has uncommitted in a checkout: per dirty path, its status, index entry and file bytes. */
function userEdits(checkout: string): Map<string, string> {
  const run = (args: string[]) => execFileSync('git', args, { cwd: checkout, env: gitEnv, encoding: 'utf8' });
  const status = run(['status', '--porcelain=v1', '-z', '--untracked-files=all', '--ignored=matching', '--no-renames']).split('\0').filter(Boolean);
  const edits = new Map<string, string>();
  if (status.length === 0) return edits;
  const stages = new Map(
    run(['ls-files', '-s', '-z'])
      .split('\0')
      .filter(Boolean)
      .map((entry) => [entry.slice(entry.indexOf('\t') + 1), entry] as const),
  );
  for (const field of status) {
    const path = field.slice(3);
    const file = join(checkout, path);
    const bytes = existsSync(file) ? readFileSync(file, 'utf8') : '<absent>';
    edits.set(path, `${field.slice(0, 2)}|${stages.get(path) ?? '<not in index>'}|${bytes}`);
  }
  return edits;
}

const refsOf = (repo: string) =>
  new Map(
    git(repo, 'for-each-ref', '--format=%(refname) %(objectname)')
      .split('\n')
      .filter(Boolean)
      .map((line) => line.split(' ') as [string, string]),
  );

/**
 * One randomized scenario: edits in the main checkout (committed and not) and in 2–4
 * workspaces, then merges with random strategies, sometimes selective, with conflicts
 * resolved or aborted. After every merge step: no uncommitted user edit changed, refs moved
 * only for a merge that landed, and `git fsck` is clean.
 */
export async function runMergeScenario(seed: number): Promise<{ merged: number; refused: number; conflicts: number }> {
  const random = seededRandom(seed);
  const below = (n: number) => Math.floor(random() * n);
  const pick = <T>(items: readonly T[]): T => items[below(items.length)] as T;
  const repo = createRepo({ files: Object.fromEntries(paths.slice(0, 4).map((path) => [path, lines(path)])) });
  const worktrees = makeTempDir('braid-safety-');
  const stats = { merged: 0, refused: 0, conflicts: 0 };
  try {
    // n1.txt is ignored: a user's ignored file (a local .env, say) must survive a merge that adds one.
    writeFileSync(join(repo.path, '.git', 'info', 'exclude'), `${ignoredPath}\n`);
    if (random() < 0.4) writeFileSync(join(repo.path, ignoredPath), 'MY_LOCAL_SECRET=1\n');
    const queue = new RepoQueue();
    const service = new MergeService({ inRepoQueue: (project, operation) => queue.run(project.path, operation) });
    const project = { id: 'p', path: repo.path };
    const workspaces: MergeWorkspace[] = Array.from({ length: 2 + below(3) }, (_, i) => {
      const path = join(worktrees, `ws${i}`);
      git(repo.path, 'worktree', 'add', '--quiet', '-b', `braid/ws${i}`, path, 'main');
      return { id: `ws${i}`, path, branch: `braid/ws${i}`, baseBranch: 'main' };
    });

    const edit = (folder: string) => {
      const path = pick(paths);
      const file = join(folder, path);
      if (existsSync(file) && random() < 0.15) rmSync(file);
      else {
        const text = existsSync(file) ? readFileSync(file, 'utf8').split('\n') : lines(path).split('\n');
        text[below(6)] = `edit ${seed}-${below(1000)}`;
        writeFileSync(file, text.join('\n'));
      }
      return path;
    };
    const commitAll = (folder: string) => {
      git(folder, 'add', '-A');
      if (existsSync(join(folder, ignoredPath))) git(folder, 'add', '-f', '--', ignoredPath);
      git(folder, 'commit', '-q', '--allow-empty', '-m', `commit ${below(1000)}`);
    };

    const stepCount = 3 + below(3);
    for (let step = 0; step < stepCount; step++) {
      const roll = random();
      if (step < stepCount - 1 && roll < 0.2) {
        // The user edits the main checkout, sometimes staging it.
        const path = edit(repo.path);
        const known = existsSync(join(repo.path, path)) || git(repo.path, 'ls-files', '--', path) !== '';
        if (random() < 0.3 && known) git(repo.path, 'add', '-A', '-f', '--', path);
        continue;
      }
      if (step < stepCount - 1 && roll < 0.3) {
        // The user commits one file on main, leaving other edits alone.
        const dirty = userEdits(repo.path);
        const path = pick(paths.filter((item) => !dirty.has(item)));
        if (!path) continue;
        writeFileSync(join(repo.path, path), `${lines(path)}committed by user ${below(1000)}\n`);
        git(repo.path, 'add', '-f', '--', path);
        git(repo.path, 'commit', '-q', '-m', 'user commit', '--', path);
        continue;
      }
      if (step < stepCount - 1 && roll < 0.65) {
        const workspace = pick(workspaces);
        for (let i = 0, n = 1 + below(3); i < n; i++) edit(workspace.path);
        if (random() < 0.6) commitAll(workspace.path);
        continue;
      }
      await mergeStep();
    }
    return stats;

    async function mergeStep() {
      const workspace = pick(workspaces);
      // Mostly merge a workspace that has fresh work (an untouched one only says NOTHING_TO_MERGE).
      if (random() < 0.75) {
        for (let i = 0, n = 1 + below(2); i < n; i++) edit(workspace.path);
        if (random() < 0.6) commitAll(workspace.path);
      }
      const strategy = pick<MergeStrategy>(['merge', 'squash', 'rebase']);
      const includeUncommitted = random() < 0.7;
      let files: string[] | undefined;
      if (random() < 0.25) {
        // Selective: choose from what the preview lists (the preview must not change anything either).
        const refs = refsOf(repo.path);
        const preview = await service.previewMerge(project, workspace, { strategy, includeUncommitted });
        expect(refsOf(repo.path)).toEqual(refs);
        files = (preview.ok ? preview.data.files.map((file) => file.path) : []).filter(() => random() < 0.5).slice(0, 3);
      }
      const options = { strategy, includeUncommitted, files: files && files.length > 0 ? files : undefined };

      const refsBefore = refsOf(repo.path);
      const editsBefore = userEdits(repo.path);
      const workspaceFilesBefore = readFolder(workspace.path);
      let outcome = await service.mergeWorkspace(project, workspace, options);
      while (outcome.ok && outcome.data.status === 'conflicts') {
        stats.conflicts++;
        const pending: Extract<MergeOutcome, { status: 'conflicts' }> = outcome.data;
        if (random() < 0.4) {
          expect(service.abortMerge(pending.mergeId).ok).toBe(true);
          break;
        }
        const resolutions: ConflictResolution[] = pending.conflicts.map((conflict) => {
          const choice = below(3);
          if (choice === 0) return { path: conflict.path, take: conflict.ours ? 'ours' : 'theirs' };
          if (choice === 1) return conflict.theirs ? { path: conflict.path, take: 'theirs' } : { path: conflict.path, delete: true };
          return { path: conflict.path, content: `resolved ${seed}\n` };
        });
        outcome = await service.resolveConflicts(pending.mergeId, resolutions);
      }

      const refsAfter = refsOf(repo.path);
      if (outcome.ok && outcome.data.status === 'merged') {
        stats.merged++;
        const record = outcome.data.merged;
        expect(refsAfter.get('refs/heads/main')).toBe(record.newCommit);
        git(repo.path, 'merge-base', '--is-ancestor', record.previousCommit, record.newCommit);
        const allowed = new Set(['refs/heads/main', ...(record.workspaceCommit ? [`refs/heads/${workspace.branch}`] : [])]);
        for (const [ref, value] of refsBefore) if (!allowed.has(ref)) expect(refsAfter.get(ref), ref).toBe(value);
        expect([...refsAfter.keys()].sort()).toEqual([...refsBefore.keys()].sort());
      } else {
        if (!outcome.ok) {
          stats.refused++;
          expect(expectedRefusals, `${outcome.error.code}: ${outcome.error.message}`).toContain(outcome.error.code);
        }
        expect(refsAfter).toEqual(refsBefore);
      }
      // The user's uncommitted work is exactly as it was, and nothing new turned up dirty.
      expect(userEdits(repo.path)).toEqual(editsBefore);
      expect(readFileSync(join(repo.path, '.git', 'HEAD'), 'utf8')).toBe('ref: refs/heads/main\n');
      // The workspace's files are never rewritten by a merge.
      expect(readFolder(workspace.path)).toEqual(workspaceFilesBefore);
      expect(execFileSync('git', ['fsck', '--no-dangling', '--no-progress'], { cwd: repo.path, env: gitEnv, encoding: 'utf8', stdio: 'pipe' })).toBe('');
    }
  } finally {
    repo.cleanup();
    rmSync(worktrees, { recursive: true, force: true });
  }
}

/** Seeds to run: `BRAID_SEED` replays one; otherwise this part's share of 200. */
export function scenarioSeeds(part: 0 | 1): number[] {
  const replay = process.env.BRAID_SEED;
  if (replay) return part === 0 ? [Number(replay)] : [];
  return Array.from({ length: 100 }, (_, i) => 1 + part * 100 + i);
}
