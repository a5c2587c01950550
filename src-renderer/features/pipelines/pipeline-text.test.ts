import { describe, expect, it } from 'vitest';
import type { PipelineView } from '../../../src-shared/contract';
import { gatesSummary, needsYou, pipelineDescription, stageTime } from './pipeline-text';

type AnyStage = { state: PipelineView['implement'][number]['state'] };
const stage = (state: AnyStage['state']): AnyStage => ({ state });

describe('pipeline words', () => {
  it('a pipeline needs the user while any stage needs a decision or is held, not while stages work or wait', () => {
    const view = (stages: { plan?: AnyStage | null; reviews?: AnyStage[]; merges?: AnyStage[] }) =>
      ({ plan: stages.plan === undefined ? stage('done') : stages.plan, implement: [stage('working'), stage('done')], reviews: stages.reviews ?? [stage('waiting')], merges: stages.merges ?? [] }) as unknown as PipelineView;
    expect(needsYou(view({}))).toBe(false);
    expect(needsYou(view({ reviews: [stage('held')] }))).toBe(true);
    expect(needsYou(view({ plan: null, merges: [stage('needs_you')] }))).toBe(true);
  });

  it('describes a pipeline in the sidebar by how far it got', () => {
    expect(pipelineDescription({ stage: 'review', needsYou: true })).toBe('pipeline · in review · needs you');
    expect(pipelineDescription({ stage: 'done', needsYou: false })).toBe('pipeline · done');
  });

  it('shows a time of today without its date, an older one with it', () => {
    const now = new Date(2026, 2, 3, 18, 0).getTime();
    expect(stageTime(new Date(2026, 2, 3, 14, 5).getTime(), now)).toBe('14:05');
    expect(stageTime(new Date(2026, 2, 1, 9, 30).getTime(), now)).toBe('1 Mar 09:30');
  });

  it('names the project’s gates in one sentence', () => {
    expect(gatesSummary({ reviewGate: 'block', autoReview: false, checkCommand: 'npm test' })).toBe(
      'Gates: plan approval; the review gate blocks merges while P0/P1 findings are open; the check `npm test` runs before each review; reviews start when you start them.',
    );
    expect(gatesSummary({ reviewGate: 'warn', autoReview: true, checkCommand: null })).toBe(
      'Gates: plan approval; the review gate warns about open P0/P1 findings; no check command; reviews start by themselves.',
    );
  });
});
