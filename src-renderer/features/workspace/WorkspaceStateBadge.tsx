import type { WorkspaceState } from '../../../src-shared/contract';

/** What each workspace state means for the task, shown next to the word. */
export const workspaceStateExplanations: Record<WorkspaceState, string> = {
  creating: 'its git worktree is being made; the agent starts once it is ready',
  ready: 'its git worktree is ready',
  failed: 'its git worktree could not be created',
  missing: 'its git worktree folder is gone; it can be recreated from the branch',
  deleting: 'its git worktree is being removed',
};

/** The workspace state as a word (never colour alone): creating, ready, failed, missing, deleting. */
export function WorkspaceStateBadge({ state, id }: { state: WorkspaceState; id?: string }) {
  return (
    <span id={id} className={`badge badge--${state}`} title={workspaceStateExplanations[state]}>
      {state}
    </span>
  );
}
