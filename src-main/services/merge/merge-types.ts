import type { FileChange } from './file-changes';
import type { HunkPick } from './hunk-pick';
import type { UncommittedChange } from './workspace-snapshot';

export const mergeStrategies = ['merge', 'squash', 'rebase'] as const;
export type MergeStrategy = (typeof mergeStrategies)[number];

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

export interface MergeOptions {
  strategy: MergeStrategy;
  /**
   * Merge only these files (paths as the workspace's changes list them). The base then gets
   * one new commit with just their changes, whatever the strategy.
   */
  files?: string[];
  /**
   * Merge only these hunks of these (modified) files, named as the review shows them. Their
   * paths join `files` in the selection; the rest of each file stays as the base has it.
   */
  hunks?: HunkPick[];
  /** Message for the new commit (merge commit, squash or selective); a default is offered. */
  message?: string;
  /**
   * Uncommitted changes in the workspace folder (tracked edits and untracked, not ignored
   * files). Taken by default: committed on the workspace branch first, as part of the merge
   * (only if it lands). `false` leaves them in the workspace and merges the branch's commits.
   */
  includeUncommitted?: boolean;
}

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

export interface CommitSummary {
  sha: string;
  subject: string;
}

export interface CheckoutImpact {
  path: string;
  isMain: boolean;
  /** `update`: its files follow the branch; `refuse`: it has local changes the merge would overwrite. */
  action: 'update' | 'refuse';
  blockingFiles: { path: string; status: string }[];
  /** A merge/rebase/cherry-pick in progress there (refused). */
  operation: string | null;
}

export interface MergePreview {
  strategy: MergeStrategy;
  selective: boolean;
  targetBranch: string;
  targetCommit: string;
  workspaceBranch: string;
  workspaceHead: string;
  mergeBase: string | null;
  /** The workspace's commits the target does not have (oldest first). */
  commits: CommitSummary[];
  /** How many new commits the target gets: 1 for merge/squash/selective, the replayed ones for rebase. */
  newCommitCount: number;
  uncommitted: UncommittedChange[];
  includesUncommitted: boolean;
  /**
   * The commit the uncommitted files become on the workspace branch before the merge (null
   * when none are included); pass its sha back as `expected.uncommittedCommit`.
   */
  uncommittedCommit: CommitSummary | null;
  /** Files the target branch will change (clean merge), else the workspace's changes. */
  files: FileChange[];
  clean: boolean;
  conflicts: string[];
  message: string;
  checkout: CheckoutImpact | null;
  /** Why `mergeWorkspace` would refuse right now (code + message), or null. */
  blocked: { code: string; message: string } | null;
}

export interface ConflictSide {
  mode: string;
  oid: string;
  binary: boolean;
  /** The text, or null when binary or too large to show. */
  text: string | null;
}

/** One conflicted file for a three-way view: base / ours (the target) / theirs (the workspace). */
export interface ConflictFile {
  path: string;
  base: ConflictSide | null;
  ours: ConflictSide | null;
  theirs: ConflictSide | null;
  /** Git's merged text with conflict markers, when it produced one. */
  merged: string | null;
  /** Git's description, e.g. "CONFLICT (modify/delete): …". */
  messages: string[];
}

export type ConflictResolution =
  | { path: string; content: string | Uint8Array }
  | { path: string; take: 'ours' | 'theirs' | 'base' }
  | { path: string; delete: true };

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

export type MergeOutcome =
  | { status: 'merged'; merged: MergeRecord }
  | {
      status: 'conflicts';
      mergeId: string;
      conflicts: ConflictFile[];
      /** For rebase: the commit being replayed when the conflict happened. */
      step: { commit: CommitSummary; index: number; total: number } | null;
    };
