import { useId } from 'react';
import { useSelectionStore } from '../selection/selection-store';
import { TaskListItem } from '../tasks/TaskListItem';
import { pipelineDescription } from './pipeline-text';
import { usePipelinesStore, usePipelineSummary } from './pipelines-store';
import './pipelines.css';

/**
 * A pipeline's tasks in the sidebar, grouped under it: a button that opens the pipeline's
 * view (named "Pipeline: <title>", described by how far it got), a toggle that folds the
 * group, and the tasks as the sidebar lists any task.
 */
export function PipelineGroup({ projectId, pipelineId, taskIds }: { projectId: string; pipelineId: string; taskIds: readonly string[] }) {
  const summary = usePipelineSummary(projectId, pipelineId);
  const collapsed = usePipelinesStore((s) => s.collapsed[pipelineId] === true);
  const toggle = usePipelinesStore((s) => s.toggleCollapsed);
  const isSelected = useSelectionStore((s) => s.selectedPipelineId === pipelineId);
  const selectPipeline = useSelectionStore((s) => s.selectPipeline);
  const listId = useId();
  const descriptionId = useId();
  const title = summary?.title ?? 'Pipeline';
  return (
    <li className={`pipeline-group${collapsed ? ' pipeline-group--collapsed' : ''}`}>
      <div className="pipeline-group__header">
        <button
          type="button"
          className="pipeline-group__toggle"
          aria-expanded={!collapsed}
          aria-controls={listId}
          aria-label={`${collapsed ? 'Expand' : 'Collapse'} pipeline ${title}`}
          onClick={() => toggle(pipelineId)}
        >
          <span aria-hidden="true">{collapsed ? '▸' : '▾'}</span>
        </button>
        <button
          type="button"
          className="pipeline-group__title"
          aria-label={`Pipeline: ${title}`}
          aria-describedby={descriptionId}
          aria-current={isSelected ? 'page' : undefined}
          title={summary?.goal}
          onClick={() => selectPipeline(projectId, pipelineId)}
        >
          <span className="pipeline-group__name">{title}</span>
          <span id={descriptionId} className={`badge badge--${summary?.needsYou ? 'attention' : summary?.stage === 'done' ? 'done' : 'muted'}`}>
            {summary ? pipelineDescription(summary) : 'pipeline'}
          </span>
        </button>
      </div>
      {!collapsed && (
        <ul id={listId} className="task-list pipeline-group__tasks" aria-label={`Tasks of pipeline ${title}`}>
          {taskIds.map((id) => (
            <TaskListItem key={id} taskId={id} />
          ))}
        </ul>
      )}
    </li>
  );
}
