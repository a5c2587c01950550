import { taskBadge } from '../tasks/task-badge';
import { useTasksStore } from '../tasks/tasks-store';
import { commandsSummary } from './CommandList';
import { commandFailed } from './file-labels';
import type { ReviewSummary } from './review-types';

interface ReviewTaskListProps {
  summaries: readonly ReviewSummary[];
  selectedTaskId: string | null;
  onSelect(taskId: string): void;
  label?: string;
}

/** The tasks with changes: title, agent status, files and +/−, commands (failures marked), open comments, merged. */
export function ReviewTaskList({ summaries, selectedTaskId, onSelect, label = 'Tasks with changes' }: ReviewTaskListProps) {
  return (
    <ul className="review-tasks" aria-label={label}>
      {summaries.map((summary) => (
        <ReviewTaskCard key={summary.taskId} summary={summary} selected={summary.taskId === selectedTaskId} onSelect={onSelect} />
      ))}
    </ul>
  );
}

function ReviewTaskCard({ summary, selected, onSelect }: { summary: ReviewSummary; selected: boolean; onSelect(taskId: string): void }) {
  const task = useTasksStore((s) => s.byId[summary.taskId]);
  if (!task) return null;
  const badge = taskBadge(task);
  const failed = summary.commands.filter(commandFailed).length;
  const merged = task.workspace.merged;
  const facts = [
    summary.error ?? `${summary.files} file${summary.files === 1 ? '' : 's'} +${summary.additions} −${summary.deletions}`,
    commandsSummary(summary.commands),
    summary.openComments > 0 ? `${summary.openComments} open comment${summary.openComments === 1 ? '' : 's'}` : null,
    merged ? `merged into ${merged.targetBranch}` : null,
  ].filter(Boolean);
  return (
    <li>
      <button
        type="button"
        className={`review-task${selected ? ' review-task--selected' : ''}`}
        aria-label={task.title}
        aria-description={`${badge.label}; ${facts.join('; ')}`}
        aria-current={selected ? 'true' : undefined}
        onClick={() => onSelect(summary.taskId)}
      >
        <span className="review-task__top">
          <span className="review-task__title">{task.title}</span>
          <span className={`badge badge--${badge.tone}`}>{badge.label}</span>
        </span>
        {summary.error ? (
          <span className="review-task__error">{summary.error}</span>
        ) : (
          <span className="review-task__facts">
            <span>
              {summary.files} file{summary.files === 1 ? '' : 's'}
            </span>
            <span className="count-add">+{summary.additions}</span>
            <span className="count-del">−{summary.deletions}</span>
            <span className={failed > 0 ? 'review-task__failed' : undefined}>{commandsSummary(summary.commands)}</span>
            {summary.openComments > 0 && <span className="tag">{summary.openComments} open</span>}
            {merged && <span className="tag tag--merged">merged</span>}
          </span>
        )}
      </button>
    </li>
  );
}
