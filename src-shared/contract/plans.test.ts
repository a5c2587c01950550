import { describe, expect, it } from 'vitest';
import { planSchema, reviewSubmissionSchema } from './index';

const valid = {
  title: 'Simpler navigation',
  summary: 'Group the items.',
  context: 'nav.ts renders a flat list',
  assumptions: [],
  steps: [
    { id: 'S1', title: 'Group the items', detail: '', files: ['src/nav.ts'], dependsOn: [] },
    { id: 'S2', title: 'Mobile menu', detail: '', files: ['src/menu/'], dependsOn: ['S1'], parallelGroup: 'ui' },
  ],
  constraints: [],
  acceptanceCriteria: [{ id: 'AC1', text: 'Three groups show', verify: 'npm test -- nav' }],
  risks: [],
  openQuestions: [],
};

/** Each issue as "path: message", the way a model is told what to fix. */
function issues(value: unknown): string[] {
  const parsed = planSchema.safeParse(value);
  return parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
}

describe('the plan schema', () => {
  it('accepts a well-formed plan', () => {
    expect(issues(valid)).toEqual([]);
  });

  it('names the field and the reason for each problem', () => {
    expect(issues({ ...valid, steps: [] })).toEqual(['steps: a plan needs at least one step']);
    expect(issues({ ...valid, steps: [{ ...valid.steps[0], id: 'step-1' }] })).toEqual(['steps.0.id: step ids are S1, S2, … (S and a number)']);
    expect(issues({ ...valid, title: '  ' })).toEqual(['title: must not be empty']);
    expect(issues({ ...valid, extra: true })).toEqual([': Unrecognized key: "extra"']);
  });

  it('refuses duplicate ids, unknown or self dependencies, and cycles', () => {
    const [first, second] = valid.steps;
    expect(issues({ ...valid, steps: [first, { ...second, id: 'S1' }] })).toContain('steps.1.id: S1 is used by more than one step');
    expect(issues({ ...valid, steps: [first, { ...second, dependsOn: ['S7'] }] })).toEqual(['steps.1.dependsOn.0: S7 is not a step of this plan']);
    expect(issues({ ...valid, steps: [{ ...first, dependsOn: ['S1'] }] })).toEqual(['steps.0.dependsOn.0: S1 cannot depend on itself']);
    expect(issues({ ...valid, steps: [{ ...first, dependsOn: ['S2'] }, second] })).toEqual(['steps: the steps depend on each other in a cycle: S1 → S2 → S1']);
    expect(issues({ ...valid, acceptanceCriteria: [valid.acceptanceCriteria[0], valid.acceptanceCriteria[0]] })).toEqual([
      'acceptanceCriteria.1.id: AC1 is used by more than one criterion',
    ]);
  });
});

describe('the review submission schema', () => {
  const finding = { title: 'Empty list', priority: 'P1', confidence: 0.8, file: 'src/nav.ts', lineStart: 3, lineEnd: 4, body: 'Renders nothing.' };
  const review = { verdict: 'incorrect', explanation: 'One bug.', confidence: 0.7, findings: [finding] };

  it('accepts findings at lines or about a whole file', () => {
    expect(reviewSubmissionSchema.safeParse(review).success).toBe(true);
    expect(reviewSubmissionSchema.safeParse({ ...review, findings: [{ ...finding, lineStart: undefined, lineEnd: undefined }] }).success).toBe(true);
  });

  it('refuses half a line range, a backwards one, a long title and an unknown priority', () => {
    const problems = (changes: object) => {
      const parsed = reviewSubmissionSchema.safeParse({ ...review, findings: [{ ...finding, ...changes }] });
      return parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    };
    expect(problems({ lineEnd: undefined })).toEqual(['findings.0.lineEnd: give both lineStart and lineEnd, or neither for a finding about the whole file']);
    expect(problems({ lineStart: 9 })).toEqual(['findings.0.lineEnd: lineEnd comes before lineStart']);
    expect(problems({ title: 'x'.repeat(81) })).toEqual(['findings.0.title: must be at most 80 characters']);
    expect(problems({ priority: 'P5' })[0]).toMatch(/^findings\.0\.priority: /);
  });
});
