import { mkdirSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import type { Branches, EventName, EventPayload, MethodArgs, Orphan, Project, Result, ReviewSummary, Task } from '../../src-shared/contract';
import { createCommandsService, type CommandsService } from './background/commands-service';
import { AgentService, type AgentModels } from './agents/agent-service';
import { defaultPermissionPolicy, type PermissionPolicy } from './agents/permission-policy';
import { TimelineWriter } from './agents/timeline-writer';
import type { AgentToolset } from './agents/toolset';
import { agentModelsFrom } from './agents/model-adapter';
import { createWorkspaceToolset } from './agents/workspace-toolset';
import { RepoQueue } from './git/repo-queue';
import { createHistoryService, deleteCheckpoints, type HistoryService } from './history';
import { createReviewService, type ReviewService } from './review';
import { reviewOverview } from './review/review-overview';
import { LiveReview } from './live/live-review';
import { createTaskMerges, type TaskMerges } from './merge/task-merges';
import { RadarMonitor } from './radar/radar-monitor';
import { mcpToolsForTask } from './agents/mcp-tools';
import { McpHub, McpServerCatalog } from './mcp';
import { createModelService, type ModelService } from './models';
import { createFileSecretStore, type SecretStore } from './secrets';
import { createProjectService } from './projects/project-service';
import { openStore, type Store } from './store/store';
import type { CreatedTask } from './tasks/create-task';
import { createTaskService } from './tasks/task-service';
import { createWorkspaceContext } from './workspaces/context';
import { listOrphans, removeOrphan } from './workspaces/orphans';
import { reconcile } from './workspaces/reconcile';
import { recreateWorkspace } from './workspaces/recreate-workspace';
import { machineCommandIsolation } from './sandbox/detect-isolation';

export interface ServicesOptions {
  /** Braid's own folder: the database lives here, and worktrees by default. */
  dataDir: string;
  /** Where worktrees go; defaults to `<dataDir>/worktrees`. */
  worktreesRoot?: string;
  /** Contract events (see src-shared/contract/events.ts) for the host to fan out. */
  emit: (event: EventName, payload: unknown) => void;
  now?: () => number;
  /** Where API keys live: the desktop passes a safeStorage-backed store; default is a 0600 file. */
  secrets?: SecretStore;
  /** Environment for provider keys and `OPENAI_BASE_URL`/`BRAID_MODEL` (default: process.env). */
  env?: Record<string, string | undefined>;
  /** Overrides for the agent runtime (tests use these to shorten retries and so on). */
  agents?: Partial<AgentRuntimeOptions>;
}

export interface AgentRuntimeOptions {
  models: AgentModels;
  /** The tools of one task's agent: its workspace server and the user's MCP servers. */
  createToolset(task: Task): Promise<AgentToolset>;
  policy?: PermissionPolicy;
  /** Runs at once; further tasks wait in a visible queue (default 4). */
  concurrency?: number;
  retry?: { maxAttempts: number; baseDelayMs: number; maxDelayMs: number };
  /** Start a new task's agent with its prompt as soon as the worktree is ready (default true). */
  autoStart?: boolean;
  log?: (line: string) => void;
}

export interface Services {
  projects: {
    /** Cheap: no git process runs (current branch comes from the HEAD file). */
    list(): Project[];
    add(path: string): Promise<Result<Project>>;
    /** Forgets the project's rows; never touches the repository or its worktrees. */
    remove(projectId: string): Result<{ removed: true }>;
    branches(projectId: string): Promise<Result<Branches>>;
    completePath(partial: string): Promise<{ entries: { path: string; isRepository: boolean }[] }>;
  };
  tasks: {
    list(projectId: string): Result<Task[]>;
    get(taskId: string): Task | undefined;
    /** Returns once the task is stored (`creating`); `settled` resolves when git is done. */
    create(args: MethodArgs<'tasks.create'>): Promise<Result<CreatedTask>>;
    delete(args: MethodArgs<'tasks.delete'>): Promise<Result<{ deleted: true }>>;
  };
  workspaces: {
    recreate(taskId: string): Promise<Result<Task>>;
    orphans(projectId: string): Result<Orphan[]>;
    removeOrphan(projectId: string, path: string): Promise<Result<{ removed: true }>>;
    /** Start-up check of records against disk; call once after creating the services. */
    reconcile(): Promise<void>;
  };
  agents: AgentService;
  models: ModelService;
  mcp: { hub: McpHub; catalog: McpServerCatalog };
  /** A workspace's commits, committing, and per-turn checkpoints (W4). */
  history: HistoryService;
  /** Hunk actions, review comments and provenance (D2, D3); the review overview. */
  review: ReviewService & {
    overview(projectId: string): Promise<Result<ReviewSummary[]>>;
    /** Every open comment as one follow-up to the task's agent; reopened if it cannot be delivered. */
    sendComments(taskId: string): Promise<Result<{ sent: number; delivery: 'started' | 'queued' | 'delivered' }>>;
  };
  /** Live diffs of the workspaces on screen or being worked on (D1). */
  live: LiveReview;
  /** Merge back by task id (D5). */
  merges: TaskMerges;
  /** The conflict radar per project (D4). */
  radar: RadarMonitor;
  /** How agent commands are isolated here, and the long-lived services agents started. */
  commands: CommandsService;
  /** Non-secret settings (SQLite). */
  settings: Store['settings'];
  /** Waits for in-flight git work, then closes the database. */
  close(): Promise<void>;
}

export function createServices(options: ServicesOptions): Services {
  const now = options.now ?? Date.now;
  // Task events also drive the live review (watch while an agent works, forget removed tasks).
  const taskObservers: { changed?: (task: Task) => void; removed?: (removed: EventPayload<'tasks.removed'>) => void } = {};
  const emit = (event: EventName, payload: unknown) => {
    options.emit(event, payload);
    if (event === 'tasks.changed') taskObservers.changed?.((payload as EventPayload<'tasks.changed'>).task);
    else if (event === 'tasks.removed') taskObservers.removed?.(payload as EventPayload<'tasks.removed'>);
  };
  const typedEmit = <E extends EventName>(event: E, payload: EventPayload<E>) => emit(event, payload);
  const store = openStore(options.dataDir);
  const requestedRoot = options.worktreesRoot ?? join(options.dataDir, 'worktrees');
  mkdirSync(requestedRoot, { recursive: true });
  // Stored paths and git's worktree list then agree even when the root is behind a symlink.
  const worktreesRoot = realpathSync(requestedRoot);
  const queue = new RepoQueue();
  // The context needs the agent service (queued counts) and the service needs the context.
  const late: { agents?: AgentService } = {};
  const context = createWorkspaceContext({
    store,
    worktreesRoot,
    now,
    queue,
    emit,
    decorateTask: (task) => {
      const queued = late.agents?.queuedMessages(task.id) ?? 0;
      return queued === 0 ? task : { ...task, agent: { ...task.agent, queuedMessages: queued } };
    },
  });
  const writer = new TimelineWriter({ store, now, publish: (taskId, events) => options.emit('agent.timeline', { taskId, events }) });
  const secrets = options.secrets ?? createFileSecretStore(join(options.dataDir, 'secrets', 'keys.json'));
  const models = createModelService({ settings: store.settings, secrets, env: options.env ?? process.env, now });
  const runtime = options.agents ?? {};
  const mcpCatalog = new McpServerCatalog(store.settings);
  const mcpHub = new McpHub({
    env: options.env ?? process.env,
    onStatus: (status) => options.emit('mcp.status', { status }),
  });
  const history = createHistoryService(context);
  const review = createReviewService(context);
  // Isolation is detected once, now, so the first command does not wait for it.
  const commands = createCommandsService({ isolation: machineCommandIsolation(), taskExists: (taskId) => store.tasks.get(taskId) !== undefined, emit: typedEmit, log: runtime.log });
  const radar = new RadarMonitor({ store, now, onChange: (projectId, computed) => typedEmit('radar.changed', { projectId, radar: computed }), log: runtime.log });
  const live = new LiveReview({ store, emit: typedEmit, radar, log: runtime.log });
  const commentsChanged = (taskId: string) => {
    const comments = review.comments.list(taskId);
    if (comments.ok) typedEmit('review.commentsChanged', { taskId, comments: comments.data });
  };
  /** After Braid changed a task's workspace itself. */
  const moved = <T>(taskId: string, result: Result<T>): Result<T> => {
    const task = result.ok ? store.tasks.get(taskId) : undefined;
    if (task) live.workspaceMoved(task.workspace.id);
    return result;
  };
  const agentService = new AgentService({
    store,
    writer,
    models: runtime.models ?? agentModelsFrom(models),
    policy: runtime.policy ?? defaultPermissionPolicy,
    createToolset:
      runtime.createToolset ??
      (async (task) =>
        createWorkspaceToolset(task, {
          record: (body) => writer.push(task.id, body),
          external: await mcpToolsForTask(mcpHub, mcpCatalog, task),
          services: commands.forTask(task.id),
        })),
    notifyTaskChanged: (taskId) => void context.events.taskChanged(taskId),
    concurrency: runtime.concurrency ?? store.settings.get<number>('agents.concurrency') ?? 4,
    onTurnEnded: async (taskId, turn) => {
      const created = await history.createCheckpoint(taskId, turn);
      if (!created.ok && created.error.code !== 'WORKSPACE_NOT_READY') runtime.log?.(`[history] no checkpoint for ${taskId}: ${created.error.message}`);
      // Comments on lines the agent has since changed are likely addressed.
      const addressed = await review.comments.detectAddressed(taskId);
      if (addressed.ok && addressed.data.length > 0) commentsChanged(taskId);
      moved(taskId, created);
    },
    retry: runtime.retry,
    log: runtime.log,
  });
  late.agents = agentService;
  const merges = createTaskMerges(context, {
    onWorkspaceMoved: (workspaceId) => live.workspaceMoved(workspaceId),
    sendToAgent: (taskId, text) => agentService.send(taskId, text),
  });
  taskObservers.changed = (task) => {
    // Stopping a task stops the services its agent started, with everything they started.
    if (task.agent.status === 'stopped') void commands.stopTask(task.id);
    // New work in a merged workspace: it is no longer "merged" (the radar takes it back).
    if (task.workspace.merged && task.agent.status === 'running' && store.workspaces.setMerged(task.workspace.id, null)) {
      void context.events.taskChanged(task.id);
      return;
    }
    live.taskChanged(task);
  };
  taskObservers.removed = ({ projectId, taskId }) => {
    live.taskRemoved(taskId);
    radar.schedule(projectId);
  };
  agentService.recoverAfterRestart();
  const autoStart = runtime.autoStart ?? true;
  const projects = createProjectService({ store, emit: options.emit, now });
  const taskService = createTaskService(context);
  const tasks: Services['tasks'] = {
    list: taskService.list,
    get: (taskId) => {
      const task = store.tasks.get(taskId);
      return task && context.decorateTask(task);
    },
    async create(args) {
      const created = await taskService.create(args);
      if (created.ok && autoStart) {
        // Tracked, so closing waits for it instead of closing the database under it.
        void context.track(
          created.data.settled.then(async (task) => {
            if (task.workspace.state === 'ready') await agentService.startWithPrompt(task.id);
          }),
        );
      }
      return created;
    },
    async delete(args) {
      // A running agent is stopped first, so nothing writes into a worktree being removed.
      await agentService.stopAndWait(args.taskId);
      await commands.stopTask(args.taskId);
      // Checkpoint refs are private to the task: removed with it (best effort; the branch may already be gone).
      const ownTask = store.tasks.get(args.taskId);
      const result = await taskService.delete(args);
      const project = ownTask && store.projects.get(ownTask.projectId);
      if (result.ok && project) {
        await deleteCheckpoints({ path: project.path, inRepoQueue: (operation) => context.inRepoQueue(project, operation) }, args.taskId);
      }
      if (result.ok) store.timeline.forget(args.taskId);
      return result;
    },
  };
  let closed: Promise<void> | undefined;

  return {
    projects: {
      list: projects.list,
      add: projects.add,
      remove: (projectId) => {
        radar.forgetProject(projectId);
        return projects.remove(projectId);
      },
      branches: projects.branches,
      completePath: projects.completePath,
    },
    tasks,
    agents: agentService,
    models,
    mcp: { hub: mcpHub, catalog: mcpCatalog },
    history: {
      ...history,
      commit: async (taskId, commitOptions) => moved(taskId, await history.commit(taskId, commitOptions)),
      restoreCheckpoint: async (taskId, turn, restoreOptions) => moved(taskId, await history.restoreCheckpoint(taskId, turn, restoreOptions)),
    },
    review: {
      ...review,
      acceptHunk: async (taskId, request) => moved(taskId, await review.acceptHunk(taskId, request)),
      revertHunk: async (taskId, request) => moved(taskId, await review.revertHunk(taskId, request)),
      comments: {
        ...review.comments,
        add(input) {
          const added = review.comments.add(input);
          if (added.ok) commentsChanged(input.taskId);
          return added;
        },
        edit(id, changes) {
          const edited = review.comments.edit(id, changes);
          if (edited.ok) commentsChanged(edited.data.taskId);
          return edited;
        },
        delete(id) {
          const comment = store.reviewComments.get(id);
          const deleted = review.comments.delete(id);
          if (deleted.ok && comment) commentsChanged(comment.taskId);
          return deleted;
        },
      },
      overview: (projectId) => reviewOverview({ store, diff: (workspaceId) => live.diff(workspaceId) }, projectId),
      async sendComments(taskId) {
        const followUp = review.comments.composeFollowUp(taskId);
        if (!followUp.ok) return followUp;
        const sent = await agentService.send(taskId, followUp.data.text);
        if (!sent.ok) review.comments.reopen(followUp.data.commentIds);
        commentsChanged(taskId);
        return sent.ok ? { ok: true, data: { sent: followUp.data.commentIds.length, delivery: sent.data.delivery } } : sent;
      },
    },
    live,
    merges: {
      ...merges,
      // The worktree is gone: so are the services that ran in it.
      archive: async (taskId, keepBranch) => {
        const archived = await merges.archive(taskId, keepBranch);
        if (archived.ok) await commands.stopTask(taskId);
        return archived;
      },
    },
    radar,
    commands,
    settings: store.settings,
    workspaces: {
      recreate: (taskId) => recreateWorkspace(context, taskId),
      orphans: (projectId) => listOrphans(context, projectId),
      removeOrphan: (projectId, path) => removeOrphan(context, projectId, path),
      reconcile: () => reconcile(context),
    },
    close() {
      closed ??= agentService
        .close()
        .then(() => Promise.all([live.close(), radar.close()]))
        .then(() => Promise.all([mcpHub.close(), commands.close()]))
        .then(() => context.idle())
        .then(() => {
          writer.close();
          store.close();
        });
      return closed;
    },
  };
}

export type { CreatedTask } from './tasks/create-task';
