import { isReadyForReview, type PlanPin, type TaskRole, type TaskStatus, type WorkspaceSetupState, type WorkspaceState } from '../../../src-shared/contract';

/** A status as words (never colour alone). */
export const agentStatusLabels: Record<TaskStatus, string> = {
  idle: 'idle',
  queued: 'queued',
  running: 'running',
  needs_approval: 'needs approval',
  needs_input: 'question',
  plan_review: 'plan awaiting approval',
  paused: 'paused',
  done: 'done',
  failed: 'failed',
  interrupted: 'interrupted',
  stopped: 'stopped',
};

export interface TaskBadge {
  label: string;
  /** Picks the colour: `badge--<tone>`. */
  tone: string;
}

/**
 * What a task's badge says: the agent's status once it has done something in a ready
 * workspace, else the workspace's own state (an idle task in a ready workspace says "ready").
 * An implement task pinned to a plan whose run ended `done` is "ready for review".
 */
export interface BadgeSource {
  workspace: { state: WorkspaceState; setup?: { state: WorkspaceSetupState } };
  agent: { status: TaskStatus };
  role?: TaskRole;
  planPin?: PlanPin | null;
}

export function taskBadge(task: BadgeSource): TaskBadge {
  const { status } = task.agent;
  if (task.workspace.state === 'ready' && isReadyForReview(task)) return { label: 'ready for review', tone: 'ready_for_review' };
  if (task.workspace.state === 'ready' && status !== 'idle') return { label: agentStatusLabels[status], tone: status };
  // Before the agent starts, the workspace's setup is what the task waits for.
  const setup = task.workspace.state === 'ready' ? setupBadges[task.workspace.setup?.state ?? 'none'] : undefined;
  if (setup) return setup;
  return { label: task.workspace.state, tone: task.workspace.state };
}

const settingUp: TaskBadge = { label: 'setting up', tone: 'creating' };
const setupBadges: Partial<Record<WorkspaceSetupState, TaskBadge>> = {
  pending: settingUp,
  preparing: settingUp,
  running: settingUp,
  needs_trust: { label: 'setup needs trust', tone: 'needs_approval' },
  failed: { label: 'setup failed', tone: 'failed' },
};
