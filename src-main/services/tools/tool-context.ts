import type { Result } from '../../../src-shared/contract';
import { displayPath, resolveInsideWorkspace } from '../paths/confine-path';

/** What every workspace tool knows about the worktree it serves. */
export interface WorkspaceToolContext {
  /** The worktree root as given by the caller. */
  root: string;
  /** Confines a path the model asked for; see `resolveInsideWorkspace`. */
  resolve(requested: string): Result<string>;
  /** An absolute path as the model should see it: relative to the root, `/` separators. */
  display(absolute: string): string;
}

export function createToolContext(root: string): WorkspaceToolContext {
  return {
    root,
    resolve: (requested) => resolveInsideWorkspace(root, requested),
    display: (absolute) => displayPath(root, absolute),
  };
}
