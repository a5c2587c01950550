import { fail, ok, type FindingStatus, type Result, type ReviewFinding, type Task } from '../../../src-shared/contract';
import type { DomainEventBus } from '../events';
import type { ContractEmit } from '../events';
import { judgeAnchor, type CurrentFileReader } from '../review/comment-anchor';
import type { StoredFinding } from '../store/review-report-repository';
import type { Store } from '../store/store';
import { findingsFollowUp } from './finding-follow-up';

export type AgentDelivery = 'started' | 'queued' | 'delivered';

export interface FindingLifecycleDeps {
  store: Store;
  events: DomainEventBus;
  emit: ContractEmit;
  now: () => number;
  /** Starts (or queues) a run of the task's agent with this message. */
  sendToAgent(taskId: string, text: string): Promise<Result<{ delivery: AgentDelivery }>>;
}

/** What the user may still act on: a finding neither dismissed nor fixed. */
const actionable: ReadonlySet<FindingStatus> = new Set(['open', 'sent', 'addressed']);
/** Findings whose lines are watched for the implementer's changes. */
const watched: ReadonlySet<FindingStatus> = new Set(['open', 'sent']);

const publicFinding = ({ anchorText: _anchor, ...finding }: StoredFinding): ReviewFinding => finding;

/**
 * A finding's life after its review: sent to the implementer (several as one follow-up),
 * dismissed with a reason, likely addressed when its lines changed in the workspace since, and
 * (by a later review, see review-role-service) fixed or still there. Every move is stored and
 * published as `finding.statusChanged` (the audit trail and the UI follow it).
 */
export function createFindingLifecycle(deps: FindingLifecycleDeps) {
  const { store, events, now } = deps;

  /** Stores a move and publishes it; `actor` is who made it (the audit's word). */
  const move = (finding: StoredFinding, status: FindingStatus, reason: string | null, actor: 'user' | 'agent' | 'braid'): StoredFinding | null => {
    if (!store.reviewReports.setFindingStatus(finding.id, status, reason, now())) return null;
    const review = store.tasks.get(finding.reviewTaskId);
    const reviewed = store.tasks.get(finding.reviewedTaskId);
    const projectId = review?.projectId ?? reviewed?.projectId;
    if (projectId) {
      void events.publish('finding.statusChanged', {
        projectId,
        taskId: finding.reviewTaskId,
        pipelineId: review?.pipelineId ?? reviewed?.pipelineId ?? null,
        reviewedTaskId: finding.reviewedTaskId,
        findingId: finding.id,
        title: finding.title,
        priority: finding.priority,
        status,
        reason,
        actor,
      });
    }
    return store.reviewReports.finding(finding.id) ?? null;
  };

  return {
    move,

    /**
     * The chosen findings as one follow-up to the reviewed task's agent; they become `sent`,
     * and go back to what they were if the message cannot be delivered.
     */
    async send(findingIds: readonly string[]): Promise<Result<{ sent: number; delivery: AgentDelivery }>> {
      const findings: StoredFinding[] = [];
      for (const id of new Set(findingIds)) {
        const finding = store.reviewReports.finding(id);
        if (!finding) return fail('NOT_FOUND', `There is no finding ${id} (its review task may have been deleted).`);
        if (!actionable.has(finding.status)) return fail('INVALID_INPUT', `“${finding.title}” is ${finding.status}: only open, sent or likely addressed findings can be sent.`);
        findings.push(finding);
      }
      const reviewedIds = new Set(findings.map((finding) => finding.reviewedTaskId));
      if (reviewedIds.size > 1) return fail('INVALID_INPUT', 'These findings are about the work of different tasks; send each task its own.');
      const reviewed = store.tasks.get(findings[0]!.reviewedTaskId);
      if (!reviewed) return fail('NOT_FOUND', 'The task whose work was reviewed does not exist any more.');
      const sent = await deps.sendToAgent(reviewed.id, findingsFollowUp(findings));
      if (!sent.ok) return sent;
      // Marked once the message is on its way: nothing says "sent" for a message that never went.
      for (const finding of findings) move(finding, 'sent', null, 'user');
      return ok({ sent: findings.length, delivery: sent.data.delivery });
    },

    dismiss(findingId: string, reason: string): Result<ReviewFinding> {
      const finding = store.reviewReports.finding(findingId);
      if (!finding) return fail('NOT_FOUND', 'There is no such finding (its review task may have been deleted).');
      if (finding.status === 'dismissed') return fail('INVALID_INPUT', `“${finding.title}” is already dismissed.`);
      if (finding.status === 'fixed') return fail('INVALID_INPUT', `“${finding.title}” is fixed: a later review said so.`);
      const moved = move(finding, 'dismissed', reason.trim(), 'user');
      return moved ? ok(publicFinding(moved)) : fail('NOT_FOUND', 'There is no such finding any more.');
    },

    /**
     * Findings on `reviewed`'s work whose lines changed in the workspace since they were found:
     * likely addressed. Lines that only moved (edits above them) are followed; a finding about
     * a whole file is left to the next review. Returns how many changed.
     */
    async detectAddressed(reviewed: Task, readCurrentFile: CurrentFileReader): Promise<number> {
      const findings = store.reviewReports.findingsFor(reviewed.id).filter((finding) => watched.has(finding.status) && finding.lineStart !== null);
      const files = new Map<string, Promise<string | null | undefined>>();
      let changed = 0;
      for (const finding of findings) {
        if (!files.has(finding.path)) files.set(finding.path, readCurrentFile(finding.path));
        const verdict = judgeAnchor({ line: finding.lineStart!, anchorText: finding.anchorText }, await files.get(finding.path));
        if (verdict.kind === 'moved') {
          const shift = verdict.line - finding.lineStart!;
          store.reviewReports.setFindingLines(finding.id, verdict.line, (finding.lineEnd ?? finding.lineStart!) + shift, now());
          changed += 1;
        } else if (verdict.kind === 'changed' && move(finding, 'addressed', 'its lines changed since the review', 'braid')) {
          changed += 1;
        }
      }
      if (changed > 0) deps.emit('reviews.changed', { projectId: reviewed.projectId, reviewedTaskId: reviewed.id });
      return changed;
    },
  };
}

export type FindingLifecycle = ReturnType<typeof createFindingLifecycle>;
export { publicFinding };
