import type { ImplementAssignment, PlanStep } from '../../../src-shared/contract';
import { defaultAssignments } from '../../../src-shared/plans/implement-assignments';

/** One implement task as the assignment editor holds it: empty title and model mean the defaults. */
export interface DraftTask {
  /** Stable while tasks are added and removed (a React key, a move target). */
  key: number;
  title: string;
  model: string;
  stepIds: string[];
}

export interface AssignmentDraft {
  tasks: DraftTask[];
  nextKey: number;
}

type Steps = readonly Pick<PlanStep, 'id' | 'dependsOn' | 'parallelGroup'>[];

/** Pre-filled with the host's default: one task per parallel group, the steps without a group together. */
export function initialDraft(steps: Steps): AssignmentDraft {
  const tasks = defaultAssignments(steps).map((assignment, key) => ({ key, title: '', model: '', stepIds: assignment.stepIds }));
  return { tasks, nextKey: tasks.length };
}

const inPlanOrder = (steps: Steps, ids: readonly string[]) => steps.map((step) => step.id).filter((id) => ids.includes(id));

/** Moves a step to another task (kept in plan order there). */
export function moveStep(draft: AssignmentDraft, steps: Steps, stepId: string, toKey: number): AssignmentDraft {
  if (!draft.tasks.some((task) => task.key === toKey)) return draft;
  return {
    ...draft,
    tasks: draft.tasks.map((task) => {
      const without = task.stepIds.filter((id) => id !== stepId);
      return { ...task, stepIds: task.key === toKey ? inPlanOrder(steps, [...without, stepId]) : without };
    }),
  };
}

/** Adds a task without steps (steps are moved into it). */
export function addTask(draft: AssignmentDraft): AssignmentDraft {
  return { tasks: [...draft.tasks, { key: draft.nextKey, title: '', model: '', stepIds: [] }], nextKey: draft.nextKey + 1 };
}

/** Removes a task; its steps go to the first other task (the last task cannot be removed). */
export function removeTask(draft: AssignmentDraft, steps: Steps, key: number): AssignmentDraft {
  const removed = draft.tasks.find((task) => task.key === key);
  const rest = draft.tasks.filter((task) => task.key !== key);
  if (!removed || rest.length === 0) return draft;
  const [heir, ...others] = rest as [DraftTask, ...DraftTask[]];
  return { ...draft, tasks: [{ ...heir, stepIds: inPlanOrder(steps, [...heir.stepIds, ...removed.stepIds]) }, ...others] };
}

export function updateTask(draft: AssignmentDraft, key: number, change: Partial<Pick<DraftTask, 'title' | 'model'>>): AssignmentDraft {
  return { ...draft, tasks: draft.tasks.map((task) => (task.key === key ? { ...task, ...change } : task)) };
}

/** What `plans.implement` is sent: a title and model only when the user gave one. */
export function toAssignments(draft: AssignmentDraft): ImplementAssignment[] {
  return draft.tasks.map((task) => ({
    stepIds: task.stepIds,
    ...(task.title.trim() ? { title: task.title.trim() } : {}),
    ...(task.model.trim() ? { model: task.model.trim() } : {}),
  }));
}
