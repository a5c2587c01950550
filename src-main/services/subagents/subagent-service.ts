import { fail, ok, type AgentDefinitionDraft, type AgentDefinitionSource, type AgentDefinitions, type Result, type Task } from '../../../src-shared/contract';
import type { ToolAccess } from '../agents/agent-run';
import type { LoopTool } from '../agents/loop-tools';
import { isOfferedTo } from '../agents/role-tools';
import { agentFolder, isProjectSource } from './agent-folders';
import { createDelegateTool, type DelegationDeps } from './delegate-tool';
import { loadAgentDefinitions, type LoadedDefinitions } from './load-agent-definitions';
import { saveAgentDefinition } from './save-agent-definition';
import { subagentToolAccess } from './subagent-access';
import { subagentBriefing } from './subagent-briefing';
import type { SubagentSnapshot } from './subagent-snapshot';
import { WaitingSubagents } from './subagent-waits';

export interface SubagentServiceOptions extends Omit<DelegationDeps, 'definitions' | 'waiting'> {
  /** The user's home: `~/.claude/agents` and `~/.braid/agents`. */
  home: string;
}

export type SubagentService = ReturnType<typeof createSubagentService>;

/**
 * Subagents (R5): definitions from the project's and the user's agents folders (listed with
 * their source and problems, written from Settings), and what a run of a task gets for them:
 * the `delegate` tool, a subagent's own tool list and its instructions in the system prompt.
 */
export function createSubagentService(options: SubagentServiceOptions) {
  const { store } = options.context;
  const waiting = new WaitingSubagents();
  const rootsOf = (projectId: string | null) => ({ project: projectId ? (store.projects.get(projectId)?.path ?? null) : null, home: options.home });
  const definitions = (projectId: string | null): Promise<LoadedDefinitions> => loadAgentDefinitions(rootsOf(projectId));
  const deps: DelegationDeps = { ...options, definitions, waiting };

  /** The task's own snapshot and its ancestors' (empty for a task that is not a subagent). */
  const chainOf = (taskId: string): SubagentSnapshot[] =>
    [taskId, ...store.tasks.ancestorIds(taskId)].map((id) => store.tasks.subagentSnapshot(id)).filter((snapshot): snapshot is SubagentSnapshot => snapshot !== null);

  const view = (loaded: LoadedDefinitions): AgentDefinitions => ({ definitions: loaded.all.map((entry) => entry.view), folders: loaded.folders });

  return {
    /** Every definition of the project's (when named) and the user's folders, read fresh: what Settings → Agents and `/agents` list. */
    async definitions(projectId: string | null): Promise<Result<AgentDefinitions>> {
      if (projectId && !store.projects.get(projectId)) return fail('NOT_FOUND', 'That project is not open in Braid.');
      return ok(view(await definitions(projectId)));
    },

    /** Writes a definition into a source's folder (`save-agent-definition.ts`); the list as it is afterwards. */
    async save(input: { projectId: string | null; source: AgentDefinitionSource; previousFile?: string; definition: AgentDefinitionDraft }): Promise<Result<AgentDefinitions>> {
      if (isProjectSource(input.source) && !input.projectId) return fail('INVALID_INPUT', 'A project’s agents folder needs the project.', { issues: [{ path: ['projectId'], message: 'required for a project source' }] });
      if (input.projectId && !store.projects.get(input.projectId)) return fail('NOT_FOUND', 'That project is not open in Braid.');
      const folder = agentFolder(input.source, rootsOf(input.projectId));
      if (!folder) return fail('NOT_FOUND', 'That project is not open in Braid.');
      const saved = await saveAgentDefinition(folder, await definitions(input.projectId), input.definition, input.previousFile);
      if (!saved.ok) return saved;
      return ok(view(await definitions(input.projectId)));
    },

    /** `delegate` for a run of `task`, when its role may delegate and a subagent is defined (read when the run starts). */
    async loopToolsFor(task: Task): Promise<LoopTool[]> {
      if (!isOfferedTo(task.role, 'delegate')) return [];
      const available = await definitions(task.projectId);
      if (available.byName.size === 0) return [];
      return [createDelegateTool(deps, task, chainOf(task.id), available)];
    },

    /** A subagent's own tool list (and its ancestors'); undefined for other tasks. */
    toolAccessFor(task: Task): ToolAccess | undefined {
      return task.subagent ? subagentToolAccess(chainOf(task.id)) : undefined;
    },

    /** A subagent's instructions for its system prompt; null for other tasks. */
    briefingFor(task: Task): string | null {
      const snapshot = task.subagent ? store.tasks.subagentSnapshot(task.id) : null;
      if (!snapshot) return null;
      const parent = task.parentTaskId ? store.tasks.get(task.parentTaskId) : undefined;
      return subagentBriefing(snapshot, parent?.title ?? 'its parent');
    },
  };
}
