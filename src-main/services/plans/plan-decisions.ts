import { canonicalJson } from '../../../src-shared/canonical-json';
import {
  describeIssues,
  fail,
  ok,
  planSchema,
  validationIssues,
  type PlanComment,
  type PlanDecision,
  type PlanVersion,
  type Result,
  type Task,
  type TaskStatus,
  type TimelineEventBody,
} from '../../../src-shared/contract';
import type { DomainEventBus } from '../events';
import { RepoQueue } from '../git/repo-queue';
import type { Store } from '../store/store';
import { planContent } from './plan-content';
import { planFact } from './plan-facts';
import { composeChangeRequest } from './plan-feedback';

/** What the decisions need of the agent service. */
export interface PlanAgents {
  send(taskId: string, text: string): Promise<Result<{ delivery: 'started' | 'queued' | 'delivered' }>>;
  note(taskId: string, body: TimelineEventBody): void;
  settle(taskId: string, status: TaskStatus, reason: string | null): boolean;
  /** Resolves once the task's run has ended, if it is ending now (at once otherwise). */
  afterEndingRun(taskId: string): Promise<void>;
}

export interface PlanDecisionDeps {
  store: Store;
  agents: PlanAgents;
  events: DomainEventBus;
  now: () => number;
}

type Delivery = 'started' | 'queued' | 'delivered';

/** A plan task and one of its versions, found. */
interface Opened {
  task: Task;
  target: PlanVersion;
  latest: PlanVersion;
}

/**
 * The user's decisions at the plan gate: approve, edit (a new version by the user, optionally
 * approved in the same step), request changes (sent to the agent, which revises), reject. Each
 * applies only to the task's latest version while it is `proposed`; otherwise `PLAN_NOT_PROPOSED`
 * says why. Decisions on one task run one at a time, and repeating the same decision (a double
 * click) returns what the first one did without doing anything again.
 */
