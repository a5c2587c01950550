import type { Project, Task } from '../../../src-shared/contract';
import { AuditDisclosure } from '../audit/AuditDisclosure';
import { AgentStatusBar } from '../conversation/AgentStatusBar';
import { Composer } from '../conversation/Composer';
import { TuiTaskBar } from '../engines/TuiTaskBar';
import { ReviewTaskButton } from '../review/ReviewTaskButton';
import { ConversationView } from '../conversation/ConversationView';
import { TaskHistoryDisclosure } from '../history/TaskHistoryDisclosure';
import { MergeAgentNotice } from '../merge/MergeAgentNotice';
import { MergeButton } from '../merge/MergeButton';
import { TaskQueueStatus } from '../merge-queue/TaskQueueStatus';
import { PullRequestDialogHost } from '../pull-requests/PullRequestDialogHost';
import { RunningServices } from '../commands/RunningServices';
import { PlanPanel } from '../plans/PlanPanel';
import { ImplementPanel } from '../implement/ImplementPanel';
import { OpenInEditorButton } from '../editors';
import { ReviewsPanel } from '../review-role/ReviewsPanel';
import { StartReviewButton } from '../review-role/StartReviewButton';
import { RulesDisclosure } from '../rules/RulesDisclosure';
import { TaskTabs } from '../terminals/TaskTabs';
import { SubagentOrigin } from '../subagents/SubagentOrigin';
import { CopyPathButton } from './CopyPathButton';
import { DeleteTaskButton } from './DeleteTaskButton';
import { RecreateWorkspaceButton } from './RecreateWorkspaceButton';
import { WorkspaceSharers } from './WorkspaceSharers';
import { WorkspaceStateBadge, workspaceStateExplanations } from './WorkspaceStateBadge';
import { RunScriptButton } from '../workspace-setup/RunScriptButton';
import { SetupNotice } from '../workspace-setup/SetupNotice';
import { portBlockText, settledSetupText } from '../workspace-setup/setup-text';
import { useSetupConfig } from '../workspace-setup/use-setup-config';
import { WorkspaceScriptsDisclosure } from '../workspace-setup/WorkspaceScriptsDisclosure';

/**
 * The selected task: where its worktree lives, its agent's state, and tabs for the
 * conversation with the composer and for the task's terminals. The conversation reads its
 * own store, so task updates do not re-render its rows.
 */
export function TaskView({ task, project, onNewTask }: { task: Task; project: Project; onNewTask(): void }) {
  const { workspace } = task;
  const troubled = workspace.state === 'failed' || workspace.state === 'missing';
  // Read again when the setup moves on (a config trusted, a retry): what Run and the scripts panel show.
  const scripts = useSetupConfig(task.projectId, workspace.setup.state);
  const setupLine = settledSetupText(workspace.setup);
  return (
    <main className="main main--task" aria-label={task.title}>
      <header className="main__header">
        <div className="main__heading">
          <p className="main__eyebrow">{project.name}</p>
          <h1 className="main__title">{task.title}</h1>
        </div>
        <div className="main__header-actions">
          {/* A subagent works in its parent's workspace: the parent's task runs, merges and reviews it. */}
          {!task.subagent && <RunScriptButton task={task} config={scripts.config} />}
          {!task.subagent && <MergeButton task={task} />}
          {!task.subagent && <StartReviewButton task={task} />}
          {!task.subagent && <ReviewTaskButton task={task} />}
          <DeleteTaskButton task={task} />
          <button type="button" className="button button--primary" onClick={onNewTask}>
            New task
          </button>
        </div>
      </header>

      <SubagentOrigin task={task} />
      <dl className="facts facts--inline">
        {/* The task's status is its agent's (the bar below); the worktree is only mentioned while it is not usable. */}
        {workspace.state !== 'ready' && (
          <>
            <dt>Worktree</dt>
            <dd>
              <WorkspaceStateBadge state={workspace.state} /> <span className="muted">{workspaceStateExplanations[workspace.state]}</span>
            </dd>
          </>
        )}
        <dt>Role</dt>
        <dd>{task.role}</dd>
        <dt>Branch</dt>
        <dd className="mono">
          {workspace.baseBranch} → {workspace.branch}
        </dd>
        <dt>Workspace</dt>
        <dd className="facts__path">
          <span className="mono selectable">{workspace.path}</span>
          <CopyPathButton path={workspace.path} />
          <OpenInEditorButton taskId={task.id} disabled={workspace.state !== 'ready'} />
        </dd>
        <WorkspaceSharers task={task} />
        {setupLine && (
          <>
            <dt>Setup</dt>
            <dd>{setupLine}</dd>
          </>
        )}
        {workspace.portBase !== null && (
          <>
            <dt>Ports</dt>
            <dd className="mono" title="BRAID_PORT is the first; the block is the workspace's alone">
              {portBlockText(workspace.portBase)}
            </dd>
          </>
        )}
      </dl>

      <SetupNotice task={task} />
      <TaskQueueStatus task={task} />
      <PullRequestDialogHost task={task} />
      <MergeAgentNotice task={task} />
      {workspace.state === 'ready' && <TaskHistoryDisclosure task={task} />}
      {workspace.state === 'ready' && <RulesDisclosure taskId={task.id} status={task.agent.status} />}
      {scripts.config?.source && <WorkspaceScriptsDisclosure projectId={task.projectId} config={scripts.config} onChanged={scripts.setConfig} />}
      <AuditDisclosure projectId={task.projectId} scope={{ taskId: task.id }} />

      {troubled && (
        <section className={`notice notice--${workspace.state}`} aria-label="Workspace problem">
          <p>
            <strong>{workspace.state === 'failed' ? 'The workspace could not be created.' : 'The workspace is missing.'}</strong>{' '}
            {workspace.stateReason}
          </p>
          {workspace.state === 'missing' && <RecreateWorkspaceButton task={task} />}
        </section>
      )}

      <RunningServices taskId={task.id} />
      <AgentStatusBar agent={task.agent} />
      <TaskTabs key={task.id} task={task}>
        {task.role === 'plan' && <PlanPanel task={task} />}
        {task.planPin && <ImplementPanel task={task} />}
        {!task.subagent && <ReviewsPanel task={task} />}
        <ConversationView taskId={task.id} prompt={task.prompt} />
        {task.engine.kind === 'tui' ? <TuiTaskBar task={task} /> : <Composer taskId={task.id} status={task.agent.status} model={task.agent.model} />}
      </TaskTabs>
    </main>
  );
}
