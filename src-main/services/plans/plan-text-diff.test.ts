import { describe, expect, it } from 'vitest';
import { planSchema } from '../../../src-shared/contract';
import { revisedSamplePlan, samplePlan } from '../../testing/sample-plan';
import { renderPlanMarkdown } from './plan-markdown';
import { planTextDiff } from './plan-text-diff';

describe('the text diff between two plan versions', () => {
  const v1 = { version: 1, markdown: renderPlanMarkdown(planSchema.parse(samplePlan())) };
  const v2 = { version: 2, markdown: renderPlanMarkdown(planSchema.parse(revisedSamplePlan())) };

  it('is a unified diff from one version to the other, with what was removed and added and how many lines', () => {
    const diff = planTextDiff(v1, v2);
    expect(diff.text.startsWith('--- v1\n+++ v2\n@@ ')).toBe(true);
    expect(diff.text).toContain('\n-### S2. Mobile menu\n');
    expect(diff.text).toContain('\n+### S2. Mobile drawer\n');
    expect(diff.text).toContain('\n+### S3. Test the groups\n');
    const lines = diff.text.split('\n');
    expect(diff.added).toBe(lines.filter((line) => line.startsWith('+') && !line.startsWith('+++')).length);
    expect(diff.removed).toBe(lines.filter((line) => line.startsWith('-') && !line.startsWith('---')).length);
    expect(diff.removed).toBeGreaterThan(0);
    // Unchanged parts far from a change are not repeated.
    expect(diff.text).not.toContain('Group the flat navigation list');
  });

  it('is empty between equal texts, and the reverse diff swaps what was added and removed', () => {
    expect(planTextDiff(v1, { ...v1, version: 3 })).toEqual({ text: '', added: 0, removed: 0 });
    const forward = planTextDiff(v1, v2);
    const back = planTextDiff(v2, v1);
    expect([back.added, back.removed]).toEqual([forward.removed, forward.added]);
  });
});
