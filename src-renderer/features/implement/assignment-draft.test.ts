import { describe, expect, it } from 'vitest';
import { addTask, initialDraft, moveStep, removeTask, toAssignments, updateTask } from './assignment-draft';

const step = (id: string, parallelGroup?: string) => ({ id, dependsOn: [], ...(parallelGroup ? { parallelGroup } : {}) });
const steps = [step('S1'), step('S2', 'ui'), step('S3'), step('S4', 'ui')];
const stepsOf = (draft: ReturnType<typeof initialDraft>) => draft.tasks.map((task) => task.stepIds);

describe('the assignment editor’s draft', () => {
  it('starts from the default assignment and sends only what the user set', () => {
    const draft = initialDraft(steps);
    expect(stepsOf(draft)).toEqual([['S1', 'S3'], ['S2', 'S4']]);
    expect(toAssignments(updateTask(draft, 1, { title: '  Drawer  ', model: 'openai:gpt-4o' }))).toEqual([
      { stepIds: ['S1', 'S3'] },
      { stepIds: ['S2', 'S4'], title: 'Drawer', model: 'openai:gpt-4o' },
    ]);
  });

  it('moves a step between tasks, keeping plan order, into a new task too', () => {
    const draft = initialDraft(steps);
    expect(stepsOf(moveStep(draft, steps, 'S3', 1))).toEqual([['S1'], ['S2', 'S3', 'S4']]);
    const added = addTask(draft);
    expect(stepsOf(moveStep(added, steps, 'S4', 2))).toEqual([['S1', 'S3'], ['S2'], ['S4']]);
    expect(moveStep(draft, steps, 'S1', 9)).toBe(draft);
  });

  it('removing a task gives its steps to the first other task; the last task stays', () => {
    const draft = moveStep(addTask(initialDraft(steps)), steps, 'S1', 2);
    expect(stepsOf(draft)).toEqual([['S3'], ['S2', 'S4'], ['S1']]);
    expect(stepsOf(removeTask(draft, steps, 0))).toEqual([['S2', 'S3', 'S4'], ['S1']]);
    expect(stepsOf(removeTask(draft, steps, 2))).toEqual([['S1', 'S3'], ['S2', 'S4']]);
    const single = initialDraft([step('S1')]);
    expect(removeTask(single, steps, 0)).toBe(single);
  });
});
