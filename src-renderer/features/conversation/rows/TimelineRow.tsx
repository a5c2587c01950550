import { memo } from 'react';
import { PlanCard } from '../../plans/PlanCard';
import { PlanDecisionLine } from '../../plans/PlanDecisionLine';
import { ReviewCard } from '../../review-role/ReviewCard';
import type { ViewItem } from '../timeline-items';
import { EngineSessionLine, ThoughtRow } from './AgentRows';
import { ApprovalCard } from './ApprovalCard';
import { CommandOutputRow, ContextClearedMarker } from './CommandRows';
import { ErrorCard } from './ErrorCard';
import { CompactionMarker, StatusLine, StepUsageLine, TodoList } from './InfoRows';
import { AssistantMessageRow, RetryRow, UserMessageRow } from './MessageRows';
import { QuestionCard } from './QuestionCard';
import { RulesRow } from './RulesRow';
import { ToolCallCard } from './ToolCallCard';
import { ScriptRunCard } from '../../workspace-setup/ScriptRunCard';
import { WorkspaceFilesRow } from '../../workspace-setup/WorkspaceFilesRow';

/** One conversation row; re-renders only when its own item changes (rows are immutable). */
export const TimelineRow = memo(function TimelineRow({ item, taskId }: { item: ViewItem; taskId: string }) {
  switch (item.kind) {
    case 'user':
      return <UserMessageRow item={item} />;
    case 'assistant':
      return <AssistantMessageRow item={item} />;
    case 'retry':
      return <RetryRow item={item} />;
    case 'tool':
      return <ToolCallCard item={item} taskId={taskId} />;
    case 'approval':
      return <ApprovalCard item={item} taskId={taskId} />;
    case 'error':
      return <ErrorCard item={item} taskId={taskId} />;
    case 'status':
      return <StatusLine item={item} />;
    case 'compaction':
      return <CompactionMarker item={item} />;
    case 'usage':
      return <StepUsageLine item={item} />;
    case 'todos':
      return <TodoList item={item} />;
    case 'question':
      return <QuestionCard item={item} taskId={taskId} />;
    case 'plan':
      return <PlanCard item={item} taskId={taskId} />;
    case 'planDecision':
      return <PlanDecisionLine item={item} />;
    case 'thought':
      return <ThoughtRow item={item} />;
    case 'engineSession':
      return <EngineSessionLine item={item} />;
    case 'review':
      return <ReviewCard item={item} taskId={taskId} />;
    case 'commandOutput':
      return <CommandOutputRow item={item} taskId={taskId} />;
    case 'cleared':
      return <ContextClearedMarker item={item} />;
    case 'rules':
      return <RulesRow item={item} />;
    case 'script':
      return <ScriptRunCard item={item} taskId={taskId} />;
    case 'workspaceFiles':
      return <WorkspaceFilesRow item={item} />;
  }
});

/** A first guess at a row's height (pixels) until it is measured. */
export function estimateRowHeight(item: ViewItem): number {
  switch (item.kind) {
    case 'user':
      return item.command ? 90 : 52 + Math.ceil(item.text.length / 100) * 19;
    case 'commandOutput':
      return 40 + item.text.split('\n').length * 19 + (item.tasks.length > 0 ? 32 : 0);
    case 'rules':
      return 30 + item.warnings.length * 19;
    case 'assistant':
      return 24 + Math.ceil(item.text.length / 100) * 19;
    case 'tool':
      return (item.outputTail ? 160 : 76) + (item.approval?.outcome.kind === 'pending' ? 180 : item.approval ? 30 : 0);
    case 'approval':
      return 180;
    case 'error':
      return 90;
    case 'todos':
      return 36 + item.todos.length * 19;
    case 'compaction':
      return 60;
    case 'question':
      return 90 + Math.ceil(item.question.length / 100) * 19 + (item.asked && item.answer === null ? 90 : 0);
    case 'plan':
      return 320;
    case 'review':
      return 120 + item.findings * 22;
    case 'script':
      return 90 + (item.outputTail ? 160 : 0);
    case 'workspaceFiles':
      return 40 + item.skipped.length * 19;
    default:
      return 26;
  }
}
