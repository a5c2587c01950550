import { fail, ok, type CheckGateState, type MergedState, type MergeOutcomeView, type MethodArgs, type Result, type ReviewGateState } from '../../../src-shared/contract';
import type { WorkspaceContext } from '../workspaces/context';
import { openTaskWorkspace, taskNotFound } from '../workspaces/open-task-workspace';
import { workspaceOwnerOf } from '../workspaces/shared-workspace';
import { archiveMergedWorkspace } from './archive-workspace';
import { mergeBaseIntoWorkspace, resolutionRequest } from './merge-base-into-workspace';
import { clearMergedMarkOnNewWork } from './merged-mark';
import { MergeService } from './merge-service';
import type { ConflictFile, ConflictResolution, MergeOutcome, MergePreview, MergeProject, MergeWorkspace } from './merge-types';
import { markWorkspaceMerged } from './merged-workspace';

export interface TaskMergesOptions {
  /** Starts (or queues) an agent turn in the task. */
  sendToAgent(taskId: string, text: string): Promise<Result<{ delivery: 'started' | 'queued' | 'delivered' }>>;
  /** The review gate for a merge of the task's workspace (the project's mode and its open P0/P1 findings). */
  reviewGate(taskId: string): Result<ReviewGateState>;
  /** The check gate: the project's check command as it last ran on the task (clear without one). */
  checkGate(taskId: string): CheckGateState;
  /**
   * Removes tasks the way a delete does (`tasks.removing`): the agents, services and terminals of
   * the tasks that go (and the setup, when the workspace goes) stopped first, checkpoints after.
   */
  removing<T>(taskId: string, withSharedTasks: boolean, remove: () => Promise<Result<T>>): Promise<Result<T>>;
}

/** "Merge anyway": which gates a merge went past and why. */
type GateOverride = NonNullable<MergedState['override']>;

type MergeRequest = MethodArgs<'merge.preview'>;

/**
 * Merge back by task id: finds the task's project and workspace, runs the merge service,
 * remembers a landed merge on the workspace (so the review says "merged" and offers archive;
 * cleared when its agent starts new work), and "ask the agent to resolve". A landed merge and
 * a base merged in publish `workspace.moved`.
 */
