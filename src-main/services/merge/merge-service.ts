import { randomUUID } from 'node:crypto';
import { fail, ok, type Result } from '../../../src-shared/contract';
import { applyResolutions, readConflictFiles } from './conflict-files';
import { GitStepError } from '../git/git-step';
import { landMerge, type LandingHooks } from './land-merge';
import { continueMerge, startMerge, type EngineStep, type PendingStep } from './merge-engine';
import { gatherMergeInputs, type MergeInputs } from './merge-inputs';
import type {
  ConflictFile,
  ConflictResolution,
  MergeExpectation,
  MergeOptions,
  MergeOutcome,
  MergePreview,
  MergeProject,
  MergeWorkspace,
} from './merge-types';
import { previewFrom } from './preview';

export interface MergeServiceOptions {
  /** The repository queue (`WorkspaceContext.inRepoQueue`): refs and checkouts change only inside it. */
  inRepoQueue<T>(project: MergeProject, operation: () => Promise<T>): Promise<T>;
  now?: () => number;
  hooks?: LandingHooks;
}

/** A merge stopped at conflicts: held in memory until resolved or aborted. */
interface PendingMerge {
  id: string;
  inputs: MergeInputs;
  step: PendingStep;
  conflicts: ConflictFile[];
}

/**
 * Merging a workspace back into its base branch with plumbing only: nothing is checked out
 * in the user's checkout, and until the final compare-and-swap `update-ref` nothing but loose
 * objects is written, so an abandoned or aborted merge leaves no trace.
 */
export class MergeService {
  private readonly pending = new Map<string, PendingMerge>();
  private readonly now: () => number;

  constructor(private readonly options: MergeServiceOptions) {
    this.now = options.now ?? Date.now;
  }

  /** Exactly what `mergeWorkspace` would do now, without doing it. */
  previewMerge(project: MergeProject, workspace: MergeWorkspace, options: MergeOptions): Promise<Result<MergePreview>> {
    return guard(async () => {
      const inputs = await gatherMergeInputs(project, workspace, options);
      if (!inputs.ok) return inputs;
      const step = inputs.data.commits.length === 0 ? null : await startMerge(inputs.data);
      return ok(await previewFrom(inputs.data, step));
    });
  }

  /**
   * Merges (or stops at conflicts, returning a `mergeId` for `resolveConflicts`/`abortMerge`).
   * `expected` pins what the preview showed: if the base, the workspace branch or its
   * uncommitted files moved, it refuses; the previewed commit of uncommitted files is reused.
   */
  mergeWorkspace(project: MergeProject, workspace: MergeWorkspace, options: MergeOptions, expected: MergeExpectation = {}): Promise<Result<MergeOutcome>> {
    return guard(() =>
      this.options.inRepoQueue(project, async () => {
        const inputs = await gatherMergeInputs(project, workspace, options, expected);
        if (!inputs.ok) return inputs;
        return this.advance(inputs.data, await startMerge(inputs.data));
      }),
    );
  }

  /** The conflicts of a pending merge, for a three-way view. */
  pendingConflicts(mergeId: string): Result<{ conflicts: ConflictFile[]; workspaceId: string }> {
    const merge = this.pending.get(mergeId);
    if (!merge) return fail('NOT_FOUND', 'That merge is no longer pending.');
    return ok({ conflicts: merge.conflicts, workspaceId: merge.inputs.workspace.id });
  }

  /** Completes a pending merge with the user's resolutions (rebase may stop again at a later commit). */
  resolveConflicts(mergeId: string, resolutions: readonly ConflictResolution[]): Promise<Result<MergeOutcome>> {
    const merge = this.pending.get(mergeId);
    if (!merge) return Promise.resolve(fail('NOT_FOUND', 'That merge is no longer pending.'));
    return guard(() =>
      this.options.inRepoQueue(merge.inputs.project, async () => {
        if (this.pending.get(mergeId) !== merge) return fail('NOT_FOUND', 'That merge is no longer pending.');
        const { inputs, step } = merge;
        const resolved = await applyResolutions(inputs.repo, step.mergeTree, step.conflicts, resolutions);
        if (!resolved.ok) return resolved;
        this.pending.delete(mergeId);
        const outcome = await this.advance(inputs, await continueMerge(inputs, step, resolved.data), mergeId);
        // A dirty checkout can be cleaned and the same resolutions tried again.
        if (!outcome.ok && outcome.error.code === 'CHECKOUT_HAS_CHANGES') this.pending.set(mergeId, merge);
        return outcome;
      }),
    );
  }

  /** Forgets a pending merge. Nothing was written but unreferenced objects, so nothing needs undoing. */
  abortMerge(mergeId: string): Result<{ aborted: true }> {
    if (!this.pending.delete(mergeId)) return fail('NOT_FOUND', 'That merge is no longer pending.');
    return ok({ aborted: true });
  }

  /** Lands a ready commit, or parks the conflicts under a (possibly reused) merge id. */
  private async advance(inputs: MergeInputs, step: Result<EngineStep>, mergeId: string = randomUUID()): Promise<Result<MergeOutcome>> {
    if (!step.ok) return step;
    if (step.data.kind === 'ready') {
      const landed = await landMerge(inputs, step.data.newCommit, step.data.landed, this.now(), this.options.hooks);
      return landed.ok ? ok({ status: 'merged', merged: landed.data }) : landed;
    }
    const pending = step.data.pending;
    const conflicts = await readConflictFiles(inputs.repo, pending.mergeTree, pending.conflicts);
    this.pending.set(mergeId, { id: mergeId, inputs, step: pending, conflicts });
    const rebase = pending.rebase;
    const commit = rebase ? inputs.commits[rebase.index] : undefined;
    return ok({
      status: 'conflicts',
      mergeId,
      conflicts,
      step: rebase && commit ? { commit: { sha: commit.sha, subject: commit.subject }, index: rebase.index, total: inputs.commits.length } : null,
    });
  }
}

/** Plumbing that fails unexpectedly becomes a GIT_FAILED value instead of an exception. */
async function guard<T>(work: () => Promise<Result<T>>): Promise<Result<T>> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof GitStepError) return fail('GIT_FAILED', error.message);
    throw error;
  }
}
