import { fail, ok, type Engine, type PipelineCheck, type Result, type ReviewFinding, type ReviewGateState, type ReviewOverview, type Task, type TaskRole } from '../../../src-shared/contract';
import type { LoopTool } from '../agents/loop-tools';
import { fileDiff, type WorkspaceDiff } from '../diffs';
import type { ContractEmit } from '../events';
import type { ImplementContext } from '../plans/implement-service';
import type { PipelineSettingsStore } from '../projects/pipeline-settings';
import { worktreeFileReader } from '../review/comment-anchor';
import type { WorkspaceContext } from '../workspaces/context';
import { openTaskWorkspace, taskNotFound } from '../workspaces/open-task-workspace';
import { ownsItsWorkspace } from '../../../src-shared/workspaces/workspace-owner';
import { workspaceOwnerOf } from '../workspaces/shared-workspace';
import { worktreeGit } from '../workspaces/workspace-handle';
import { createFindingLifecycle, publicFinding, type AgentDelivery } from './finding-lifecycle';
import type { LocatedFinding } from './finding-locations';
import { reviewBriefing } from './review-briefing';
import { reviewDiffDigest } from './review-diff-digest';
import { reviewGateState } from './review-gate';
import { checkSubmission } from './review-submission';
import { storeReviewTask } from './start-review';
import { storeReview } from './store-review';
import { createSubmitReviewTool } from './submit-review-tool';

export interface ReviewRoleDeps {
  emit: ContractEmit;
  pipelineSettings: PipelineSettingsStore;
  agents: {
    startWithPrompt(taskId: string): Promise<void>;
    send(taskId: string, text: string): Promise<Result<{ delivery: AgentDelivery }>>;
    isRunning(taskId: string): boolean;
  };
  /** Checks a model ref for the review role. */
  resolveModel(ref: string): Promise<Result<unknown>>;
  /** A workspace's current diff against the merge-base (the live review's). */
  diff(workspaceId: string): Promise<Result<WorkspaceDiff>>;
  /** An implement task's pinned plan, summary and unplanned changes (`plans/`). */
  implementContext(taskId: string): Promise<Result<ImplementContext>>;
  /** The project's check command as it last ran in the task's workspace (`pipelines/`), or null. */
  latestCheck(taskId: string): PipelineCheck | null;
  /** Whether an external agent can review (`engines/`: installed, able to hand in a review). */
  checkEngine?(engine: Engine, role: TaskRole): Result<unknown>;
}

export type ReviewRoleService = ReturnType<typeof createReviewRoleService>;

const reviewAgainMessage =
  'Review the work again: it may have changed since your last review. Your instructions show the current diff and the earlier findings with their status. Say in submit_review’s `resolved` whether each earlier finding still waiting is fixed now, and report anything new as findings.';

/**
 * The review role (R3) on the host: a review task on the reviewed task's workspace
 * (`reviews.start`), its briefing, its `submit_review` (each valid review a report version with
 * its findings), review again, the findings' lifecycle (send to the implementer, dismiss, likely
 * addressed after the implementer's turns), and the review gate for merges. Facts are domain
 * events: `review.submitted`, `finding.statusChanged` (pipelines and the audit trail follow them).
 */
