import type { MethodOutput } from '../../../src-shared/contract';

/** The DiffLens shapes as the renderer receives them, named once. */
export type WorkspaceDiff = MethodOutput<'review.diff'>;
export type DiffFile = WorkspaceDiff['files'][number];
export type FileDiff = MethodOutput<'review.fileDiff'>;
export type DiffHunk = FileDiff['hunks'][number];
export type ProvenanceEntry = MethodOutput<'review.provenance'>[number];
export type ReviewComment = MethodOutput<'review.comments'>[number];
export type ReviewSummary = MethodOutput<'review.overview'>[number];
export type AgentCommand = ReviewSummary['commands'][number];
