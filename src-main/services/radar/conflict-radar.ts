import { resolveBranch } from '../git/branches';
import { scratchCommit } from '../merge/commit-objects';
import { mergeBaseOf } from '../diffs/merge-base';
import { plainDiffConfig, plainDiffFlags } from '../diffs/git-bytes';
import { gitBytes, gitText, splitNul, tryRevParse } from '../git/git-step';
import { mergeTrees } from '../merge/merge-tree';
import type { MergeProject, MergeWorkspace } from '../merge/merge-types';
import { snapshotWorkspace } from '../workspaces/worktree-snapshot';
import { createConcurrencyLimit } from './concurrency-limit';
import { overlapOf, parseTouchedLines, type TouchedFile } from './touched-lines';

export interface RadarPair {
  a: string;
  b: string;
  /** Files both workspaces changed, with the base lines both touched (empty: same file, different lines). */
  files: TouchedFile[];
}

export interface RadarWorkspace {
  id: string;
  /** A dry-run merge into the base branch as it is now (uncommitted changes included) is clean. */
  clean: boolean;
  conflicts: string[];
  /** The base commit the dry run used. */
  baseCommit: string | null;
  /** Why the workspace could not be checked (its branch or base is gone). */
  error?: string;
}

export interface RadarResult {
  pairs: RadarPair[];
  workspaces: RadarWorkspace[];
}

interface WorkspaceFacts {
  workspace: MergeWorkspace;
  touched: TouchedFile[];
  verdict: RadarWorkspace;
}

interface Analysis {
  dryRun: { clean: boolean; conflicts: string[] };
  touched: TouchedFile[];
}

const maxCacheEntries = 2_000;

/**
 * The conflict radar: which workspaces touch the same lines, and whether each would merge
 * cleanly into its base right now. Git work is bounded: per workspace a snapshot of its files
 * (a tree id, cheap with the index's stat cache), then answers cached by (files, base), so
 * only workspaces or bases that moved are recomputed; at most `concurrency` at once.
 */
export class ConflictRadar {
  private readonly cache = new Map<string, Analysis>();
  private readonly limit: <T>(task: () => Promise<T>) => Promise<T>;
  /** Git work actually done (cache misses), for tests and the benchmark. */
  readonly counters = { computed: 0 };

  constructor(options: { concurrency?: number } = {}) {
    this.limit = createConcurrencyLimit(options.concurrency ?? 2);
  }

  async computeRadar(project: MergeProject, workspaces: readonly MergeWorkspace[]): Promise<RadarResult> {
    // Each distinct base branch is resolved once per computation, not once per workspace.
    const bases = new Map<string, ReturnType<typeof resolveBranch>>();
    const baseOf = (branch: string) => {
      let base = bases.get(branch);
      if (!base) bases.set(branch, (base = resolveBranch(project.path, branch)));
      return base;
    };
    const facts = await Promise.all(workspaces.map((workspace) => this.limit(() => this.inspect(project.path, workspace, baseOf))));
    const pairs: RadarPair[] = [];
    for (let i = 0; i < facts.length; i++) {
      for (let j = i + 1; j < facts.length; j++) {
        const a = facts[i] as WorkspaceFacts;
        const b = facts[j] as WorkspaceFacts;
        const byPath = new Map(b.touched.map((file) => [file.path, file]));
        const files = a.touched.flatMap((file) => {
          const other = byPath.get(file.path);
          return other ? [overlapOf(file, other)] : [];
        });
        if (files.length > 0) pairs.push({ a: a.workspace.id, b: b.workspace.id, files });
      }
    }
    return { pairs, workspaces: facts.map((fact) => fact.verdict) };
  }

  private async inspect(repo: string, workspace: MergeWorkspace, baseOf: (branch: string) => ReturnType<typeof resolveBranch>): Promise<WorkspaceFacts> {
    const failed = (error: string): WorkspaceFacts => ({ workspace, touched: [], verdict: { id: workspace.id, clean: false, conflicts: [], baseCommit: null, error } });
    try {
      const [base, snapshot] = await Promise.all([baseOf(workspace.baseBranch), snapshotWorkspace(workspace.path, { listUncommitted: false })]);
      if (!base) return failed(`The base branch "${workspace.baseBranch}" does not exist.`);
      // A workspace without its folder still has its branch to compare.
      const head = snapshot?.head ?? (await tryRevParse(repo, `refs/heads/${workspace.branch}^{commit}`));
      if (!head) return failed(`The branch "${workspace.branch}" does not exist.`);
      const tree = snapshot?.tree ?? (await gitText(repo, ['rev-parse', `${head}^{tree}`]));
      const headTree = snapshot?.headTree ?? tree;
      // Uncommitted work counts: a (deterministic) scratch commit carries it into the dry run,
      // made only when this state has not been analysed before.
      const { dryRun, touched } = await this.analyse(repo, base.commit, head, tree, tree === headTree);
      return { workspace, touched, verdict: { id: workspace.id, ...dryRun, baseCommit: base.commit } };
    } catch (error) {
      return failed(error instanceof Error ? error.message : String(error));
    }
  }

  /** Dry-run merge and touched lines of one workspace state (head + files) against one base commit, cached by all three. */
  private async analyse(repo: string, base: string, head: string, tree: string, clean: boolean): Promise<Analysis> {
    const key = `${head}:${tree}:${base}`;
    const cached = this.cache.get(key);
    if (cached) return cached;
    this.counters.computed++;
    const theirs = clean ? head : await scratchCommit(repo, tree, [head]);
    const mergeBase = (await mergeBaseOf(repo, base, theirs)) ?? base;
    const [result, names, patch] = await Promise.all([
      mergeTrees(repo, base, theirs),
      gitText(repo, ['diff-tree', '-r', '-z', '--no-renames', '--name-only', mergeBase, tree]),
      // The one parser with the one set of diff flags (../diffs), at zero context: only the lines changed.
      gitBytes(repo, [...plainDiffConfig, 'diff', ...plainDiffFlags, '-p', '-U0', '--no-renames', mergeBase, tree]),
    ]);
    const analysis = {
      dryRun: { clean: result.clean, conflicts: [...new Set(result.conflicts.map((conflict) => conflict.path))] },
      touched: parseTouchedLines(patch, splitNul(names)),
    };
    this.cache.set(key, analysis);
    // Bounded: the oldest answers go first.
    if (this.cache.size > maxCacheEntries) this.cache.delete(this.cache.keys().next().value as string);
    return analysis;
  }
}
