import { isBusyStatus, type Editor } from '../../../src-shared/contract';
import type { Bridge } from '../../bridge/bridge';
import { shortcutLabel } from '../../ui/shortcut-label';
import { nextThemePreference, useThemeStore, type ThemePreference } from '../../ui/theme';
import { useMergeStore } from '../merge/merge-store';
import { allowNotifications } from '../notifications/notifications-sync';
import { useNotificationsStore } from '../notifications/notifications-store';
import type { PaletteAction } from '../palette';
import { usePaletteStore } from '../palette';
import { pipelineDescription } from '../pipelines/pipeline-text';
import { usePipelinesStore } from '../pipelines/pipelines-store';
import { useProjectsStore } from '../projects/projects-store';
import { usePullRequestStore } from '../pull-requests/pull-request-store';
import { reviewKeys } from '../review/review-keys';
import { reviewTask, toggleReview } from '../review/review-navigation';
import { useSelectionStore } from '../selection/selection-store';
import { useSettingsStore, type SettingsSection } from '../settings';
import { useTasksStore, workspaceOwnerIdIn } from '../tasks/tasks-store';
import { taskBadge } from '../tasks/task-badge';
import { openTaskTerminal } from '../terminals/open-terminal';
import { useTerminalsStore } from '../terminals/terminals-store';
import { useAppStore } from './app-store';
import { openNewPipelineDialog, openNewTaskDialog } from './use-global-shortcuts';

const themeWords: Record<ThemePreference, string> = { light: 'light', dark: 'dark', system: 'follow the system' };

/**
 * Every action the palette offers right now, built from the stores when it opens: what the
 * shell, the selection and each feature can do, with their shortcuts. `editors` are the ones
 * found on PATH (asked for when the palette opened). Actions that talk to the host resolve to
 * the host's refusal, shown in the palette, or null.
 */
