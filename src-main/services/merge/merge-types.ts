import type { ConflictFileView, ConflictResolutionInput, MergeOutcomeView, MergePreviewView, MergeStrategyName, MethodArgs } from '../../../src-shared/contract';

/**
 * The merge service speaks the contract's types (src-shared/contract/merge.ts documents their
 * fields); what only the host knows is declared here: the project and workspace a merge needs,
 * what a merge must still find as the preview showed it, and the record of a landed merge.
 */

export type MergeStrategy = MergeStrategyName;

/** The project and workspace fields a merge needs (the store's rows satisfy these). */
export interface MergeProject {
  id: string;
  path: string;
}

export interface MergeWorkspace {
  id: string;
  path: string;
  branch: string;
  baseBranch: string;
}

/**
 * What the user chose in the merge dialog (the contract's request; its task is found by the
 * caller). `includeUncommitted` may be left out here: the workspace's uncommitted files are
 * then taken.
 */
export type MergeOptions = Omit<MethodArgs<'merge.preview'>, 'taskId' | 'includeUncommitted'> & { includeUncommitted?: boolean };

/** Whether the merge takes the workspace's uncommitted files (it does unless told not to). */
export const takesUncommitted = (options: Pick<MergeOptions, 'includeUncommitted'>): boolean => options.includeUncommitted !== false;

export interface MergeExpectation {
  /** The target commit the preview showed; the merge refuses with MERGE_OUTDATED if it moved. */
  targetCommit?: string;
  /** The workspace commit the preview showed. */
  workspaceHead?: string;
  /**
   * The commit of uncommitted files the preview showed (null: it showed none). It is reused
   * if the folder still matches, so the ids shown are the ids that land; MERGE_OUTDATED if not.
   * Left out, a fresh commit is made.
   */
  uncommittedCommit?: string | null;
}

export type MergePreview = MergePreviewView;
export type CommitSummary = MergePreview['commits'][number];
export type CheckoutImpact = NonNullable<MergePreview['checkout']>;
export type ConflictFile = ConflictFileView;
export type ConflictSide = NonNullable<ConflictFile['base']>;

/** The contract's resolutions, and inside the host a file's content as raw bytes too. */
export type ConflictResolution = ConflictResolutionInput | { path: string; content: Uint8Array };

/** What the lead persists: the workspace is merged. */
export interface MergeRecord {
  workspaceId: string;
  strategy: MergeStrategy;
  selective: boolean;
  files: string[];
  targetBranch: string;
  previousCommit: string;
  newCommit: string;
  /** Commits the merge wrote for the target (the merge or squash commit, or the replayed ones), oldest first. */
  landedCommits: string[];
  /**
   * Every commit the target's history gained (`previous..new`, the branch's own commits
   * included for a merge commit): the newest `landedListLimit`, oldest first, and how many in all.
   */
  landedOnTarget: { commits: CommitSummary[]; total: number };
  /** The commit made on the workspace branch from its uncommitted changes, if any. */
  workspaceCommit: string | null;
  /** The workspace branch head that was merged. */
  mergedHead: string;
  checkout: { path: string; updated: boolean } | null;
  mergedAt: number;
}

/** Landed (with the host's full record), or stopped at conflicts as the contract shows them. */
export type MergeOutcome = { status: 'merged'; merged: MergeRecord } | Extract<MergeOutcomeView, { status: 'conflicts' }>;
