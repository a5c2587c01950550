import { describe, expect, it } from 'vitest';
import { planSchema } from '../../../src-shared/contract';
import { fromDraft, issuesByField, nextId, toDraft } from './plan-draft';

const plan = planSchema.parse({
  title: 'Group the navigation',
  summary: 'Three sections.',
  context: '',
  assumptions: ['Names stay'],
  steps: [
    { id: 'S1', title: 'Group', detail: 'Split it.', files: ['src/nav.ts', 'src/nav.css'], dependsOn: [] },
    { id: 'S2', title: 'Menu', detail: '', files: [], dependsOn: ['S1'], parallelGroup: 'ui' },
  ],
  constraints: [],
  acceptanceCriteria: [{ id: 'AC1', text: 'Three groups', verify: 'npm test' }],
  risks: [],
  openQuestions: ['Icons?'],
});

describe('the plan editor draft', () => {
  it('gives back the same plan when nothing was edited', () => {
    expect(fromDraft(toDraft(plan))).toEqual(plan);
  });

  it('reads a line per list entry and dependencies separated by commas or spaces, dropping blank ones and an empty group', () => {
    const draft = toDraft(plan);
    draft.assumptions = 'Names stay\n\n  Icons stay  \n';
    draft.steps[1] = { ...draft.steps[1]!, dependsOn: 'S1,  S3 S4', parallelGroup: '  ' };
    const edited = fromDraft(draft) as typeof plan;
    expect(edited.assumptions).toEqual(['Names stay', 'Icons stay']);
    expect(edited.steps[1]).toEqual({ id: 'S2', title: 'Menu', detail: '', files: [], dependsOn: ['S1', 'S3', 'S4'] });
  });

  it('numbers a new step or criterion after the highest id', () => {
    expect(nextId('S', ['S1', 'S7', 'S3'])).toBe('S8');
    expect(nextId('AC', [])).toBe('AC1');
    expect(nextId('S', ['step', 'S2'])).toBe('S3');
  });

  it('puts each of the host’s problems at the field it is about', () => {
    const byField = issuesByField([
      { path: ['steps', 1, 'files', 0], message: 'must not be empty' },
      { path: ['steps', 1, 'dependsOn', 0], message: 'S9 is not a step of this plan' },
      { path: ['acceptanceCriteria', 0, 'verify'], message: 'must not be empty' },
      { path: ['risks', 2], message: 'must not be empty' },
      { path: ['steps'], message: 'the steps depend on each other in a cycle: S1 → S2 → S1' },
      { path: [], message: 'Unrecognized key: "extra"' },
    ]);
    expect(Object.fromEntries(byField)).toEqual({
      'steps.1.files': ['must not be empty'],
      'steps.1.dependsOn': ['S9 is not a step of this plan'],
      'criteria.0.verify': ['must not be empty'],
      risks: ['must not be empty'],
      steps: ['the steps depend on each other in a cycle: S1 → S2 → S1'],
      plan: ['Unrecognized key: "extra"'],
    });
  });
});
