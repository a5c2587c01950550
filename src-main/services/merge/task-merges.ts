import { fail, ok, type MergedState, type MergeOutcomeView, type MethodArgs, type Result, type ReviewGateState } from '../../../src-shared/contract';
import type { WorkspaceContext } from '../workspaces/context';
import { openTaskWorkspace, taskNotFound } from '../workspaces/open-task-workspace';
import { workspaceOwnerOf } from '../workspaces/shared-workspace';
import { archiveMergedWorkspace } from './archive-workspace';
import { mergeBaseIntoWorkspace, resolutionRequest } from './merge-base-into-workspace';
import { clearMergedMarkOnNewWork } from './merged-mark';
import { MergeService } from './merge-service';
import type { ConflictFile, ConflictResolution, MergeOutcome, MergePreview, MergeProject, MergeRecord, MergeWorkspace } from './merge-types';

export interface TaskMergesOptions {
  /** Starts (or queues) an agent turn in the task. */
  sendToAgent(taskId: string, text: string): Promise<Result<{ delivery: 'started' | 'queued' | 'delivered' }>>;
  /** The review gate for a merge of the task's workspace (the project's mode and its open P0/P1 findings). */
  reviewGate(taskId: string): Result<ReviewGateState>;
}

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

  /** The task's project and workspace as the merge takes them; the branch is enough (a missing folder is fine). */
  const locate = (taskId: string): Result<{ project: MergeProject; workspace: MergeWorkspace }> => {
    const opened = openTaskWorkspace(context, taskId, 'branch');
    if (!opened.ok) return opened;
    const { project, workspace } = opened.data;
    return ok({ project, workspace: { id: workspace.id, path: workspace.path, branch: workspace.branch, baseBranch: workspace.baseBranch } });
  };
  const taskOfWorkspace = (workspaceId: string) => context.store.tasks.listByWorkspace(workspaceId)[0];
  /** A merge asked from a review task is its reviewed task's: the workspace and its work are that task's. */
  const ownerId = (taskId: string): string => {
    const task = context.store.tasks.get(taskId);
    return (task && workspaceOwnerOf(context.store, task)?.id) ?? taskId;
  };

  /**
   * Records a landed merge and tells everyone (`merge.landed` names the task that asked, else
   * the workspace's first task); passes conflicts through.
   */
  const settle = (outcome: Result<MergeOutcome>, taskId?: string): Result<MergeOutcomeView> => {
    if (!outcome.ok) return outcome;
    if (outcome.data.status === 'conflicts') return ok(outcome.data);
    const record = outcome.data.merged;
    const merged = mergedState(record);
    const workspaceId = record.workspaceId;
    const landedBy = (taskId === undefined ? undefined : context.store.tasks.get(taskId)) ?? taskOfWorkspace(workspaceId);
    context.store.workspaces.setMerged(workspaceId, merged);
    for (const task of context.store.tasks.listByWorkspace(workspaceId)) context.announce.taskChanged(task.id);
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
    moved(workspaceId);
    return ok({ status: 'merged', merged });
  };

  return {
    /** What a merge would do now, and what the review gate says of it. */
    async preview(asked: MergeRequest): Promise<Result<MergePreview & { reviewGate: ReviewGateState }>> {
      const request = { ...asked, taskId: ownerId(asked.taskId) };
      const located = locate(request.taskId);
      if (!located.ok) return located;
      const gate = options.reviewGate(request.taskId);
      if (!gate.ok) return gate;
      const preview = await service.previewMerge(located.data.project, located.data.workspace, request);
      return preview.ok ? ok({ ...preview.data, reviewGate: gate.data }) : preview;
    },

    /**
     * Merges, behind the review gate: in mode `block` with open P0/P1 findings it is refused
     * (`REVIEW_GATE_BLOCKED`, the findings in `details`) unless `override.reason` says why it goes
     * ahead anyway; an override that was needed is published (`gate.overridden`, audited) once the
     * merge went through the gate (landed, or stopped at conflicts to resolve).
     */
    async run(asked: MethodArgs<'merge.run'>): Promise<Result<MergeOutcomeView>> {
      const request = { ...asked, taskId: ownerId(asked.taskId) };
      const located = locate(request.taskId);
      if (!located.ok) return located;
      const gate = options.reviewGate(request.taskId);
      if (!gate.ok) return gate;
      const blocked = gate.data.verdict === 'blocked';
      if (blocked && !request.override) {
        return fail('REVIEW_GATE_BLOCKED', `${gate.data.message ?? 'Blocked by the review gate.'} Resolve or dismiss them, or merge anyway with a reason.`, { findings: gate.data.findings });
      }
      const outcome = await service.mergeWorkspace(located.data.project, located.data.workspace, request, request.expected ?? {});
      const task = context.store.tasks.get(request.taskId);
      if (blocked && request.override && outcome.ok && task) {
        void context.events.publish('gate.overridden', {
          projectId: task.projectId,
          taskId: task.id,
          pipelineId: task.pipelineId,
          gate: 'review',
          reason: request.override.reason,
          details: { mode: gate.data.mode, findings: gate.data.findings.map(({ id, title, priority, status }) => ({ id, title, priority, status })) },
        });
      }
      return settle(outcome, request.taskId);
    },

    conflicts(mergeId: string): Result<{ taskId: string; conflicts: ConflictFile[] }> {
      const pending = service.pendingConflicts(mergeId);
      if (!pending.ok) return pending;
      const task = taskOfWorkspace(pending.data.workspaceId);
      if (!task) return fail('NOT_FOUND', 'The task of that merge does not exist any more.');
      return ok({ taskId: task.id, conflicts: pending.data.conflicts });
    },

    async resolve(mergeId: string, resolutions: readonly ConflictResolution[]): Promise<Result<MergeOutcomeView>> {
      return settle(await service.resolveConflicts(mergeId, resolutions));
    },

    abort: (mergeId: string) => service.abortMerge(mergeId),

    /**
     * Merges the base into the workspace (markers left in its files) and asks the task's
     * agent to resolve them. A pending merge of this task is given up first (nothing to undo).
     */
    async askAgent(taskId: string, mergeId?: string): Promise<Result<{ conflicts: string[]; delivery: 'started' | 'queued' | 'delivered' | null }>> {
      if (mergeId) {
        const pending = service.pendingConflicts(mergeId);
        if (pending.ok && taskOfWorkspace(pending.data.workspaceId)?.id !== taskId) return fail('INVALID_INPUT', 'That merge belongs to another task.');
        if (pending.ok) service.abortMerge(mergeId);
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
     * Removes a merged workspace's worktree (and its branch unless `keepBranch`). A workspace its
     * reviews share is refused with `WORKSPACE_SHARED` naming them unless `withSharedTasks`.
     */
    async archive(askedId: string, keepBranch: boolean, withSharedTasks = false): Promise<Result<{ archived: true; branchDeleted: boolean }>> {
      const taskId = ownerId(askedId);
      const task = context.store.tasks.get(taskId);
      if (!task) return taskNotFound();
      const merged = task.workspace.merged;
      if (!merged) return fail('INVALID_INPUT', 'This workspace has not been merged yet; merge it first, or delete the task.');
      return archiveMergedWorkspace(context, { taskId, keepBranch, withSharedTasks, merged: { workspaceId: task.workspace.id, selective: merged.selective, mergedHead: merged.mergedHead } });
    },
  };
}

export type TaskMerges = ReturnType<typeof createTaskMerges>;

function mergedState(record: MergeRecord): MergedState {
  return {
    strategy: record.strategy,
    selective: record.selective,
    files: record.files,
    targetBranch: record.targetBranch,
    previousCommit: record.previousCommit,
    newCommit: record.newCommit,
    mergedHead: record.mergedHead,
    mergedAt: record.mergedAt,
    checkoutUpdated: record.checkout?.updated ? record.checkout.path : null,
    landedOnTarget: record.landedOnTarget,
  };
}
