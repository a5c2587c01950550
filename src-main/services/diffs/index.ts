export type {
  DiffFile,
  DiffFileRef,
  DiffFileStatus,
  DiffHunk,
  DiffLimits,
  DiffLine,
  DiffPath,
  DiffTotals,
  DiffWorkspace,
  FileDiff,
  WorkspaceDiff,
} from './diff-types';
export { defaultDiffLimits } from './diff-types';
export { workspaceDiff, type WorkspaceDiffOptions } from './workspace-diff';
export { fileDiff, type FileDiffOptions } from './file-diff';
export { resolveDiffBase, type DiffBase } from './diff-base';
export { languageOf } from './file-language';
export { DiffScheduler, type DiffSchedulerOptions } from './diff-scheduler';
export { watchWorkspace, type WorkspaceWatcher, type WorkspaceWatcherOptions } from './diff-watcher';
export { LiveDiffs, type LiveDiffsOptions } from './live-diffs';
