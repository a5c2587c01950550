import { fail } from '../../../src-shared/contract';
import type { PermissionDecision, PermissionPolicy } from '../agents/permission-policy';
import type { PermissionService } from './permission-service';

/**
 * The agents' `PermissionPolicy` backed by the rule engine: every call is decided by the task's
 * mode and the rules in force, and names the rule and its source (the audit trail records
 * both). The role rules stay: a planning task is read-only in every mode (`evaluate.ts`), and
 * tools its role is not offered never reach a policy (`agents/role-tools.ts`).
 */
export function createRulePolicy(permissions: PermissionService): PermissionPolicy {
  return {
    async check({ task, tool, args, turnAllowRules }): Promise<PermissionDecision> {
      if (!task) return { kind: 'ask', rule: 'calls without a task ask', reason: 'Braid does not know which task this call belongs to.' };
      const verdict = await permissions.decide({ task, tool, args, turnAllowRules });
      if (verdict.decision === 'allow') return { kind: 'allow', rule: verdict.rule, source: verdict.source };
      if (verdict.decision === 'deny') return { kind: 'deny', rule: verdict.rule, reason: verdict.reason, source: verdict.source };
      return { kind: 'ask', rule: verdict.rule, reason: verdict.reason, source: verdict.source, suggestedRule: verdict.suggestedRule };
    },
    alwaysAllow({ task, tool, args }, rule) {
      if (!task) return fail('NOT_FOUND', 'That task does not exist any more.');
      return permissions.alwaysAllow({ task, tool, args }, rule);
    },
  };
}
