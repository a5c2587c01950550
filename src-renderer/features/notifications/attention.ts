import type { EventPayload, TaskStatus } from '../../../src-shared/contract';

/** Why a task needs the user: the statuses worth a notification, and its merge queue entry landing or being ejected. */
export type AttentionKind = StatusAttention | 'landed' | 'ejected';
/** The statuses worth a notification. */
export type StatusAttention = 'done' | 'failed' | 'needs_approval' | 'needs_input' | 'plan_review';

const kinds: ReadonlySet<TaskStatus> = new Set<TaskStatus>(['done', 'failed', 'needs_approval', 'needs_input', 'plan_review']);

/**
 * The attention a status change asks for: only a change seen happening (a task first heard of
 * is not news, nor is the same status said again), into one of the statuses that need the user.
 */
export function attentionFor(before: TaskStatus | undefined, after: TaskStatus): StatusAttention | null {
  if (before === undefined || before === after || !kinds.has(after)) return null;
  return after as StatusAttention;
}

const titles: Record<StatusAttention, string> = {
  done: 'finished',
  failed: 'failed',
  needs_approval: 'needs your approval',
  needs_input: 'asks you a question',
  plan_review: 'has a plan awaiting approval',
};

/** The notification's words: "Fix login needs your approval", and the project it belongs to. */
export function attentionText(kind: StatusAttention, task: { title: string }, projectName: string | null): { title: string; body: string } {
  return { title: `${task.title} ${titles[kind]}`.slice(0, 200), body: projectName ? `In ${projectName}` : '' };
}

/** A merge queue entry settled: "Fix login landed on main", or "… was ejected from the queue into main" with why. */
export function queueAttentionText(settled: EventPayload<'mergeQueue.settled'>, projectName: string | null): { title: string; body: string } {
  const title = settled.outcome === 'landed' ? `${settled.taskTitle} landed on ${settled.targetBranch}` : `${settled.taskTitle} was ejected from the queue into ${settled.targetBranch}`;
  const body = settled.outcome === 'landed' ? (projectName ? `In ${projectName}` : '') : settled.message;
  return { title: title.slice(0, 200), body: body.slice(0, 1000) };
}
