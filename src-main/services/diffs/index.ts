export type {
  DiffFile,
  DiffFileRef,
  DiffFileStatus,
  DiffLimits,
  DiffPath,
  DiffTotals,
  DiffWorkspace,
  FileDiff,
  WorkspaceDiff,
} from './diff-types';
export { defaultDiffLimits } from './diff-types';
export { workspaceDiff, type WorkspaceDiffOptions } from './workspace-diff';
export { fileDiff, type FileDiffOptions } from './file-diff';
export { mergeBaseOf, resolveWorkspaceBase, type WorkspaceBase } from './merge-base';
export { readFileDiff, hunksOf, shownContext, type ReadFileDiffOptions } from './read-file-diff';
export { parseUnifiedDiff, parseFilePatch, formatPatch, formatFilePatch, additionPatch, type FilePatch, type FormatPatchOptions } from './unified-diff';
export { hunkId, hunkRange, sameRange, hunkHeader, addedLines, removedLines, changeRanges, type Hunk, type HunkLine, type HunkRange } from './hunk';
export { languageOf } from './file-language';
export { DiffScheduler, type DiffSchedulerOptions } from './diff-scheduler';
export { watchWorkspace, type WorkspaceWatcher, type WorkspaceWatcherOptions } from './diff-watcher';
export { LiveDiffs, type LiveDiffsOptions } from './live-diffs';
