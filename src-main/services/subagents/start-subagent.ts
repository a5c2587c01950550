import { fail, ok, type AgentDefinitionSource, type EffectiveMode, type PermissionMode, type Result, type Task } from '../../../src-shared/contract';
import type { AgentModels } from '../agents/agent-service-options';
import type { PermissionDecision } from '../agents/permission-policy';
import { newId } from '../store/ids';
import type { WorkspaceContext } from '../workspaces/context';
import type { AgentDefinition } from './agent-definition';
import { allowRuleNames, subagentMode } from './subagent-mode';
import { subagentModelRequest } from './subagent-model';
import type { SubagentSnapshot } from './subagent-snapshot';

/** What starting a subagent needs from the other services. */
export interface SubagentStartDeps {
  context: WorkspaceContext;
  models: Pick<AgentModels, 'resolve'>;
  permissions: {
    effectiveMode(task: Task): EffectiveMode;
    /** Refuses full auto where commands cannot be sandboxed until the user confirmed it for the project. */
    setTaskMode(taskId: string, mode: PermissionMode | null): Promise<Result<unknown>>;
  };
}

export interface SubagentRequest {
  callId: string;
  title: string;
  prompt: string;
  definition: AgentDefinition;
  source: AgentDefinitionSource;
  /** How the policy decided the `delegate` call: an allow rule naming the agent lets its mode be looser than the parent's. */
  decision: PermissionDecision | undefined;
}

/** The subagent's task, stored; with where it runs differently from what its definition asks. */
export interface StartedSubagent {
  child: Task;
  mode: PermissionMode;
  model: string;
  notes: string[];
}

/** Turns a subagent may take when its definition gives no `maxTurns`: a task's usual step limit. */
const defaultMaxTurns = 50;

/**
 * Stores a subagent's task under its parent: the same workspace (no new worktree), the
 * definition's snapshot, its model (the parent's unless it names one), its mode (never looser
 * than the parent's, `subagent-mode.ts`) and its turn limit as the step limit. The caller sends
 * the prompt, which starts the run.
 */
export async function storeSubagentTask(deps: SubagentStartDeps, parent: Task, depth: number, request: SubagentRequest): Promise<Result<StartedSubagent>> {
  const { store } = deps.context;
  const { definition } = request;
  const notes: string[] = [];
  const model = await subagentModel(deps, parent, definition, notes);
  if (!model.ok) return model;

  const parentMode = deps.permissions.effectiveMode(parent).mode;
  const allowedByRule = request.decision?.kind === 'allow' && allowRuleNames(request.decision.rule, request.decision.source, definition.name);
  const chosen = subagentMode({ requested: definition.permissionMode, parent: parentMode, parentIsPlanner: parent.role === 'plan', allowedByRule });
  if (chosen.note) notes.push(`${definition.name} ${chosen.note}.`);

  const snapshot: SubagentSnapshot = {
    agent: definition.name,
    source: request.source,
    depth,
    callId: request.callId,
    tools: definition.grant.tools,
    disallowedTools: definition.grant.disallowed,
    agents: definition.grant.agents,
    prompt: definition.prompt,
  };
  const id = newId();
  store.transaction(() => {
    store.tasks.insert({
      id,
      projectId: parent.projectId,
      workspaceId: parent.workspace.id,
      title: request.title,
      prompt: request.prompt,
      role: 'implement',
      createdAt: deps.context.now(),
      pipelineId: parent.pipelineId,
      parentTaskId: parent.id,
      subagent: snapshot,
    });
    store.tasks.setModel(id, model.data);
    store.tasks.setPermissionMode(id, parentMode);
    store.tasks.setLimits(id, definition.maxTurns ?? defaultMaxTurns, null);
  });
  // Through the permission service, so full auto without a sandbox needs the user's confirmation here too.
  let mode = parentMode;
  if (chosen.mode !== parentMode) {
    const set = await deps.permissions.setTaskMode(id, chosen.mode);
    if (set.ok) mode = chosen.mode;
    else notes.push(`${definition.name} runs in its parent's mode: ${set.error.message}`);
  }
  const child = deps.context.announce.taskChanged(id);
  if (!child) return fail('NOT_FOUND', 'The subagent’s task was removed as it was being started.');
  deps.context.announce.taskCreated(child, 'agent');
  return ok({ child, mode, model: model.data, notes });
}

/** The model ref the subagent runs on (resolved now, so a model that cannot work is said before anything starts). */
async function subagentModel(deps: SubagentStartDeps, parent: Task, definition: AgentDefinition, notes: string[]): Promise<Result<string>> {
  const parentModel = async () => {
    const resolved = await deps.models.resolve(parent.agent.model, parent.role);
    return resolved.ok ? ok(resolved.data.ref) : resolved;
  };
  const request = subagentModelRequest(definition.model);
  if (request.kind === 'inherit') return parentModel();
  const resolved = await deps.models.resolve(request.ref, 'implement');
  if (resolved.ok) return ok(resolved.data.ref);
  if (request.kind === 'explicit') {
    return fail(resolved.error.code, `The subagent ${definition.name} names the model ${request.ref}, which cannot be used: ${resolved.error.message} Change its model (or set it to inherit).`);
  }
  const fallback = await parentModel();
  if (fallback.ok) notes.push(`${definition.name} asks for ${request.alias} (${request.ref}), which is not set up here (${resolved.error.message}); it runs on its parent's model, ${fallback.data}.`);
  return fallback;
}
