import type { TaskStatus } from '../../../src-shared/contract';

/** Why a task needs the user: the statuses worth a notification. */
export type AttentionKind = 'done' | 'failed' | 'needs_approval' | 'needs_input' | 'plan_review';

const kinds: ReadonlySet<TaskStatus> = new Set<TaskStatus>(['done', 'failed', 'needs_approval', 'needs_input', 'plan_review']);

/**
 * The attention a status change asks for: only a change seen happening (a task first heard of
 * is not news, nor is the same status said again), into one of the statuses that need the user.
 */
export function attentionFor(before: TaskStatus | undefined, after: TaskStatus): AttentionKind | null {
  if (before === undefined || before === after || !kinds.has(after)) return null;
  return after as AttentionKind;
}

const titles: Record<AttentionKind, string> = {
  done: 'finished',
  failed: 'failed',
  needs_approval: 'needs your approval',
  needs_input: 'asks you a question',
  plan_review: 'has a plan awaiting approval',
};

/** The notification's words: "Fix login needs your approval", and the project it belongs to. */
export function attentionText(kind: AttentionKind, task: { title: string }, projectName: string | null): { title: string; body: string } {
  return { title: `${task.title} ${titles[kind]}`.slice(0, 200), body: projectName ? `In ${projectName}` : '' };
}
