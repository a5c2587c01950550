import { mkdirSync, realpathSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { EventName, Orphan, Result, Task } from '../../src-shared/contract';
import { createAuditTrail, type AuditService } from './audit';
import { createCommandsService, type CommandsService } from './background/commands-service';
import { AgentService } from './agents/agent-service';
import type { AgentModels } from './agents/agent-service-options';
import { mcpToolsForTask } from './agents/mcp-tools';
import { agentModelsFrom } from './agents/model-adapter';
import type { PermissionPolicy } from './agents/permission-policy';
import { TimelineWriter, type StorageTrouble } from './agents/timeline-writer';
import type { AgentToolset } from './agents/toolset';
import { createWorkspaceToolset } from './agents/workspace-toolset';
import { createEditorService, type EditorService } from './editors/editor-service';
import { acpMcpServersFor, createAcpEngine, createEnginesService, createTuiEngine, routeExternalEngines, type EnginesService } from './engines';
import { DomainEventBus, forwardToContract, type ContractEmit } from './events';
import { RepoQueue } from './git/repo-queue';
import { createHistoryService, type HistoryService } from './history';
import { LiveReview } from './live/live-review';
import { createMcpService, type McpService } from './mcp';
import { createTaskMerges, type TaskMerges } from './merge/task-merges';
import { createMergeQueueService, type MergeQueueService } from './merge-queue/merge-queue-service';
import { createQueueSettings } from './merge-queue/queue-settings';
import { reviewGateOverFindings } from './merge-queue/review-gate-check';
import { createModelService, type ModelService } from './models';
import { createPermissionService, type PermissionService } from './permissions/permission-service';
import { createPipelineService, type PipelineService } from './pipelines/pipeline-service';
import { createRulePolicy } from './permissions/rule-policy';
import { createPlanService, type PlanService } from './plans/plan-service';
import { createSubagentService, type SubagentService } from './subagents/subagent-service';
import { createPipelineSettings, type PipelineSettingsStore } from './projects/pipeline-settings';
import { createProjectService, type ProjectService } from './projects/project-service';
import { createPullRequestService, type PullRequestService } from './pull-requests/pull-request-service';
import { RadarMonitor } from './radar/radar-monitor';
import { createRulesService, type RulesService } from './rules/rules-service';
import { createSlashCommandService, type SlashCommandService } from './slash-commands/slash-command-service';
import { createReviewService, type ReviewService } from './review';
import { createReviewRoleService, type ReviewRoleService } from './review-role/review-role-service';
import { machineCommandIsolation } from './sandbox/detect-isolation';
import { createFileSecretStore, type SecretStore } from './secrets';
import { openStore, type Store } from './store/store';
import { createTaskOrchestration, type TaskOrchestration } from './tasks/task-orchestration';
import { createTerminalsService, type TerminalsService } from './terminals/terminals-service';
import { createWorkspaceContext } from './workspaces/context';
import { worktreePathOf } from './workspaces/open-task-workspace';
import { listOrphans, removeOrphan } from './workspaces/orphans';
import { reconcile } from './workspaces/reconcile';
import { recreateWorkspace } from './workspaces/recreate-workspace';
import { terminalScriptRunner, type WorkspaceScriptRunner } from './workspace-setup/script-runner';
import { createWorkspaceSetup, type WorkspaceSetupService } from './workspace-setup/workspace-setup-service';
import { PortBlocks, workspacePortStore, type PortRange } from './workspace-setup/port-blocks';

export interface ServicesOptions {
  /** Braid's own folder: the database lives here, and worktrees by default. */
  dataDir: string;
  /** Where worktrees go; defaults to `<dataDir>/worktrees`. */
  worktreesRoot?: string;
  /** Contract events (see src-shared/contract/events.ts) for the host to fan out. */
  emit: (event: EventName, payload: unknown) => void;
  /** Terminal output only while someone is shown the terminal (`terminals.watchOutput`): the host's transports say who shows what. */
  terminalOutputOnlyWhenViewed?: boolean;
  now?: () => number;
  /** Where API keys live: the desktop passes a safeStorage-backed store; default is a 0600 file. */
  secrets?: SecretStore;
  /** Environment for provider keys and `OPENAI_BASE_URL`/`BRAID_MODEL` (default: process.env). */
  env?: Record<string, string | undefined>;
  /** Overrides for the agent runtime (tests use these to shorten retries and so on). */
  agents?: Partial<AgentRuntimeOptions>;
  /** The user's home, where `~/.claude/settings.json`, `~/.claude/CLAUDE.md` and `~/.claude/commands` are read (default: the OS's). */
  home?: string;
  /** Workspace setup: where workspace port blocks are taken from, and where scripts run (tests). */
  workspaceSetup?: { portRange?: PortRange; runner?: WorkspaceScriptRunner; shell?: string };
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
  /** External agents (ACP): timeouts and grace periods, shortened by tests. */
  external?: { idleMs?: number; cancelGraceMs?: number; killGraceMs?: number; timeouts?: { initializeMs?: number; sessionMs?: number; modeMs?: number } };
  log?: (line: string) => void;
}

export interface Services {
  /** Projects: cheap listing (no git process), add with validation, forget, branches, path completion. */
  projects: ProjectService;
  /** List, create (the agent starts when the worktree is ready), delete (agent and services stopped first). */
  tasks: TaskOrchestration;
  workspaces: {
    recreate(taskId: string): Promise<Result<Task>>;
    orphans(projectId: string): Result<Orphan[]>;
    removeOrphan(projectId: string, path: string): Promise<Result<{ removed: true }>>;
    /** Start-up check of records against disk; call once after creating the services. */
    reconcile(): Promise<void>;
  };
  agents: AgentService;
  models: ModelService;
  /** The user's MCP servers: listing with status, trust, switches, test, restart. */
  mcp: McpService;
  /** A workspace's commits, committing, and per-turn checkpoints (W4). */
  history: HistoryService;
  /** The diff, hunk actions, review comments and provenance (D2, D3); the review overview. */
  review: ReviewService;
  /** Live diffs of the workspaces on screen or being worked on (D1). */
  live: LiveReview;
  /** Merge back by task id (D5). */
  merges: TaskMerges;
  /** The conflict radar per project (D4). */
  radar: RadarMonitor;
  /** The merge queues (D6): per project and target branch, a gate run on each candidate, landing by compare-and-swap. */
  mergeQueue: MergeQueueService;
  /** "Open pull request" (D7): push the task's branch, `gh pr create`, the pull request's state. */
  pullRequests: PullRequestService;
  /** How agent commands are isolated here, and the long-lived services agents started. */
  commands: CommandsService;
  /** Terminals per task (U2): the user's shells and commands Braid runs for others, on the pty host. */
  terminals: TerminalsService;
  /**
   * Plan artifacts: versions, the user's decisions at the gate, the gate (`requireApprovedPlan`),
   * diff, save to repository (R1); implementing an approved version, its progress, each implement
   * task's summary and what its review gets (`implementContext`) (R2).
   */
  plans: PlanService;
  /** Modes, rules by source, trust of repository settings files, "try a command", the sandbox (C3). */
  permissions: PermissionService;
  /**
   * The review role (R3): review tasks on the reviewed task's workspace, their reports and
   * findings (send, dismiss, likely addressed), review again, and the review gate of merges.
   */
  reviews: ReviewRoleService;
  /** Rules (C2): personal rules, the user's and the project's rules files, what each task was given. */
  rules: RulesService;
  /** Slash commands (C1): built-ins, command and skill files, MCP prompts; listing and running them. */
  slashCommands: SlashCommandService;
  /** Per project: the review gate, auto review, the check command, where plans are saved. */
  pipelineSettings: PipelineSettingsStore;
  /**
   * Pipelines (R4): a goal through plan → implement ×n → review ×n → merged; the rules that
   * create each next stage, the check command before reviews, the check gate, the stages' view.
   */
  pipelines: PipelineService;
  /** The hash-chained audit trail per project (C5): pages, verification, exports. */
  audit: AuditService;
  /** The external agents Braid has presets for (T7): installed or how to install them. */
  engines: EnginesService;
  /** Subagent definitions (Settings → Agents, `/agents`) and the `delegate` tool that runs them as child tasks (R5). */
  subagents: SubagentService;
  /** Non-secret settings (SQLite). */
  settings: Store['settings'];
  /** "Open in editor": editors found on PATH, the user's choice and own command (U3). */
  editors: EditorService;
  /**
   * Workspace setup (W3): the project's scripts and their trust, Retry and Start anyway, the
   * Run button, and the workspace's variables for everything run in it.
   */
  workspaceSetup: WorkspaceSetupService;
  /** Whether the database refuses writes right now (what agents produce then waits in memory). */
  storageTrouble(): StorageTrouble | null;
  /** Waits for in-flight git work, then closes the database. */
  close(): Promise<void>;
}

/**
 * The composition root of the host's services: constructs each service once, hands it what it
 * needs (store, clock, the domain event bus, the contract's `emit`) and nothing decides here.
 * Rules live in their services; services react to each other through the domain events
 * (`events/`), subscribed where the rule lives.
 */
export function createServices(options: ServicesOptions): Services {
  const now = options.now ?? Date.now;
  const runtime = options.agents ?? {};
  const env = options.env ?? process.env;
  const emit: ContractEmit = (event, payload) => options.emit(event, payload);
  // Domain events: services publish and subscribe; the UI hears of tasks through one translator, subscribed first.
  const events = new DomainEventBus(runtime.log);
  forwardToContract(events, emit);
  const store = openStore(options.dataDir);
  const home = options.home ?? homedir();
  const requestedRoot = options.worktreesRoot ?? join(options.dataDir, 'worktrees');
  mkdirSync(requestedRoot, { recursive: true });
  // Stored paths and git's worktree list then agree even when the root is behind a symlink.
  const worktreesRoot = realpathSync(requestedRoot);
  // The context needs the agent service (queued counts) and the service needs the context;
  // the agents' runs need the plan service's `submit_plan`, and plans need the agents.
  const late: { agents?: AgentService; plans?: PlanService; reviews?: ReviewRoleService; permissions?: PermissionService; slashCommands?: SlashCommandService; pipelines?: PipelineService; setup?: WorkspaceSetupService; terminals?: TerminalsService } = {};
  const context = createWorkspaceContext({
    store,
    worktreesRoot,
    now,
    queue: new RepoQueue(),
    emit,
    events,
    decorateTask: (task) => {
      const decorated = late.agents?.decorate(task) ?? task;
      return late.permissions?.decorate(decorated) ?? decorated;
    },
    beforeWorktreeRemoval: async (task, force) => (late.setup ? late.setup.archive(task, force) : { ok: true, data: null }),
  });
  // Subscribed before any service publishes (the start-up recovery below reports interrupted runs).
  const audit = createAuditTrail({ store, now, events, emit, log: runtime.log });
  const writer = new TimelineWriter({
    store,
    now,
    publish: (taskId, timeline) => emit('agent.timeline', { taskId, events: timeline }),
    observe: audit.observeTimeline,
    onStorageTrouble: (trouble) => {
      runtime.log?.(trouble ? `[store] the database refuses writes, ${trouble.waiting} rows wait in memory: ${trouble.message}` : '[store] the database accepts writes again');
      emit('app.storageTrouble', { trouble });
    },
  });
  audit.rideOn(writer);
  const secrets = options.secrets ?? createFileSecretStore(join(options.dataDir, 'secrets', 'keys.json'));
  const models = createModelService({ settings: store.settings, secrets, env, now });
  const mcp = createMcpService({ settings: store.settings, env, projects: store.projects, onStatus: (status) => emit('mcp.status', { status }) });
  const history = createHistoryService(context, { log: runtime.log });
  // Isolation is detected once, now, so the first command does not wait for it.
  const isolation = machineCommandIsolation();
  const permissions = createPermissionService({
    settings: store.settings,
    projects: store.projects,
    tasks: store.tasks,
    isolation,
    home,
    notifyTaskChanged: (taskId) => void context.announce.taskChanged(taskId),
  });
  late.permissions = permissions;
  events.on('project.removed', ({ projectId }) => permissions.forgetProject(projectId));
  for (const project of store.projects.list()) void permissions.warm(project.id);
  const commands = createCommandsService({ isolation, taskExists: (taskId) => store.tasks.get(taskId) !== undefined, emit, events, log: runtime.log });
  const radar = new RadarMonitor({ store, now, events, onChange: (projectId, computed) => emit('radar.changed', { projectId, radar: computed }), log: runtime.log });
  const live = new LiveReview({ store, emit, events, radar, log: runtime.log });
  const agentModels = runtime.models ?? agentModelsFrom(models);
  const autoStart = runtime.autoStart ?? true;
  const record = (taskId: string, body: Parameters<TimelineWriter['push']>[1]) => writer.push(taskId, body);
  // One set of port blocks: the workspaces' and the merge queue's scratch worktrees' never overlap.
  const portBlocks = new PortBlocks(workspacePortStore(store), options.workspaceSetup?.portRange);
  const workspaceSetup = createWorkspaceSetup({
    store,
    announce: (taskId) => void context.announce.taskChanged(taskId),
    getTask: (taskId) => {
      const task = store.tasks.get(taskId);
      return task && context.decorateTask(task);
    },
    record,
    runner: options.workspaceSetup?.runner ?? terminalScriptRunner({ terminals: () => late.terminals!, record, shell: options.workspaceSetup?.shell }),
    terminals: () => late.terminals!,
    // A prompt that starts with a slash command is expanded (or refused) before the agent sees it.
    onReady: async (taskId) => (autoStart ? late.slashCommands?.startWithPrompt(taskId) : undefined),
    track: (work) => context.track(work),
    ports: portBlocks,
    shell: options.workspaceSetup?.shell,
  });
  late.setup = workspaceSetup;
  workspaceSetup.recoverAfterRestart();
  events.on('project.removed', ({ projectId }) => workspaceSetup.forgetProject(projectId));
  events.on('workspace.configTrusted', ({ projectId }) => workspaceSetup.resumeTrusted(projectId));
  const terminals = createTerminalsService({
    getTask: (taskId) => store.tasks.get(taskId),
    emit,
    events,
    isolation,
    confinement: (taskId) => permissions.confinementFor(taskId),
    // BRAID_PORT, BRAID_WORKSPACE_PATH, ...: the same variables the agent's commands get.
    workspaceEnvironment: (task) => workspaceSetup.environment(task),
    scrollback: () => store.settings.get<number>('terminals.scrollback'),
    outputOnlyWhenViewed: options.terminalOutputOnlyWhenViewed,
  });
  late.terminals = terminals;
  const engines = createEnginesService(env);
  const external = routeExternalEngines({
    acp: createAcpEngine({
      env,
      isolation,
      workspaceEnvironment: (task) => workspaceSetup.environment(task),
      mcpServers: (task, transports) => acpMcpServersFor(task, mcp.catalog, env, transports, runtime.log),
      // The agent's terminal/* requests run as commands in the task's terminals, which the user sees.
      terminals,
      clientVersion: '0.1.0',
      ...runtime.external,
      log: runtime.log,
    }),
    tui: createTuiEngine({ env, terminals }),
  });
  const subagents = createSubagentService({
    context,
    models: agentModels,
    permissions,
    agents: () => late.agents!,
    flush: () => writer.flush(),
    home: options.home ?? homedir(),
  });
  const rules = createRulesService({
    settings: store.settings,
    tasks: store.tasks,
    projects: store.projects,
    timeline: (taskId) => {
      writer.flush();
      return store.timeline.from(taskId, 0);
    },
    home,
  });
  const agents = new AgentService({
    store,
    writer,
    events,
    models: agentModels,
    policy: runtime.policy ?? createRulePolicy(permissions),
    createToolset:
      runtime.createToolset ??
      (async (task) =>
        createWorkspaceToolset(task, {
          record: (body) => writer.push(task.id, body),
          external: () => mcpToolsForTask(mcp.hub, mcp.catalog, task),
          services: commands.forTask(task.id),
          confinement: () => permissions.confinementFor(task.id),
          commandEnv: await workspaceSetup.environment(task),
        })),
    loopTools: async (task) => [...(late.plans?.loopToolsFor(task) ?? []), ...(late.reviews?.loopToolsFor(task) ?? []), ...(await subagents.loopToolsFor(task))],
    briefing: (task) => subagents.briefingFor(task) ?? (task.role === 'review' ? (late.reviews?.briefingFor(task) ?? null) : (late.plans?.briefingFor(task) ?? null)),
    toolAccess: (task) => subagents.toolAccessFor(task),
    rules,
    notifyTaskChanged: (taskId) => void context.announce.taskChanged(taskId),
    external,
    concurrency: runtime.concurrency ?? store.settings.get<number>('agents.concurrency') ?? 4,
    retry: runtime.retry,
    log: runtime.log,
  });
  late.agents = agents;
  const tasks = createTaskOrchestration(context, {
    agents,
    commands,
    terminals,
    setup: workspaceSetup,
    engines,
    checkPrompt: (projectId, prompt) => late.slashCommands!.checkPrompt(projectId, prompt),
  });
  const pipelineSettings = createPipelineSettings(store);
  const plans = createPlanService(context, {
    agents,
    pipelineSettings,
    implement: {
      diff: (workspaceId) => live.diff(workspaceId),
      resolveModel: (ref) => agentModels.resolve(ref, 'implement'),
      startWhenReady: tasks.startWhenReady,
    },
  });
  late.plans = plans;
  const sendToAgent = (taskId: string, text: string) => agents.send(taskId, text);
  const slashCommands = createSlashCommandService({
    tasks: { get: (taskId) => tasks.get(taskId), create: (args) => tasks.create(args) },
    projectRoot: (projectId) => store.projects.get(projectId)?.path ?? null,
    home,
    agents,
    permissions,
    plans,
    rules,
    reviews: { start: (input) => late.reviews!.start(input), reviewAgain: (taskId) => late.reviews!.reviewAgain(taskId) },
    subagents,
    mcp,
    log: runtime.log,
  });
  late.slashCommands = slashCommands;
  const review = createReviewService(context, { emit, sendToAgent, diff: (workspaceId) => live.diff(workspaceId) });
  const reviews = createReviewRoleService(context, {
    emit,
    pipelineSettings,
    agents: {
      startWithPrompt: (taskId) => agents.startWithPrompt(taskId),
      send: (taskId, text) => agents.send(taskId, text),
      isRunning: (taskId) => agents.isRunning(taskId),
    },
    resolveModel: (ref) => agentModels.resolve(ref, 'review'),
    diff: (workspaceId) => live.diff(workspaceId),
    implementContext: (taskId) => plans.implementContext(taskId),
    latestCheck: (taskId) => late.pipelines?.latestCheck(taskId) ?? null,
    checkEngine: (engine, role) => engines.check(engine, role),
  });
  late.reviews = reviews;
  const pipelines = createPipelineService(context, {
    settings: pipelineSettings,
    resolveModel: (ref, role) => agentModels.resolve(ref, role),
    startWhenReady: tasks.startWhenReady,
    implement: (input, actor) => plans.implement(input, actor),
    reviews: { start: (input, actor) => reviews.start(input, actor), reviewAgain: (reviewTaskId) => reviews.reviewAgain(reviewTaskId), gateFor: (taskId) => reviews.gateFor(taskId) },
    agents: { isRunning: (taskId) => agents.isRunning(taskId), runEnded: (taskId) => agents.runEnded(taskId) },
    isolation,
    checkConfinementFor: (taskId) => permissions.checkConfinementFor(taskId),
    checkEnvironmentFor: (task) => workspaceSetup.environment(task),
    creators: (projectId, pipelineId) => audit.service.creatorsInPipeline(projectId, pipelineId),
  });
  late.pipelines = pipelines;
  const merges = createTaskMerges(context, {
    sendToAgent,
    reviewGate: (taskId) => reviews.gateFor(taskId),
    checkGate: (taskId) => pipelines.checkGate(taskId),
    removing: (taskId, withSharedTasks, remove) => tasks.removing(taskId, withSharedTasks, remove),
  });
  const mergeQueue = createMergeQueueService({
    context,
    dataDir: options.dataDir,
    isolation,
    settings: createQueueSettings(store),
    emit,
    sendToAgent,
    reviewGate: reviewGateOverFindings(store.reviewReports),
    gateConcurrency: () => store.settings.get<number>('agents.concurrency') ?? runtime.concurrency ?? 4,
    ports: portBlocks,
    shell: options.workspaceSetup?.shell,
    log: runtime.log,
  });
  const pullRequests = createPullRequestService({
    context,
    // gh needs the user's own environment (PATH, its login), not the provider settings in `env`.
    env: () => process.env,
    commitWorkspace: (taskId, message) => history.commit(taskId, { message }),
  });
  agents.recoverAfterRestart();
  void mergeQueue.start();
  let closed: Promise<void> | undefined;

  return {
    projects: createProjectService({ store, emit, events, now }),
    tasks,
    agents,
    models,
    mcp,
    history,
    review,
    live,
    merges,
    mergeQueue,
    pullRequests,
    radar,
    commands,
    terminals,
    plans,
    reviews,
    permissions,
    rules,
    slashCommands,
    pipelineSettings,
    engines,
    pipelines,
    audit: audit.service,
    subagents,
    settings: store.settings,
    editors: createEditorService({
      settings: store.settings,
      worktreeOf: (taskId) => worktreePathOf(context, taskId),
    }),
    storageTrouble: () => writer.storageTrouble(),
    workspaceSetup,
    workspaces: {
      recreate: async (taskId) => {
        const recreated = await recreateWorkspace(context, taskId);
        // A worktree made again lost its brought files and set-up state: set it up again (its owner's, the task answered).
        if (recreated.ok) void workspaceSetup.prepare(recreated.data.id);
        return recreated;
      },
      orphans: (projectId) => listOrphans(context, projectId),
      removeOrphan: (projectId, path) => removeOrphan(context, projectId, path),
      reconcile: () => reconcile(context),
    },
    close() {
      closed ??= agents
        .close()
        .then(() => Promise.all([live.close(), radar.close(), pipelines.close(), mergeQueue.close()]))
        // A setup still running is stopped (and recorded as interrupted) while its terminal can still say how it ended.
        .then(() => workspaceSetup.close())
        .then(() => Promise.all([mcp.close(), commands.close(), terminals.close()]))
        .then(() => context.idle())
        .then(() => {
          // The audit's waiting entries go in this last flush too.
          writer.close();
          audit.log.close();
          store.close();
        });
      return closed;
    },
  };
}

// What the host needs besides the services themselves (it imports nothing else from services/, lint rule).
export type { CreatedTask } from './tasks/create-task';
export type { SecretStore } from './secrets';
export { createAccessToken, tokenMatches } from './secrets';
export { fileSystemRefusal } from './paths/path-refusal';