export function createReviewRoleService(context: WorkspaceContext, deps: ReviewRoleDeps) {
  const { store, events, now } = context;
  const lifecycle = createFindingLifecycle({ store, events, emit: deps.emit, now, sendToAgent: deps.agents.send });
  const starting = new Map<string, Promise<Result<Task>>>();

  /** Whose work a task's reviews are about: the workspace's owner. */
  const reviewedOf = (taskId: string): Result<Task> => {
    const task = store.tasks.get(taskId);
    if (!task) return taskNotFound();
    const reviewed = workspaceOwnerOf(store, task);
    return reviewed ? ok(reviewed) : fail('NOT_FOUND', 'The task this review was about does not exist any more.');
  };

  const gateOf = (reviewed: Task): ReviewGateState => reviewGateState(deps.pipelineSettings.get(reviewed.projectId).reviewGate, store.reviewReports.findingsFor(reviewed.id));

  /** The acceptance criteria ids of the plan the reviewed task is pinned to; null without a plan. */
  const criteriaOf = (reviewed: Task): string[] | null => {
    const pin = reviewed.planPin;
    const plan = pin ? store.plans.get(pin.planTaskId, pin.version) : undefined;
    return plan ? plan.plan.acceptanceCriteria.map((criterion) => criterion.id) : null;
  };

  const detectAddressed = async (reviewed: Task): Promise<void> => {
    if (reviewed.workspace.state !== 'ready') return;
    await lifecycle.detectAddressed(reviewed, worktreeFileReader(reviewed.workspace.path));
  };
  // The implementer or one of its subagents (anyone but a reviewer) changed the workspace: the owner's findings whose lines changed are likely addressed.
  events.on('agent.turnEnded', async ({ taskId }) => {
    const task = store.tasks.get(taskId);
    const owner = task && task.role !== 'review' ? workspaceOwnerOf(store, task) : undefined;
    if (owner) await detectAddressed(owner);
  });
  events.on('workspace.moved', async ({ workspaceId }) => {
    const owner = store.tasks.listByWorkspace(workspaceId).find(ownsItsWorkspace);
    if (owner) await detectAddressed(owner);
  });

  /** `submit_review` for one run of a review task. */
  const submitReviewTool = (reviewTask: Task): LoopTool =>
    createSubmitReviewTool<{ located: LocatedFinding[]; reviewed: Task; headCommit: string | null }>({
      async check(submission) {
        const reviewed = reviewedOf(reviewTask.id);
        if (!reviewed.ok) return { problems: [`(review): ${reviewed.error.message}`], checked: { located: [], reviewed: reviewTask, headCommit: null } };
        const opened = openTaskWorkspace(context, reviewed.data.id, 'worktree');
        const diff = opened.ok ? await deps.diff(opened.data.workspace.id) : opened;
        if (!opened.ok || !diff.ok) {
          const why = !opened.ok ? opened.error.message : !diff.ok ? diff.error.message : '';
          return { problems: [`(review): the reviewed workspace's diff cannot be read now (${why})`], checked: { located: [], reviewed: reviewed.data, headCommit: null } };
        }
        const handle = opened.data.handle;
        const { problems, located } = await checkSubmission(submission, {
          diff: { files: diff.data.files, fileDiff: (file) => fileDiff(handle, file) },
          criteria: criteriaOf(reviewed.data),
          earlier: store.reviewReports.findingsFor(reviewed.data.id),
        });
        const head = await worktreeGit(handle, ['rev-parse', '--verify', '--quiet', 'HEAD'], { readOnly: true });
        return { problems, checked: { located, reviewed: reviewed.data, headCommit: head.code === 0 ? head.stdout.trim() : null } };
      },
      accept: async (submission, checked) =>
        storeReview({ store, events, lifecycle, now }, { reviewTask, reviewed: checked.reviewed, submission, located: checked.located, headCommit: checked.headCommit }),
    });

  return {
    /**
     * A review task of `taskId` on its workspace; its agent starts at once. A double click gets
     * the first one. `actor`: who asked (the user; `braid` when a pipeline starts it), for the audit trail.
     */
    start(input: { taskId: string; model?: string; engine?: Engine }, actor: 'user' | 'braid' = 'user'): Promise<Result<Task>> {
      // Asked from a subagent's task, it reviews the workspace's owner (storeReviewTask): one start per owner at a time.
      const asked = store.tasks.get(input.taskId);
      const key = (asked && workspaceOwnerOf(store, asked)?.id) ?? input.taskId;
      const running = starting.get(key);
      if (running) return running;
      const result = storeReviewTask(context, {
        isRunning: deps.agents.isRunning,
        resolveModel: deps.resolveModel,
        ...(deps.checkEngine ? { checkEngine: deps.checkEngine } : {}),
        changedFiles: async (workspaceId) => {
          const diff = await deps.diff(workspaceId);
          return diff.ok ? ok(diff.data.files.length) : diff;
        },
      }, input, actor).then((stored) => {
        if (stored.ok) void context.track(deps.agents.startWithPrompt(stored.data.id));
        return stored;
      });
      starting.set(key, result);
      void result.finally(() => starting.delete(key));
      return result;
    },

    /** The next version of a review: its agent runs again with the current diff and the earlier findings. */
    async reviewAgain(reviewTaskId: string): Promise<Result<{ delivery: AgentDelivery }>> {
      const task = store.tasks.get(reviewTaskId);
      if (!task) return taskNotFound();
      if (task.role !== 'review' || task.reviewedTaskId === null) return fail('INVALID_INPUT', `“${task.title}” is not a review task.`);
      const reviewed = reviewedOf(task.id);
      if (!reviewed.ok) return reviewed;
      if (deps.agents.isRunning(task.id)) return fail('BUSY', `“${task.title}” is reviewing right now; wait for its review.`);
      if (deps.agents.isRunning(reviewed.data.id)) return fail('BUSY', `“${reviewed.data.title}” is still working; review it again once its run has ended.`);
      return deps.agents.send(task.id, reviewAgainMessage);
    },

    /** Reports, findings and the review gate of a task's work (given the reviewed task or one of its reviews). */
    overview(taskId: string): Result<ReviewOverview> {
      const reviewed = reviewedOf(taskId);
      if (!reviewed.ok) return reviewed;
      const task = reviewed.data;
      return ok({
        reviewedTaskId: task.id,
        reviewTasks: store.tasks.listReviewsOf(task.id).map((review) => ({ id: review.id, title: review.title, status: review.agent.status, statusReason: review.agent.statusReason })),
        reports: store.reviewReports.reportsFor(task.id),
        findings: store.reviewReports.findingsFor(task.id).map(publicFinding),
        gate: gateOf(task),
      });
    },

    sendFindings: (findingIds: readonly string[]) => lifecycle.send(findingIds),
    dismissFinding: (findingId: string, reason: string): Result<ReviewFinding> => lifecycle.dismiss(findingId, reason),

    /** The review gate for a merge of `taskId`'s workspace (its owner's findings, the project's mode). */
    gateFor(taskId: string): Result<ReviewGateState> {
      const reviewed = reviewedOf(taskId);
      return reviewed.ok ? ok(gateOf(reviewed.data)) : reviewed;
    },

    /** `submit_review` for a run of a review task (offered to review tasks only, see role-tools.ts). */
    loopToolsFor(task: Task): LoopTool[] {
      return task.role === 'review' && task.reviewedTaskId !== null ? [submitReviewTool(task)] : [];
    },

    /**
     * A review task's part of its system prompt, read when its run starts: the pinned plan with
     * its criteria, the implementer's summary, the unplanned changes (or the reviewed task's own
     * instructions), the diff against the merge-base (bounded) and the earlier findings.
     */
    async briefingFor(task: Task): Promise<string | null> {
      if (task.role !== 'review' || task.reviewedTaskId === null) return null;
      const reviewed = reviewedOf(task.id);
      if (!reviewed.ok) return `The task whose work this review was about is gone (${reviewed.error.message}). Say so with submit_review: verdict "incorrect", no findings.`;
      const implement = reviewed.data.planPin ? await deps.implementContext(reviewed.data.id) : null;
      const diff = await deps.diff(reviewed.data.workspace.id);
      return reviewBriefing({
        reviewed: reviewed.data,
        implement: implement?.ok ? implement.data : null,
        diff: diff.ok ? await reviewDiffDigest(reviewed.data.workspace, diff.data) : `(The diff could not be read: ${diff.error.message} Read it with run_command: git diff against the merge-base.)`,
        earlier: store.reviewReports.findingsFor(reviewed.data.id),
        check: deps.latestCheck(reviewed.data.id),
      });
    },
  };
}
