import { mkdirSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import type { Branches, EventName, MethodArgs, Orphan, Project, Result, Task } from '../../src-shared/contract';
import { AgentService, type AgentModels } from './agents/agent-service';
import { defaultPermissionPolicy, type PermissionPolicy } from './agents/permission-policy';
import { TimelineWriter } from './agents/timeline-writer';
import type { AgentToolset } from './agents/toolset';
import { agentModelsFrom } from './agents/model-adapter';
import { createWorkspaceToolset } from './agents/workspace-toolset';
import { RepoQueue } from './git/repo-queue';
import { createHistoryService, deleteCheckpoints, type HistoryService } from './history';
import { createReviewService, type ReviewService } from './review';
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
  /** Hunk actions, review comments, provenance (D2, D3). */
  review: ReviewService;
  /** Non-secret settings (SQLite). */
  settings: Store['settings'];
  /** Waits for in-flight git work, then closes the database. */
  close(): Promise<void>;
}

export function createServices(options: ServicesOptions): Services {
  const now = options.now ?? Date.now;
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
    emit: options.emit,
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
        })),
    notifyTaskChanged: (taskId) => void context.events.taskChanged(taskId),
    concurrency: runtime.concurrency ?? store.settings.get<number>('agents.concurrency') ?? 4,
    onTurnEnded: async (taskId, turn) => {
      const created = await history.createCheckpoint(taskId, turn);
      if (!created.ok && created.error.code !== 'WORKSPACE_NOT_READY') runtime.log?.(`[history] no checkpoint for ${taskId}: ${created.error.message}`);
    },
    retry: runtime.retry,
    log: runtime.log,
  });
  late.agents = agentService;
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
      remove: projects.remove,
      branches: projects.branches,
      completePath: projects.completePath,
    },
    tasks,
    agents: agentService,
    models,
    mcp: { hub: mcpHub, catalog: mcpCatalog },
    history,
    review,
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
        .then(() => mcpHub.close())
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
