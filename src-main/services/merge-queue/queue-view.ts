import type { GateCommandView, MergeQueueView, QueueEntry } from '../../../src-shared/contract';
import type { QueueEntryRow, QueueStateRow } from '../store/merge-queue-repository';

const finished = (entry: QueueEntryRow) => entry.state === 'landed' || entry.state === 'ejected';

/** A stored entry as the UI shows it. */
export function entryView(entry: QueueEntryRow, taskTitle: string): QueueEntry {
  return {
    id: entry.id,
    projectId: entry.projectId,
    targetBranch: entry.targetBranch,
    taskId: entry.taskId,
    taskTitle,
    strategy: entry.options.strategy,
    options: entry.options,
    state: entry.state,
    speculative: entry.speculative,
    attempts: entry.attempts,
    enqueuedAt: entry.enqueuedAt,
    startedAt: entry.startedAt,
    finishedAt: entry.finishedAt,
    targetCommit: entry.targetCommit,
    candidateCommit: entry.candidateCommit,
    ejection: entry.ejection,
    landed: entry.landed,
    hasLog: entry.hasLog,
  };
}

/** Waiting and running entries in queue order first, then the landed and ejected ones as they finished. */
export function queueView(state: QueueStateRow, entries: readonly QueueEntryRow[], gate: GateCommandView, titleOf: (taskId: string) => string): MergeQueueView {
  const active = entries.filter((entry) => !finished(entry));
  const done = entries.filter(finished).sort((a, b) => (a.finishedAt ?? 0) - (b.finishedAt ?? 0));
  return {
    projectId: state.projectId,
    targetBranch: state.targetBranch,
    paused: state.paused,
    pauseReason: state.pauseReason,
    gate,
    entries: [...active, ...done].map((entry) => entryView(entry, titleOf(entry.taskId))),
  };
}
