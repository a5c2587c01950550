import { fail, ok, type Result } from '../../../src-shared/contract';
import type { ApprovalDecision } from './agent-run';
import type { AgentServiceOptions } from './agent-service-options';
import { PendingReplies } from './pending-replies';

/** A call waiting for its approval, so "Always allow" can check the rule against it. */
interface WaitingCall {
  name: string;
  args: unknown;
}

const nothingWaits = 'Nothing is waiting for that approval any more (it was already decided, or the run ended).';

/**
 * Approval cards: a run's call waits for the user's decision (Stop ends the wait), which is
 * given once. "Always allow" saves its rule for the project before the call is approved.
 */
export class Approvals {
  private readonly pending = new PendingReplies<ApprovalDecision, WaitingCall>();

  constructor(private readonly options: Pick<AgentServiceOptions, 'store' | 'policy'>) {}

  wait(taskId: string, call: { callId: string; name: string; args: unknown }, signal: AbortSignal): Promise<ApprovalDecision> {
    return this.pending.wait(taskId, call.callId, signal, { name: call.name, args: call.args });
  }

  /**
   * The user's answer to an approval. `alwaysAllow` (approving only): the rule, as the user
   * edited it, is saved for the project first (refused, with nothing decided, when it does not
   * parse or does not cover the call), so the next identical call runs without asking.
   */
  decide(taskId: string, callId: string, approved: boolean, reason: string | null, alwaysAllow: string | null): Result<{ decided: true; savedRule: string | null }> {
    const waiting = this.pending.waitingFor(taskId, callId);
    const task = this.options.store.tasks.get(taskId);
    if (!waiting || !task) return fail('NOT_FOUND', nothingWaits);
    let savedRule: string | null = null;
    if (approved && alwaysAllow !== null) {
      if (!this.options.policy.alwaysAllow) return fail('UNSUPPORTED', 'Rules cannot be saved here.');
      const saved = this.options.policy.alwaysAllow({ tool: waiting.about.name, args: waiting.about.args, role: task.role, task }, alwaysAllow);
      if (!saved.ok) return saved;
      savedRule = saved.data.rule;
    }
    if (!this.pending.reply(taskId, callId, { approved, reason: approved ? null : reason, savedRule })) return fail('NOT_FOUND', nothingWaits);
    return ok({ decided: true, savedRule });
  }
}
