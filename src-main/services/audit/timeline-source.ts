import type { TimelineEventBody } from '../../../src-shared/contract';
import type { AuditLog } from './audit-log';
import type { TaskScopes } from './task-scopes';
import type { ToolCallLedger, ToolOutcome } from './tool-call-ledger';

const outcomes: Partial<Record<string, ToolOutcome>> = { done: 'ok', error: 'error', denied: 'denied', cancelled: 'cancelled' };

/**
 * The audit entries found in an agent's timeline as it is written (the timeline writer's
 * `observe`): one `tool.call` per call once its result is in (name, arguments digest,
 * outcome, duration), and the user's approval decisions. Everything else streamed (text,
 * output, usage) is passed over with one comparison.
 */
export function auditTimeline(log: AuditLog, scopes: TaskScopes, calls: ToolCallLedger): (taskId: string, body: TimelineEventBody) => void {
  return (taskId, body) => {
    switch (body.kind) {
      case 'tool_call':
        calls.note(taskId, body.callId, body.name, body.args);
        return;
      case 'tool_info':
        if (body.args !== undefined) calls.revise(taskId, body.callId, body.args);
        return;
      case 'tool_status': {
        const outcome = outcomes[body.status];
        if (outcome) calls.settle(taskId, body.callId, outcome);
        return;
      }
      case 'tool_result': {
        const call = calls.take(taskId, body.callId);
        const scope = scopes.of(taskId);
        if (!scope) return;
        log.append(scope.projectId, {
          actor: 'agent',
          type: 'tool.call',
          taskId,
          pipelineId: scope.pipelineId,
          payload: {
            callId: body.callId,
            name: call?.name ?? 'unknown',
            argsDigest: call?.argsDigest ?? null,
            outcome: call?.outcome ?? (body.isError ? 'error' : 'ok'),
            durationMs: body.durationMs,
          },
        });
        return;
      }
      case 'approval_decision': {
        const call = calls.describe(taskId, body.callId);
        const scope = scopes.of(taskId);
        if (!scope) return;
        log.append(scope.projectId, {
          actor: 'user',
          type: 'approval.decided',
          taskId,
          pipelineId: scope.pipelineId,
          // "Always allow in this project" records the rule it saved.
          payload: { callId: body.callId, tool: call?.name ?? 'unknown', argsDigest: call?.argsDigest ?? null, approved: body.approved, reason: body.reason, ...(body.savedRule ? { savedRule: body.savedRule } : {}) },
        });
        return;
      }
      default:
        return;
    }
  };
}
