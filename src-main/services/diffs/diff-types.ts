import type { DiffFileRefView, DiffFileView, FileDiffView, WorkspaceDiffView } from '../../../src-shared/contract';

/**
 * What a workspace's diff looks like to the rest of the app: the contract's types as they are
 * (src-shared/contract/review.ts documents each field), so nothing is reshaped on the way out.
 */

export type DiffFileStatus = DiffFileView['status'];

/** The workspace fields a diff needs; a `WorkspaceRow` fits as is. */
export interface DiffWorkspace {
  path: string;
  baseBranch: string;
  /** The commit the workspace branched from; used when the base branch is gone. */
  baseCommit: string | null;
}

/** A file name as git stores it: `path` for display, `pathBytes` (base64) when that is lossy. */
export type DiffPath = Pick<DiffFileView, 'path' | 'pathBytes'>;

export type DiffFile = DiffFileView;
export type DiffTotals = WorkspaceDiffView['totals'];
export type WorkspaceDiff = WorkspaceDiffView;

/** The contract's reference to one file of the list, or (inside the host) just its name. */
export type DiffFileRef = string | DiffFileRefView;

export type FileDiff = FileDiffView;

export interface DiffLimits {
  /** Files larger than this are listed with their size but never loaded (default 2 MiB). */
  maxBytes: number;
  /** Diffs with more changed lines than this are not displayed (default 20,000). */
  maxLines: number;
}

export const defaultDiffLimits: DiffLimits = { maxBytes: 2 * 1024 * 1024, maxLines: 20_000 };
