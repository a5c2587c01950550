import type { QueueEntryOptions } from '../../../src-shared/contract';
import { GitStepError } from '../git/git-step';
import { startMerge } from '../merge/merge-engine';
import { gatherMergeInputs, type MergeInputs } from '../merge/merge-inputs';
import type { MergeProject, MergeWorkspace } from '../merge/merge-types';

/** A candidate: the commit to test and land, or why there is none. */
export type CandidateBuild =
  | { kind: 'ready'; inputs: MergeInputs; commit: string; landed: string[] }
  | { kind: 'conflicts'; files: string[] }
  | { kind: 'refused'; reason: 'nothing-to-merge' | 'invalid'; message: string };

/**
 * The entry merged onto `onto` (the target's tip, or the candidate of the entry ahead when
 * testing speculatively) exactly as the merge dialog would merge it: same strategy, files,
 * hunks, message, uncommitted files. Plumbing only: nothing but loose objects is written, no
 * ref moves until the landing's compare-and-swap.
 */
export async function buildCandidate(project: MergeProject, workspace: MergeWorkspace, options: QueueEntryOptions, onto: string): Promise<CandidateBuild> {
  try {
    const inputs = await gatherMergeInputs(project, workspace, options, {}, onto);
    if (!inputs.ok) return refused(inputs.error.code, inputs.error.message);
    const step = await startMerge(inputs.data);
    if (!step.ok) return refused(step.error.code, step.error.message);
    if (step.data.kind === 'conflicts') return { kind: 'conflicts', files: step.data.pending.conflicts.map((conflict) => conflict.path) };
    return { kind: 'ready', inputs: inputs.data, commit: step.data.newCommit, landed: step.data.landed };
  } catch (error) {
    if (error instanceof GitStepError) return refused('GIT_FAILED', error.message);
    throw error;
  }
}

function refused(code: string, message: string): CandidateBuild {
  return { kind: 'refused', reason: code === 'NOTHING_TO_MERGE' ? 'nothing-to-merge' : 'invalid', message };
}
