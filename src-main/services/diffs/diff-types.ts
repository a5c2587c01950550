/**
 * What a workspace's diff looks like to the rest of the app. Plain data, safe to send to the
 * renderer as is (no Buffers): names that are not valid UTF-8 carry their raw bytes in base64.
 */

export type DiffFileStatus = 'added' | 'modified' | 'deleted' | 'renamed' | 'copied' | 'typechange' | 'untracked';

/** The workspace fields a diff needs; a `WorkspaceRow` fits as is. */
export interface DiffWorkspace {
  path: string;
  baseBranch: string;
  /** The commit the workspace branched from; used when the base branch is gone. */
  baseCommit: string | null;
}

/**
 * A file name as git stores it. `path` is for display (invalid UTF-8 bytes become U+FFFD);
 * `pathBytes` (base64 of the raw bytes) is present only when that display form is lossy, and
 * is what the file diff uses to address the file.
 */
export interface DiffPath {
  path: string;
  pathBytes?: string;
}

export interface DiffFile extends DiffPath {
  /** The name before a rename or copy. */
  oldPath?: string;
  oldPathBytes?: string;
  status: DiffFileStatus;
  /** Lines added (0 for binary files and for untracked files too large to read). */
  additions: number;
  deletions: number;
  binary: boolean;
  /** Octal git modes, e.g. `100644`, `100755`, `120000` (symlink); absent on the missing side. */
  oldMode?: string;
  newMode?: string;
  /** Size in the working tree; absent for deleted files. */
  sizeBytes?: number;
  /** Over the display limits: the file diff will not load its text. */
  tooLarge?: boolean;
  /** Rename/copy similarity in percent. */
  similarity?: number;
}

export interface DiffTotals {
  files: number;
  additions: number;
  deletions: number;
}

export interface WorkspaceDiff {
  /** The commit everything is compared with. */
  mergeBase: string;
  /** `branch`: merge-base of HEAD with the base branch; `baseCommit`: the base branch is gone. */
  baseSource: 'branch' | 'baseCommit';
  files: DiffFile[];
  totals: DiffTotals;
}

export interface DiffLine {
  kind: ' ' | '+' | '-';
  text: string;
  oldLine?: number;
  newLine?: number;
  /** Git's "\ No newline at end of file" followed this line. */
  noNewlineAtEnd?: boolean;
}

export interface DiffHunk {
  oldStart: number;
  oldLines: number;
  newStart: number;
  newLines: number;
  /** The whole `@@ -a,b +c,d @@ context` line. */
  header: string;
  lines: DiffLine[];
}

/** A reference to one file of the list: its name, and its old name when it was renamed. */
export type DiffFileRef = string | (DiffPath & { oldPath?: string; oldPathBytes?: string });

export interface FileDiff extends DiffPath {
  oldPath?: string;
  oldPathBytes?: string;
  /** `unchanged`: the file no longer differs (e.g. reverted since the list was read). */
  status: DiffFileStatus | 'unchanged';
  /** Monaco language id guessed from the extension (`plaintext` when unknown). */
  language: string;
  binary: boolean;
  /** Set instead of hunks and texts when either side is over the display limits. */
  tooLarge?: { bytes: number };
  hunks: DiffHunk[];
  /** Full texts for a side-by-side editor; absent when binary or too large. */
  oldText?: string;
  newText?: string;
  oldMode?: string;
  newMode?: string;
}

export interface DiffLimits {
  /** Files larger than this are listed with their size but never loaded (default 2 MiB). */
  maxBytes: number;
  /** Diffs with more changed lines than this are not displayed (default 20,000). */
  maxLines: number;
}

export const defaultDiffLimits: DiffLimits = { maxBytes: 2 * 1024 * 1024, maxLines: 20_000 };