export function createPlanDecisions({ store, agents, events, now }: PlanDecisionDeps) {
  // A keyed serial queue: one decision per task at a time (the repository queue's own mechanism).
  const serial = new RepoQueue();
  // A decision taken while the agent's run is still ending (the plan card shows as soon as the
  // version is stored) waits for it: its final status would overwrite the decision's, and a
  // change request would reach a run that no longer reads.
  const oneAtATime = <T>(taskId: string, work: () => Promise<Result<T>> | Result<T>): Promise<Result<T>> =>
    serial.run(taskId, async () => {
      await agents.afterEndingRun(taskId);
      return work();
    });

  const open = (taskId: string, version: number): Result<Opened> => {
    const task = store.tasks.get(taskId);
    if (!task) return fail('NOT_FOUND', 'That task does not exist any more.');
    if (task.role !== 'plan') return fail('INVALID_INPUT', `"${task.title}" is not a plan task.`);
    const latest = store.plans.latest(taskId);
    const target = store.plans.get(taskId, version);
    if (!latest || !target) return fail('NOT_FOUND', latest ? `There is no plan v${version}: the latest is v${latest.version}.` : `"${task.title}" has no plan yet.`);
    return ok({ task, target, latest });
  };

  const decided = (task: Task, version: PlanVersion, decision: PlanDecision) => {
    agents.note(task.id, { kind: 'plan_decision', version: version.version, decision: decision.kind, message: decision.message, comments: decision.comments });
    void events.publish('plan.decided', { ...planFact(task, version, decision.at), decision });
  };

  const approveNow = (task: Task, target: PlanVersion): Result<PlanVersion> => {
    const decision: PlanDecision = { kind: 'approved', at: now(), message: null, comments: [] };
    store.plans.decide(task.id, target.version, 'approved', decision);
    decided(task, target, decision);
    agents.settle(task.id, 'done', `Plan v${target.version} approved`);
    return reread(task.id, target.version);
  };

  const reread = (taskId: string, version: number): Result<PlanVersion> => {
    const stored = store.plans.get(taskId, version);
    return stored ? ok(stored) : fail('NOT_FOUND', `There is no plan v${version}.`);
  };

  return {
    approve: (taskId: string, version: number): Promise<Result<PlanVersion>> =>
      oneAtATime(taskId, () => {
        const opened = open(taskId, version);
        if (!opened.ok) return opened;
        const { task, target, latest } = opened.data;
        if (target.status === 'approved' && target.version === latest.version) return ok(target);
        const waiting = requireProposed(target, latest);
        return waiting.ok ? approveNow(task, target) : waiting;
      }),

    reject: (taskId: string, version: number, reason: string): Promise<Result<PlanVersion>> =>
      oneAtATime(taskId, () => {
        const opened = open(taskId, version);
        if (!opened.ok) return opened;
        const { task, target, latest } = opened.data;
        if (target.status === 'rejected' && target.decision?.message === reason) return ok(target);
        const waiting = requireProposed(target, latest);
        if (!waiting.ok) return waiting;
        const decision: PlanDecision = { kind: 'rejected', at: now(), message: reason, comments: [] };
        store.plans.decide(taskId, version, 'rejected', decision);
        decided(task, target, decision);
        agents.settle(taskId, 'done', `Plan v${version} rejected: ${reason.length > 120 ? `${reason.slice(0, 119)}…` : reason}`);
        return reread(taskId, version);
      }),

    /**
     * The version becomes `changes_requested` and the feedback goes to the agent as one message
     * (which starts a run, or reaches the running one at its next step). When it cannot be
     * delivered, the version waits for a decision again and the reason is returned.
     */
    requestChanges: (taskId: string, version: number, message: string, comments: readonly PlanComment[]): Promise<Result<{ version: PlanVersion; delivery: Delivery | null }>> =>
      oneAtATime<{ version: PlanVersion; delivery: Delivery | null }>(taskId, async () => {
        if (!message.trim() && comments.length === 0) return fail('INVALID_INPUT', 'Say what to change: a message or at least one comment.');
        const opened = open(taskId, version);
        if (!opened.ok) return opened;
        const { task, target, latest } = opened.data;
        if (target.status === 'changes_requested' && sameFeedback(target.decision, message, comments)) return ok({ version: target, delivery: null });
        const waiting = requireProposed(target, latest);
        if (!waiting.ok) return waiting;
        const text = composeChangeRequest(target, message, comments);
        if (!text.ok) return text;
        const decision: PlanDecision = { kind: 'changes_requested', at: now(), message: message.trim() || null, comments: [...comments] };
        // Recorded before the message leaves, so the revision the agent submits finds v(n) decided.
        store.plans.decide(taskId, version, 'changes_requested', decision);
        const sent = await agents.send(taskId, text.data);
        if (!sent.ok) {
          store.plans.decide(taskId, version, 'proposed', null);
          return sent;
        }
        decided(task, target, decision);
        const stored = reread(taskId, version);
        return stored.ok ? ok({ version: stored.data, delivery: sent.data.delivery }) : stored;
      }),

    /**
     * A version written by the user from `baseVersion`: validated with the same schema as the
     * agent's (`INVALID_INPUT` with `details.issues`), stored as the next version (the base is
     * superseded), and approved in the same transaction when `approve` is set.
     */
    edit: (taskId: string, baseVersion: number, plan: unknown, approve: boolean): Promise<Result<PlanVersion>> =>
      oneAtATime(taskId, () => {
        const opened = open(taskId, baseVersion);
        if (!opened.ok) return opened;
        const { task, target: base, latest } = opened.data;
        const parsed = planSchema.safeParse(plan);
        if (!parsed.success) {
          const issues = validationIssues(parsed.error);
          return fail('INVALID_INPUT', `The plan is not valid: ${describeIssues(issues, 'plan').join('; ')}`, { issues });
        }
        const content = planContent(parsed.data);
        // The same edit again (a double click): the first one's version is the answer.
        const repeated =
          latest.contentHash === content.contentHash && (latest.status === 'approved') === approve && (latest.version > baseVersion ? latest.author === 'user' : approve);
        if (repeated) return ok(latest);
        const waiting = requireProposed(base, latest);
        if (!waiting.ok) return waiting;
        if (content.contentHash === base.contentHash) {
          return approve ? approveNow(task, base) : fail('INVALID_INPUT', `The edit changes nothing: it is the same plan as v${baseVersion}.`);
        }
        const createdAt = now();
        const decision: PlanDecision | null = approve ? { kind: 'approved', at: createdAt, message: null, comments: [] } : null;
        const number = store.plans.addVersion({
          taskId,
          author: 'user',
          plan: parsed.data,
          ...content,
          status: approve ? 'approved' : 'proposed',
          decision,
          createdAt,
        });
        const added = store.plans.get(taskId, number);
        if (!added) return fail('INTERNAL', `Plan v${number} was not stored.`);
        agents.note(taskId, { kind: 'plan_version', version: number, author: 'user', title: added.plan.title, markdown: added.markdown });
        void events.publish('plan.versionAdded', { ...planFact(task, added, createdAt), author: 'user', status: added.status, basedOn: baseVersion });
        if (decision) {
          decided(task, added, decision);
          agents.settle(taskId, 'done', `Plan v${number} approved`);
        } else {
          agents.settle(taskId, 'plan_review', `Plan v${number} awaits approval`);
        }
        return ok(added);
      }),
  };
}

/** Decisions apply to the latest version while it waits for one; otherwise why not, in the user's words. */
export function requireProposed(target: PlanVersion, latest: PlanVersion): Result<void> {
  const v = target.version;
  const refuse = (message: string) => fail('PLAN_NOT_PROPOSED', message, { version: v, status: target.status, latest: latest.version });
  switch (target.status) {
    case 'proposed':
      return v === latest.version ? ok(undefined) : refuse(`v${v} is not the latest version: v${latest.version} is.`);
    case 'superseded':
      return refuse(`v${v} was superseded by v${v + 1}.`);
    case 'approved':
      return refuse(`v${v} is already approved.`);
    case 'changes_requested':
      return refuse(`Changes were already requested on v${v}${latest.version > v ? `; the revised version is v${latest.version}` : ''}.`);
    case 'rejected':
      return refuse(`v${v} was already rejected.`);
  }
}

function sameFeedback(decision: PlanDecision | null, message: string, comments: readonly PlanComment[]): boolean {
  return decision !== null && (decision.message ?? '') === message.trim() && canonicalJson(decision.comments) === canonicalJson(comments);
}
