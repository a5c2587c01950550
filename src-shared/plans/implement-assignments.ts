import type { PlanStep } from '../contract/plans';
import type { ValidationIssue } from '../contract/validation-issues';

/**
 * Which steps of a plan each implement task gets. Pure, shared by the host (which validates
 * and creates the tasks) and the assignment editor (which pre-fills and warns as the user edits).
 */

type Steps = readonly Pick<PlanStep, 'id' | 'dependsOn' | 'parallelGroup'>[];

/**
 * The default: one task per parallel group, and one for the steps without a group; each task's
 * steps in plan order, the tasks in the order of their first step.
 */
export function defaultAssignments(steps: Steps): { stepIds: string[] }[] {
  const tasks = new Map<string, string[]>();
  for (const step of steps) {
    // The steps without a group share a key no group name can have (a name is never empty).
    const key = step.parallelGroup ?? '';
    const ids = tasks.get(key) ?? [];
    ids.push(step.id);
    tasks.set(key, ids);
  }
  return [...tasks.values()].map((stepIds) => ({ stepIds }));
}

/**
 * Why the assignments cannot be implemented, each problem at its place (`assignments[1].stepIds[0]`):
 * none at all, a task without steps, a step the plan does not have, a step listed twice (in one
 * task or in two), a step no task has. Empty when every step is assigned exactly once.
 */
export function assignmentProblems(steps: Steps, assignments: readonly { stepIds: readonly string[] }[]): ValidationIssue[] {
  if (assignments.length === 0) return [{ path: ['assignments'], message: 'give at least one task' }];
  const known = new Set(steps.map((step) => step.id));
  const owner = new Map<string, number>();
  const problems: ValidationIssue[] = [];
  assignments.forEach((assignment, task) => {
    if (assignment.stepIds.length === 0) problems.push({ path: ['assignments', task, 'stepIds'], message: `task ${task + 1} has no steps` });
    assignment.stepIds.forEach((stepId, at) => {
      const path = ['assignments', task, 'stepIds', at];
      if (!known.has(stepId)) {
        problems.push({ path, message: `${stepId} is not a step of this plan (its steps: ${[...known].join(', ')})` });
        return;
      }
      const first = owner.get(stepId);
      if (first === undefined) owner.set(stepId, task);
      else if (first === task) problems.push({ path, message: `${stepId} is listed twice in task ${task + 1}` });
      else problems.push({ path, message: `${stepId} is assigned to task ${first + 1} and to task ${task + 1}; each step goes to one task` });
    });
  });
  const missing = steps.filter((step) => !owner.has(step.id)).map((step) => step.id);
  if (missing.length > 0) {
    problems.push({ path: ['assignments'], message: `${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} not assigned to any task` });
  }
  return problems;
}

/** A step that depends on a step another task implements: the two run in parallel, so the order is not guaranteed. */
export interface CrossingDependency {
  stepId: string;
  dependsOn: string;
  /** Index of the task with `stepId`. */
  task: number;
  /** Index of the task with `dependsOn`. */
  otherTask: number;
}

/** Every dependency between steps assigned to different tasks (the UI warns; the prompt tells each agent). */
export function crossingDependencies(steps: Steps, assignments: readonly { stepIds: readonly string[] }[]): CrossingDependency[] {
  const taskOf = new Map<string, number>();
  assignments.forEach((assignment, task) => assignment.stepIds.forEach((stepId) => taskOf.set(stepId, task)));
  const crossing: CrossingDependency[] = [];
  for (const step of steps) {
    const task = taskOf.get(step.id);
    if (task === undefined) continue;
    for (const dependency of step.dependsOn) {
      const otherTask = taskOf.get(dependency);
      if (otherTask !== undefined && otherTask !== task) crossing.push({ stepId: step.id, dependsOn: dependency, task, otherTask });
    }
  }
  return crossing;
}
