import type { AgentDefinitions, MethodArgs, PermissionMode, PermissionsOverview, PlanVersion, Result, Task, TaskRules, TaskStatus, TimelineEventBody, EffectiveMode } from '../../../src-shared/contract';
import type { SendOptions } from '../agents/agent-service-options';
import type { CreateTaskArgs } from '../tasks/create-task';
import type { McpHub, McpServerCatalog } from '../mcp';

/** What slash commands act through: the services a built-in drives and where command files live. */
export interface SlashCommandDeps {
  tasks: {
    get(taskId: string): Task | undefined;
    create(args: CreateTaskArgs): Promise<Result<{ task: Task }>>;
  };
  /** The user's checkout of a project (project commands and agents are read there), or null when it is gone. */
  projectRoot(projectId: string): string | null;
  home: string;
  agents: {
    send(taskId: string, text: string, options: SendOptions): Promise<Result<{ delivery: 'started' | 'queued' | 'delivered' }>>;
    startWithPrompt(taskId: string): Promise<void>;
    note(taskId: string, body: TimelineEventBody): void;
    settle(taskId: string, status: TaskStatus, reason: string | null): boolean;
    clearContext(taskId: string): Result<{ cleared: true }>;
    compactNow(taskId: string): Promise<Result<{ compacted: true }>>;
    setModel(taskId: string, ref: string | null): Promise<Result<{ model: string | null }>>;
  };
  permissions: {
    setTaskMode(taskId: string, mode: PermissionMode | null): Promise<Result<{ permissionMode: PermissionMode | null; mode: EffectiveMode }>>;
    overview(projectId: string): Promise<Result<PermissionsOverview>>;
  };
  plans: {
    list(taskId: string): Result<PlanVersion[]>;
    implement(input: MethodArgs<'plans.implement'>): Promise<Result<Task[]>>;
  };
  rules: { forTask(taskId: string): Promise<Result<TaskRules>> };
  /** Subagent definitions (`/agents`), as Settings → Agents lists them. */
  subagents: { definitions(projectId: string | null): Promise<Result<AgentDefinitions>> };
  /** The review role: a review task on a task's workspace, or the next version of a review. */
  reviews: {
    start(input: { taskId: string }): Promise<Result<Task>>;
    reviewAgain(reviewTaskId: string): Promise<Result<{ delivery: 'started' | 'queued' | 'delivered' }>>;
  };
  mcp: { hub: McpHub; catalog: McpServerCatalog };
  log?: (line: string) => void;
}
