import type { Task, TaskStatus } from '../../../src-shared/contract';
import type { ApprovalDecision } from './agent-run';
import type { AgentServiceOptions } from './agent-service-options';
import type { AgentStatus } from './agent-status';
import type { Approvals } from './approvals';
import type { PermissionDecision } from './permission-policy';
import type { TurnOptions } from './turn-options';

type CallOf = { callId: string; name: string; args: unknown };

/**
 * What a run of a task calls back into the agent service for, whichever engine runs it (Braid's
 * own loop or an external agent), so both are decided, audited and recorded the same way.
 */
export interface RunCallbacks {
  /** The permission rules on one call: the task read fresh (its mode may change mid-run), with the turn's allowed tools. */
  check(request: { tool: string; args: unknown }): PermissionDecision | Promise<PermissionDecision>;
  /** Publishes the decision for the audit trail (`agent.permissionDecided`). */
  permissionDecided(call: CallOf, decision: PermissionDecision): void;
  /** The approval card's answer (Stop ends the wait). */
  waitForApproval(call: CallOf, signal: AbortSignal): Promise<ApprovalDecision>;
  /** The timeline is flushed first: what the run said stands before the status that follows it. */
  setStatus(status: TaskStatus, reason: string | null): void;
  /** Adds a step's usage to the task; a subagent's also counts for every task above it, whose totals changed too. */
  recordUsage(usage: { input: number; output: number; cached: number; costUsd: number | null; context: number }): void;
}

export interface RunCallbackParts {
  options: AgentServiceOptions;
  turn: TurnOptions;
  approvals: Approvals;
  status: AgentStatus;
}

export function runCallbacks(task: Task, { options, turn, approvals, status }: RunCallbackParts): RunCallbacks {
  const taskId = task.id;
  return {
    check: ({ tool, args }) => {
      const current = options.store.tasks.get(taskId) ?? task;
      return options.policy.check({ tool, args, role: task.role, task: current, turnAllowRules: turn.allowRulesOf(taskId) });
    },
    permissionDecided: (call, decision) => {
      void options.events.publish('agent.permissionDecided', {
        taskId,
        projectId: task.projectId,
        pipelineId: task.pipelineId,
        callId: call.callId,
        tool: call.name,
        args: call.args,
        decision: decision.kind,
        rule: decision.rule,
        source: decision.source ?? null,
        reason: decision.kind === 'allow' ? null : decision.reason,
      });
    },
    waitForApproval: (call, signal) => approvals.wait(taskId, call, signal),
    setStatus: (next, reason) => {
      options.writer.flush();
      status.set(taskId, next, reason);
    },
    recordUsage: (usage) => {
      const rolledUpTo = options.store.tasks.recordStep(taskId, { input: usage.input, output: usage.output, cached: usage.cached, cost: usage.costUsd, context: usage.context });
      options.notifyTaskChanged(taskId);
      for (const ancestor of rolledUpTo) options.notifyTaskChanged(ancestor);
    },
  };
}