export function createTaskMerges(context: WorkspaceContext, options: TaskMergesOptions) {
  clearMergedMarkOnNewWork(context);
  const moved = (workspaceId: string) => void context.events.publish('workspace.moved', { workspaceId });
  // The queue takes the repository's path, which the merge project carries: no second read of the project row.
  const service = new MergeService({ inRepoQueue: context.inRepoQueue, now: context.now });
  /** Merges stopped at conflicts after "merge anyway": their override, for the record once they land. */
  const overridesOfPending = new Map<string, GateOverride>();

  /** The task's project and workspace as the merge takes them; the branch is enough (a missing folder is fine). */
  const locate = (taskId: string): Result<{ project: MergeProject; workspace: MergeWorkspace }> => {
    const opened = openTaskWorkspace(context, taskId, 'branch');
    if (!opened.ok) return opened;
    const { project, workspace } = opened.data;
    return ok({ project, workspace: { id: workspace.id, path: workspace.path, branch: workspace.branch, baseBranch: workspace.baseBranch } });
  };
  const taskOfWorkspace = (workspaceId: string) => context.store.tasks.listByWorkspace(workspaceId)[0];
  /** A merge asked from a review task or a subagent's task is the workspace's owner's: the workspace and its work are that task's. */
  const ownerId = (taskId: string): string => {
    const task = context.store.tasks.get(taskId);
    return (task && workspaceOwnerOf(context.store, task)?.id) ?? taskId;
  };

  /**
   * Records a landed merge and tells everyone (`merge.landed` names the task that asked, else
   * the workspace's first task); passes conflicts through.
   */
  const settle = (outcome: Result<MergeOutcome>, taskId?: string, override: GateOverride | null = null): Result<MergeOutcomeView> => {
    if (!outcome.ok) return outcome;
    if (outcome.data.status === 'conflicts') {
      // The gates were passed when the merge started: the record says so once its conflicts are resolved.
      if (override) overridesOfPending.set(outcome.data.mergeId, override);
      return ok(outcome.data);
    }
    const record = outcome.data.merged;
    const workspaceId = record.workspaceId;
    const landedBy = (taskId === undefined ? undefined : context.store.tasks.get(taskId)) ?? taskOfWorkspace(workspaceId);
    const merged = markWorkspaceMerged(context, record, override);
    if (landedBy) {
      void context.events.publish('merge.landed', {
        projectId: landedBy.projectId,
        taskId: landedBy.id,
        pipelineId: landedBy.pipelineId,
        workspaceId,
        strategy: record.strategy,
        selective: record.selective,
        files: record.files,
        targetBranch: record.targetBranch,
        targetBefore: record.previousCommit,
        targetAfter: record.newCommit,
      });
    }
    return ok({ status: 'merged', merged });
  };

  return {
    /** What a merge would do now, and what the gates (review, check) say of it. */
    async preview(asked: MergeRequest): Promise<Result<MergePreview & { reviewGate: ReviewGateState; checkGate: CheckGateState }>> {
      const request = { ...asked, taskId: ownerId(asked.taskId) };
      const located = locate(request.taskId);
      if (!located.ok) return located;
      const gate = options.reviewGate(request.taskId);
      if (!gate.ok) return gate;
      const preview = await service.previewMerge(located.data.project, located.data.workspace, request);
      return preview.ok ? ok({ ...preview.data, reviewGate: gate.data, checkGate: options.checkGate(request.taskId) }) : preview;
    },

    /**
     * Merges, behind the gates: the review gate in mode `block` with open P0/P1 findings
     * (`REVIEW_GATE_BLOCKED`, the findings in `details`), and the check gate while the task's
     * latest check did not pass (`CHECK_GATE_BLOCKED`, the check in `details`), refuse unless
     * `override.reason` says why it goes ahead anyway. Every gate an override was needed for is
     * published (`gate.overridden`, audited) once the merge went through the gates (landed, or
     * stopped at conflicts to resolve), and the landed merge's record keeps the override.
     */
    async run(asked: MethodArgs<'merge.run'>): Promise<Result<MergeOutcomeView>> {
      const request = { ...asked, taskId: ownerId(asked.taskId) };
      const located = locate(request.taskId);
      if (!located.ok) return located;
      const gate = options.reviewGate(request.taskId);
      if (!gate.ok) return gate;
      const check = options.checkGate(request.taskId);
      const reviewBlocks = gate.data.verdict === 'blocked';
      const checkBlocks = check.verdict === 'blocked';
      if ((reviewBlocks || checkBlocks) && !request.override) {
        const messages = [reviewBlocks ? (gate.data.message ?? 'Blocked by the review gate.') : null, checkBlocks ? check.message : null].filter(Boolean).join(' ');
        const remedy = reviewBlocks ? 'Resolve or dismiss the findings' : 'Run the check again once it is fixed';
        return reviewBlocks
          ? fail('REVIEW_GATE_BLOCKED', `${messages} ${remedy}, or merge anyway with a reason.`, { findings: gate.data.findings, ...(checkBlocks ? { check: check.check } : {}) })
          : fail('CHECK_GATE_BLOCKED', `${messages} ${remedy}, or merge anyway with a reason.`, { check: check.check });
      }
      const outcome = await service.mergeWorkspace(located.data.project, located.data.workspace, request, request.expected ?? {});
      const task = context.store.tasks.get(request.taskId);
      const overridden = request.override && (reviewBlocks || checkBlocks) ? { gates: [...(reviewBlocks ? ['review'] : []), ...(checkBlocks ? ['check'] : [])], reason: request.override.reason } : null;
      if (overridden && outcome.ok && task) {
        const fact = { projectId: task.projectId, taskId: task.id, pipelineId: task.pipelineId, reason: overridden.reason };
        if (reviewBlocks) {
          void context.events.publish('gate.overridden', {
            ...fact,
            gate: 'review',
            details: { mode: gate.data.mode, findings: gate.data.findings.map(({ id, title, priority, status }) => ({ id, title, priority, status })) },
          });
        }
        if (checkBlocks && check.check) {
          const { command, status, exitCode, startedAt } = check.check;
          void context.events.publish('gate.overridden', { ...fact, gate: 'check', details: { command, status, exitCode, startedAt } });
        }
      }
      return settle(outcome, request.taskId, overridden);
    },

    conflicts(mergeId: string): Result<{ taskId: string; conflicts: ConflictFile[] }> {
      const pending = service.pendingConflicts(mergeId);
      if (!pending.ok) return pending;
      const task = taskOfWorkspace(pending.data.workspaceId);
      if (!task) return fail('NOT_FOUND', 'The task of that merge does not exist any more.');
      return ok({ taskId: task.id, conflicts: pending.data.conflicts });
    },

    async resolve(mergeId: string, resolutions: readonly ConflictResolution[]): Promise<Result<MergeOutcomeView>> {
      const outcome = await service.resolveConflicts(mergeId, resolutions);
      const override = overridesOfPending.get(mergeId) ?? null;
      if (outcome.ok) overridesOfPending.delete(mergeId);
      return settle(outcome, undefined, override);
    },

    abort: (mergeId: string) => {
      overridesOfPending.delete(mergeId);
      return service.abortMerge(mergeId);
    },

    /**
     * Merges the base into the workspace (markers left in its files) and asks the agent of the
     * workspace's owner to resolve them, asked from any task on it (a reviewer never edits; a
     * subagent's task works for its parent). A pending merge of the workspace is given up
     * first (nothing to undo); one of another workspace is refused.
     */
    async askAgent(askedId: string, mergeId?: string): Promise<Result<{ conflicts: string[]; delivery: 'started' | 'queued' | 'delivered' | null }>> {
      const taskId = ownerId(askedId);
      if (mergeId) {
        const pending = service.pendingConflicts(mergeId);
        if (pending.ok && context.store.tasks.get(taskId)?.workspace.id !== pending.data.workspaceId) return fail('INVALID_INPUT', 'That merge belongs to another task.');
        if (pending.ok) {
          overridesOfPending.delete(mergeId);
          service.abortMerge(mergeId);
        }
      }
      const opened = openTaskWorkspace(context, taskId, 'worktree');
      if (!opened.ok) return opened;
      const { handle, workspace } = opened.data;
      const merged = await mergeBaseIntoWorkspace(handle);
      if (!merged.ok) return merged;
      // The task may have been deleted while git worked: only a workspace that is still there moved.
      if (context.store.tasks.get(taskId)) moved(workspace.id);
      if (merged.data.conflicts.length === 0) return ok({ conflicts: [], delivery: null });
      const sent = await options.sendToAgent(taskId, resolutionRequest(handle.baseBranch, merged.data.conflicts));
      if (!sent.ok) return sent;
      return ok({ conflicts: merged.data.conflicts, delivery: sent.data.delivery });
    },

    /**
     * Removes a merged workspace's worktree (and its branch unless `keepBranch`), asked from any
     * task on it (the owner's). A workspace its reviews share is refused with `WORKSPACE_SHARED`
     * naming them unless `withSharedTasks`. What goes is stopped first, as for a delete: a review
     * waiting for an answer, a subagent's task resumed on its own.
     */
    async archive(askedId: string, keepBranch: boolean, withSharedTasks = false): Promise<Result<{ archived: true; branchDeleted: boolean }>> {
      const taskId = ownerId(askedId);
      const task = context.store.tasks.get(taskId);
      if (!task) return taskNotFound();
      const merged = task.workspace.merged;
      if (!merged) return fail('INVALID_INPUT', 'This workspace has not been merged yet; merge it first, or delete the task.');
      const workspace = { workspaceId: task.workspace.id, selective: merged.selective, mergedHead: merged.mergedHead };
      return options.removing(taskId, withSharedTasks, () => archiveMergedWorkspace(context, { taskId, keepBranch, withSharedTasks, merged: workspace }));
    },
  };
}

export type TaskMerges = ReturnType<typeof createTaskMerges>;

