import { describe, expect, it } from 'vitest';
import { describeIssues } from '../contract/validation-issues';
import { assignmentProblems, crossingDependencies, defaultAssignments } from './implement-assignments';

const step = (id: string, parallelGroup?: string, dependsOn: string[] = []) => ({ id, dependsOn, ...(parallelGroup ? { parallelGroup } : {}) });
const plan = [step('S1'), step('S2', 'ui', ['S1']), step('S3'), step('S4', 'api'), step('S5', 'ui')];
const problems = (assignments: { stepIds: string[] }[]) => describeIssues(assignmentProblems(plan, assignments), '(input)');

describe('implement assignments', () => {
  it('by default: one task per parallel group and one for the steps without a group, steps in plan order', () => {
    expect(defaultAssignments(plan)).toEqual([{ stepIds: ['S1', 'S3'] }, { stepIds: ['S2', 'S5'] }, { stepIds: ['S4'] }]);
    expect(defaultAssignments([step('S1'), step('S2')])).toEqual([{ stepIds: ['S1', 'S2'] }]);
    expect(defaultAssignments([step('S1', 'a'), step('S2', 'b')])).toEqual([{ stepIds: ['S1'] }, { stepIds: ['S2'] }]);
    expect(assignmentProblems(plan, defaultAssignments(plan))).toEqual([]);
  });

  it('names each step that is missing, duplicated or unknown, where it is', () => {
    expect(problems([])).toEqual(['assignments: give at least one task']);
    expect(problems([{ stepIds: ['S1', 'S2', 'S3', 'S4'] }])).toEqual(['assignments: S5 is not assigned to any task']);
    expect(problems([{ stepIds: ['S1', 'S2'] }, { stepIds: ['S3'] }])).toEqual(['assignments: S4, S5 are not assigned to any task']);
    expect(problems([{ stepIds: ['S1', 'S2', 'S3'] }, { stepIds: ['S4', 'S5', 'S2'] }])).toEqual([
      'assignments[1].stepIds[2]: S2 is assigned to task 1 and to task 2; each step goes to one task',
    ]);
    expect(problems([{ stepIds: ['S1', 'S2', 'S3', 'S4', 'S5', 'S1'] }])).toEqual(['assignments[0].stepIds[5]: S1 is listed twice in task 1']);
    expect(problems([{ stepIds: ['S1', 'S2', 'S3', 'S4', 'S5'] }, { stepIds: ['S9'] }])).toEqual([
      'assignments[1].stepIds[0]: S9 is not a step of this plan (its steps: S1, S2, S3, S4, S5)',
    ]);
    expect(problems([{ stepIds: ['S1', 'S2', 'S3', 'S4', 'S5'] }, { stepIds: [] }])).toEqual(['assignments[1].stepIds: task 2 has no steps']);
  });

  it('finds the dependencies that cross from one task to another', () => {
    expect(crossingDependencies(plan, defaultAssignments(plan))).toEqual([{ stepId: 'S2', dependsOn: 'S1', task: 1, otherTask: 0 }]);
    expect(crossingDependencies(plan, [{ stepIds: ['S1', 'S2'] }, { stepIds: ['S3', 'S4', 'S5'] }])).toEqual([]);
  });
});
