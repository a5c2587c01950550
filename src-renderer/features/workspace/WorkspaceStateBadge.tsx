import type { WorkspaceState } from '../../../src-shared/contract';

/** The workspace state as a word (never colour alone): creating, ready, failed, missing, deleting. */
export function WorkspaceStateBadge({ state, id }: { state: WorkspaceState; id?: string }) {
  return (
    <span id={id} className={`badge badge--${state}`}>
      {state}
    </span>
  );
}