export function paletteActions(api: Bridge, editors: readonly Editor[]): PaletteAction[] {
  const selection = useSelectionStore.getState();
  const projects = useProjectsStore.getState();
  const tasks = useTasksStore.getState();
  const project = selection.selectedProjectId ? projects.byId[selection.selectedProjectId] : undefined;
  const task = selection.selectedTaskId ? tasks.byId[selection.selectedTaskId] : undefined;
  const noTask = task ? undefined : 'open a task first';
  // Merges and pull requests are of a workspace's owner's work: a review's or a subagent's task opens its owner's dialogs.
  const owner = task ? (tasks.byId[workspaceOwnerIdIn(tasks.byId, task.id)] ?? task) : undefined;
  const actions: PaletteAction[] = [];

  actions.push({
    id: 'task.new',
    title: 'New task',
    group: project ? `in ${project.name}` : 'Task',
    shortcut: shortcutLabel('N'),
    disabledReason: project ? undefined : 'add a project first',
    run: () => void openNewTaskDialog(),
  });
  actions.push({
    id: 'pipeline.new',
    title: 'New pipeline',
    group: project ? `in ${project.name}` : 'Pipeline',
    keywords: 'goal plan implement review gates',
    disabledReason: project ? undefined : 'add a project first',
    run: () => void openNewPipelineDialog(),
  });
  actions.push({ id: 'project.add', title: 'Add project', group: 'Project', keywords: 'repository open folder', run: () => useAppStore.getState().openDialog({ kind: 'addProject' }) });

  for (const projectId of projects.ids) {
    const name = projects.byId[projectId]?.name ?? projectId;
    actions.push({ id: `project.go.${projectId}`, title: `Go to project: ${name}`, group: 'Project', run: () => useSelectionStore.getState().selectProject(projectId) });
    for (const pipeline of usePipelinesStore.getState().byProject[projectId] ?? []) {
      actions.push({
        id: `pipeline.go.${pipeline.id}`,
        title: `Go to pipeline: ${pipeline.title}`,
        group: `${name} · ${pipelineDescription(pipeline)}`,
        keywords: pipeline.goal,
        run: () => useSelectionStore.getState().selectPipeline(projectId, pipeline.id),
      });
    }
    for (const taskId of tasks.idsByProject[projectId] ?? []) {
      const each = tasks.byId[taskId];
      if (!each) continue;
      actions.push({
        id: `task.go.${taskId}`,
        title: `Go to task: ${each.title}`,
        group: `${name} · ${taskBadge(each).label}`,
        keywords: each.workspace.branch,
        run: () => useSelectionStore.getState().selectTask(each.projectId, taskId),
      });
    }
  }

  actions.push({
    id: 'review.toggle',
    title: selection.reviewing ? 'Close DiffLens' : 'Review changes (DiffLens)',
    group: 'Review',
    shortcut: reviewKeys.toggleReview,
    keywords: 'diff difflens review',
    disabledReason: project ? undefined : 'add a project first',
    run: () => void toggleReview(),
  });
  actions.push({ id: 'review.task', title: 'Review this task’s changes', group: 'Review', keywords: 'diff difflens', disabledReason: noTask, run: () => task && reviewTask(task.id) });
  actions.push({
    id: 'merge.task',
    title: 'Merge this task…',
    group: 'Merge',
    keywords: 'merge back land',
    disabledReason: noTask ?? (task && task.workspace.state !== 'ready' ? 'its worktree is not ready' : undefined),
    run: () => {
      if (!owner) return;
      useSelectionStore.getState().selectTask(owner.projectId, owner.id);
      useMergeStore.getState().openDialog(owner.id);
    },
  });
  actions.push({
    id: 'queue.add',
    title: 'Add this task to the merge queue',
    group: 'Merge',
    keywords: 'queue land gate test',
    disabledReason: noTask ?? (task && task.workspace.state !== 'ready' && task.workspace.state !== 'missing' ? 'its worktree is not ready' : undefined),
    ask: async () => {
      if (!task) return null;
      // Everything the task produced, as a merge commit: the merge dialog offers the other choices.
      const added = await api.invoke('mergeQueue.add', { taskId: task.id, strategy: 'merge', includeUncommitted: true });
      return added.ok ? null : added.error.message;
    },
  });
  actions.push({
    id: 'pullRequest.open',
    title: 'Open a pull request…',
    group: 'Merge',
    keywords: 'pr github gh push',
    disabledReason: noTask ?? (task && task.workspace.state !== 'ready' && task.workspace.state !== 'missing' ? 'its worktree is not ready' : undefined),
    run: () => {
      if (!owner) return;
      useSelectionStore.getState().selectTask(owner.projectId, owner.id);
      usePullRequestStore.getState().openDialog(owner.id);
    },
  });
  actions.push({
    id: 'queue.show',
    title: 'Show the merge queue',
    group: 'Merge',
    keywords: 'queue gate landed ejected',
    disabledReason: project ? undefined : 'add a project first',
    run: () => project && useSelectionStore.getState().selectProject(project.id),
  });
  actions.push({
    id: 'agent.stop',
    title: 'Stop the agent',
    group: 'Task',
    disabledReason: noTask ?? (task && !isBusyStatus(task.agent.status) ? 'it is not running' : undefined),
    ask: async () => {
      if (!task) return null;
      const result = await api.invoke('agent.stop', { taskId: task.id });
      return result.ok ? null : result.error.message;
    },
  });

  const notReady = noTask ?? (task && task.workspace.state !== 'ready' ? 'its worktree is not ready' : undefined);
  actions.push({
    id: 'terminal.open',
    title: 'Open a terminal',
    group: 'Terminal',
    keywords: 'shell console new terminal',
    disabledReason: notReady,
    ask: async () => {
      if (!task) return null;
      const opened = await openTaskTerminal(api, task.id);
      return opened.ok ? null : opened.error.message;
    },
  });
  for (const terminal of task ? (useTerminalsStore.getState().terminalsByTask[task.id] ?? []) : []) {
    actions.push({ id: `terminal.show.${terminal.id}`, title: `Go to terminal: ${terminal.title}`, group: 'Terminal', run: () => task && useTerminalsStore.getState().showTab(task.id, { terminalId: terminal.id }) });
  }
  if (task) actions.push({ id: 'terminal.conversation', title: 'Go to the conversation', group: 'Task', keywords: 'agent chat', run: () => useTerminalsStore.getState().showTab(task.id, 'agent') });

  const available = editors.filter((editor) => editor.available);
  for (const editor of available) {
    actions.push({
      id: `editor.open.${editor.id}`,
      title: editor.kind === 'file-manager' ? `Show the workspace in ${editor.name}` : `Open the workspace in ${editor.name}`,
      group: 'Editor',
      keywords: 'open in editor ide',
      disabledReason: noTask ?? (task && task.workspace.state !== 'ready' ? 'its worktree is not ready' : undefined),
      ask: async () => {
        if (!task) return null;
        const result = await api.invoke('editors.open', { taskId: task.id, editorId: editor.id });
        return result.ok ? null : result.error.message;
      },
    });
  }
  if (available.length === 0) {
    actions.push({ id: 'editor.none', title: 'Open in editor', group: 'Editor', disabledReason: 'no editor was found on PATH (Settings → Editor)', run: () => {} });
  }

  const settings: [SettingsSection, string][] = [
    ['models', 'Models and keys'],
    ['mcp', 'MCP servers'],
    ['permissions', 'Permissions'],
    ['rules', 'Personal rules'],
    ['review', 'Review gate'],
    ['agents', 'Agents'],
    ['editor', 'Editor'],
  ];
  actions.push({ id: 'settings.open', title: 'Settings', group: 'Settings', keywords: 'preferences', shortcut: shortcutLabel(','), run: () => useSettingsStore.getState().openSettings() });
  for (const [section, label] of settings) {
    actions.push({ id: `settings.${section}`, title: `Settings: ${label}`, group: 'Settings', run: () => useSettingsStore.getState().openSettings(section) });
  }

  const { preference, setPreference } = useThemeStore.getState();
  actions.push({ id: 'theme.toggle', title: `Theme: switch to ${themeWords[nextThemePreference(preference)]}`, group: 'Appearance', keywords: 'dark light mode colour color', run: () => setPreference(nextThemePreference(preference)) });
  for (const choice of ['light', 'dark', 'system'] as const) {
    if (choice === preference) continue;
    actions.push({ id: `theme.${choice}`, title: `Theme: ${themeWords[choice]}`, group: 'Appearance', keywords: 'dark light mode', run: () => setPreference(choice) });
  }

  if (useNotificationsStore.getState().permission === 'default') {
    actions.push({ id: 'notifications.allow', title: 'Turn on notifications', group: 'Notifications', keywords: 'alerts', run: () => void allowNotifications() });
  }
  actions.push({ id: 'help.shortcuts', title: 'Keyboard shortcuts', group: 'Help', shortcut: '?', keywords: 'keys help', run: () => usePaletteStore.getState().show('shortcuts') });
  return actions;
}
