import type { PipelineSettings, PipelineSummary, PipelineView, StageState } from '../../../src-shared/contract';

/** A stage's state in words (never colour alone). */
export const stageStateWords: Record<StageState, string> = {
  waiting: 'waiting',
  working: 'working',
  needs_you: 'needs you',
  held: 'held',
  done: 'done',
  failed: 'failed',
};

/** How far a pipeline got, in words: the sidebar's description of its group. */
export const pipelineStageWords: Record<PipelineView['stage'], string> = {
  plan: 'planning',
  implement: 'implementing',
  review: 'in review',
  merge: 'ready to merge',
  done: 'done',
};

/** Whether any stage waits for the user (a decision, or a stage held). */
export function needsYou(view: PipelineView): boolean {
  return [view.plan, ...view.implement, ...view.reviews, ...view.merges].some((stage) => stage !== null && (stage.state === 'needs_you' || stage.state === 'held'));
}

/** A view's line in the project's list of pipelines. */
export function summaryOf(view: PipelineView): PipelineSummary {
  return { ...view.pipeline, stage: view.stage, needsYou: needsYou(view) };
}

/** "pipeline · in review · needs you": what the sidebar says of a pipeline. */
export function pipelineDescription(summary: Pick<PipelineSummary, 'stage' | 'needsYou'>): string {
  return `pipeline · ${pipelineStageWords[summary.stage]}${summary.needsYou ? ' · needs you' : ''}`;
}

/** A time as the stages show it: "14:05" today, "3 Mar 14:05" before. */
export function stageTime(at: number, now = Date.now()): string {
  const date = new Date(at);
  const time = date.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });
  return new Date(now).toDateString() === date.toDateString() ? time : `${date.toLocaleDateString('en-GB', { day: 'numeric', month: 'short' })} ${time}`;
}

/** "by you" / "by Braid": who made a stage's task. */
export const creatorWords = (createdBy: 'user' | 'braid') => (createdBy === 'braid' ? 'started by Braid' : 'started by you');

/** A short commit id. */
export const shortSha = (sha: string) => sha.slice(0, 7);

/** The project's gates in one sentence, for the new-pipeline dialog and the pipeline view. */
export function gatesSummary(settings: Pick<PipelineSettings, 'reviewGate' | 'autoReview' | 'checkCommand'>): string {
  const review = { off: 'the review gate is off', warn: 'the review gate warns about open P0/P1 findings', block: 'the review gate blocks merges while P0/P1 findings are open' }[settings.reviewGate];
  const check = settings.checkCommand ? `the check \`${settings.checkCommand}\` runs before each review` : 'no check command';
  return `Gates: plan approval; ${review}; ${check}; reviews start ${settings.autoReview ? 'by themselves' : 'when you start them'}.`;
}
