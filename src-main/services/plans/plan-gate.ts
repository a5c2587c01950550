import { fail, ok, type PlanVersion, type Result } from '../../../src-shared/contract';
import type { PlanRepository } from '../store/plan-repository';
import type { TaskRepository } from '../store/task-repository';

export interface PlanGateStore {
  tasks: Pick<TaskRepository, 'get'>;
  plans: Pick<PlanRepository, 'get' | 'latest'>;
}

/**
 * The gate between planning and implementation: `version` of the plan task `taskId` may be
 * implemented (or saved as the spec) only when it is approved AND is the task's latest version.
 * A version approved before the agent submitted another is no longer the plan — the failure
 * Claude Code's plan mode is known for ("keep planning" feedback, then the old plan ran anyway).
 * Every refusal is `PLAN_NOT_APPROVED`, saying why; nothing can pass around it.
 */
export function requireApprovedPlan(store: PlanGateStore, taskId: string, version: number): Result<PlanVersion> {
  const task = store.tasks.get(taskId);
  if (!task) return fail('NOT_FOUND', 'That task does not exist any more.');
  const refuse = (message: string, status: PlanVersion['status'] | null = null, latest: number | null = null) =>
    fail('PLAN_NOT_APPROVED', message, { taskId, version, status, latest });
  if (task.role !== 'plan') return refuse(`"${task.title}" is not a plan task: only an approved plan can be implemented.`);
  const latest = store.plans.latest(taskId);
  if (!latest) return refuse(`"${task.title}" has no plan yet.`);
  const wanted = store.plans.get(taskId, version);
  if (!wanted) return refuse(`There is no plan v${version}: the latest is v${latest.version}.`, null, latest.version);
  const refuseWith = (message: string) => refuse(message, wanted.status, latest.version);
  switch (wanted.status) {
    case 'approved':
      if (wanted.version === latest.version) return ok(wanted);
      return refuseWith(`Plan v${version} was approved, but v${latest.version} was submitted after it; only the latest version can be implemented, once it is approved.`);
    case 'proposed':
      return refuseWith(`Plan v${version} has not been approved: it is waiting for a decision.`);
    case 'changes_requested':
      return refuseWith(
        `Changes were requested on plan v${version}; ${latest.version > version ? `the revised version is v${latest.version} (${statusWords[latest.status]}).` : 'the agent has not submitted the revised version yet.'}`,
      );
    case 'rejected':
      return refuseWith(`Plan v${version} was rejected.`);
    case 'superseded':
      return refuseWith(`Plan v${version} was superseded by v${version + 1}.`);
  }
}

/** A version's status in words, as the gate's and the decisions' messages use it. */
export const statusWords: Record<PlanVersion['status'], string> = {
  proposed: 'waiting for a decision',
  approved: 'approved',
  changes_requested: 'changes requested',
  rejected: 'rejected',
  superseded: 'superseded',
};
