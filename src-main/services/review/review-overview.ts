import { fail, ok, type Result, type ReviewSummary } from '../../../src-shared/contract';
import { ownsItsWorkspace } from '../../../src-shared/workspaces/workspace-owner';
import type { WorkspaceDiff } from '../diffs/diff-types';
import type { Store } from '../store/store';
import { agentCommands, commandEventKinds } from './agent-commands';

export interface ReviewOverviewDeps {
  store: Store;
  /** A workspace's current diff (coalesced and concurrency-limited by the caller). */
  diff(workspaceId: string): Promise<Result<WorkspaceDiff>>;
}

/**
 * The review-first overview of a project: one line per task whose worktree is on disk, with
 * its diff totals, the commands its agent ran and how they ended, and its open comments.
 * A workspace whose diff cannot be read says why instead of vanishing from the list. A review
 * task or a subagent's task is not a line of its own: it shares its owner's workspace, whose
 * line it is (the workspace is listed once).
 */
export async function reviewOverview(deps: ReviewOverviewDeps, projectId: string): Promise<Result<ReviewSummary[]>> {
  const { store } = deps;
  if (!store.projects.get(projectId)) return fail('NOT_FOUND', 'That project is not open in Braid.');
  const tasks = store.tasks.listByProject(projectId).filter((task) => task.workspace.state === 'ready' && ownsItsWorkspace(task));
  const summaries = await Promise.all(
    tasks.map(async (task): Promise<ReviewSummary> => {
      const diff = await deps.diff(task.workspace.id);
      const comments = store.reviewComments.listByTask(task.id);
      return {
        taskId: task.id,
        files: diff.ok ? diff.data.totals.files : 0,
        additions: diff.ok ? diff.data.totals.additions : 0,
        deletions: diff.ok ? diff.data.totals.deletions : 0,
        commands: agentCommands(store.timeline.ofKinds(task.id, commandEventKinds)),
        openComments: comments.filter((comment) => comment.status === 'open').length,
        error: diff.ok ? null : diff.error.message,
      };
    }),
  );
  return ok(summaries);
}
