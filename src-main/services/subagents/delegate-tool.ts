import { z } from 'zod';
import { describeIssues, maxSubagentDepth, validationIssues, type Result, type Task, type TaskStatus } from '../../../src-shared/contract';
import { toolInputSchema, type LoopTool, type LoopToolContext, type LoopToolOutcome } from '../agents/loop-tools';
import type { LoadedDefinitions } from './load-agent-definitions';
import { depthRefusal } from './subagent-access';
import { subagentOutcome } from './subagent-outcome';
import type { SubagentSnapshot } from './subagent-snapshot';
import { runEnded, type WaitingSubagents } from './subagent-waits';
import { storeSubagentTask, type SubagentStartDeps } from './start-subagent';

export const delegateInput = z
  .object({
    agent: z.string().trim().min(1, 'must name a subagent').max(64).describe('Which subagent runs: one of the names listed in this tool’s description.'),
    prompt: z
      .string()
      .trim()
      .min(1, 'must not be empty')
      .max(100_000, 'must be at most 100000 characters')
      .describe('What the subagent is to do, with everything it needs: it does not see this conversation.'),
    title: z.string().trim().min(1).max(120).optional().describe('A short title for the subagent’s task (shown under this task).'),
  })
  .strict();

/** What a delegation needs from the agent service (late bound: the agents need this tool). */
export interface DelegationAgents {
  send(taskId: string, text: string): Promise<Result<unknown>>;
  stop(taskId: string): Result<unknown>;
  isRunning(taskId: string): boolean;
  settle(taskId: string, status: TaskStatus, reason: string | null): boolean;
}

export interface DelegationDeps extends SubagentStartDeps {
  agents(): DelegationAgents;
  definitions(projectId: string): Promise<LoadedDefinitions>;
  /** Writes the timeline rows still in memory (the subagent's answer is read from the store). */
  flush(): void;
  waiting: WaitingSubagents;
}

/**
 * `delegate`: runs a subagent as a child task in the same workspace and returns its final
 * answer as the result. The policy decides each call first (`Agent(name)` rules); the step's
 * delegations run together, with the parent's run slot given up meanwhile (`waitsForOtherRuns`).
 * A call that already started its subagent (a run resumed after Stop or a crash) starts
 * nothing again: it answers with what became of that subagent. Stop stops the subagents and
 * waits for them; the call then stays without a result, as a question does.
 * `chain` is the task's own subagent snapshot and its ancestors' (empty for a top-level task).
 */
export function createDelegateTool(deps: DelegationDeps, task: Task, chain: readonly SubagentSnapshot[], available: LoadedDefinitions): LoopTool {
  const depth = (chain[0]?.depth ?? 0) + 1;
  const mayName = (agent: string) => chain.every((level) => level.agents === null || level.agents.includes(agent));
  const listed = [...available.byName.entries()].filter(([name]) => mayName(name));
  const description = [
    'Delegate a self-contained piece of work to a subagent: it runs as its own task in this same workspace, with its own instructions and tools, and its final answer comes back as this tool’s result.',
    'Give it everything it needs in the prompt (it does not see this conversation). Several delegate calls in one step run at the same time.',
    `Subagents you can name:\n${listed.map(([name, { definition }]) => `- ${name}: ${definition.description}`).join('\n')}`,
  ].join('\n');

  return {
    definition: { name: 'delegate', description, inputSchema: toolInputSchema(delegateInput) },
    checked: true,
    waitsForOtherRuns: true,
    async run(args, context) {
      const parsed = delegateInput.safeParse(args);
      if (!parsed.success) {
        return result(true, `delegate needs a subagent and a prompt; nothing was started:\n${describeIssues(validationIssues(parsed.error), '(arguments)').map((line) => `- ${line}`).join('\n')}`);
      }
      const existing = deps.context.store.tasks.childForCall(task.id, context.callId);
      if (existing) return answerWhenEnded(deps, task, existing, parsed.data.agent, context, []);
      if (depth > maxSubagentDepth) return result(true, depthRefusal(depth - 1));
      const { agent, prompt } = parsed.data;
      if (!mayName(agent)) return result(true, `This subagent may only delegate to ${[...new Set(chain.flatMap((level) => level.agents ?? []))].join(', ')}; ${agent} is not one of them.`);

      const current = await deps.definitions(task.projectId);
      const found = current.byName.get(agent);
      if (!found) return result(true, unknownAgent(agent, current, mayName));
      const parent = deps.context.store.tasks.get(task.id) ?? task;
      const title = parsed.data.title ?? `${agent}: ${firstLine(prompt)}`;
      const started = await storeSubagentTask(deps, parent, depth, { callId: context.callId, title, prompt, definition: found.definition, source: found.source, decision: context.decision });
      if (!started.ok) return result(true, `The subagent ${agent} could not start: ${started.error.message}`);
      const { child, mode, model, notes } = started.data;
      void deps.context.events.publish('subagent.started', {
        projectId: task.projectId,
        taskId: task.id,
        pipelineId: task.pipelineId,
        callId: context.callId,
        childTaskId: child.id,
        agent,
        source: found.source,
        depth,
        mode,
        model,
        notes,
      });
      return answerWhenEnded(deps, task, child, agent, context, notes, prompt);
    },
  };
}

/**
 * Starts the subagent's run when `prompt` is given (a new delegation), waits until the run has
 * ended, and answers with its outcome. Stop: the subagent (and its own subagents) are stopped
 * and waited for, then the stop goes on (no result: a resumed parent learns what became of it).
 */
async function answerWhenEnded(deps: DelegationDeps, parent: Task, child: Task, agent: string, context: LoopToolContext, notes: readonly string[], prompt?: string): Promise<LoopToolOutcome> {
  const agents = deps.agents();
  const watch = runEnded(deps.context.events, child.id);
  try {
    if (prompt !== undefined) {
      const sent = await agents.send(child.id, prompt);
      if (!sent.ok) {
        agents.settle(child.id, 'failed', sent.error.message);
        return finished(deps, parent, child.id, agent, context, notes);
      }
    } else if (!agents.isRunning(child.id)) {
      return finished(deps, parent, child.id, agent, context, notes);
    }
    context.setStatus('running', deps.waiting.add(parent.id, context.callId, agent));
    const aborted = new Promise<'aborted'>((resolve) => {
      if (context.signal.aborted) resolve('aborted');
      context.signal.addEventListener('abort', () => resolve('aborted'), { once: true });
    });
    if ((await Promise.race([watch.ended, aborted])) === 'aborted') {
      if (agents.isRunning(child.id)) {
        agents.stop(child.id);
        await watch.ended;
      }
      deps.waiting.remove(parent.id, context.callId);
      throw context.signal.reason ?? new Error('Stopped.');
    }
    const reason = deps.waiting.remove(parent.id, context.callId);
    if (!context.signal.aborted) context.setStatus('running', reason);
    return finished(deps, parent, child.id, agent, context, notes);
  } finally {
    watch.dispose();
  }
}

function finished(deps: DelegationDeps, parent: Task, childId: string, agent: string, context: LoopToolContext, notes: readonly string[]): LoopToolOutcome {
  deps.flush();
  const child = deps.context.store.tasks.get(childId);
  if (!child) return result(true, `The subagent ${agent}'s task was deleted before it answered.`);
  const outcome = subagentOutcome(child, agent, deps.context.store.timeline.from(childId, 0));
  void deps.context.events.publish('subagent.finished', {
    projectId: parent.projectId,
    taskId: parent.id,
    pipelineId: parent.pipelineId,
    callId: context.callId,
    childTaskId: childId,
    agent,
    status: child.agent.status,
  });
  const text = notes.length > 0 ? `${outcome.text}\n\n(Braid: ${notes.join(' ')})` : outcome.text;
  return result(outcome.isError, text);
}

function unknownAgent(agent: string, loaded: LoadedDefinitions, mayName: (agent: string) => boolean): string {
  const broken = loaded.all.find((entry) => entry.view.name === agent && entry.view.error !== null);
  if (broken) return `The subagent ${agent} cannot be used: ${broken.view.path}: ${broken.view.error}`;
  const names = [...loaded.byName.keys()].filter(mayName);
  return `There is no subagent named ${agent}. ${names.length > 0 ? `Available: ${names.join(', ')}.` : 'None is defined.'}`;
}

function firstLine(text: string): string {
  const line = text.split('\n').find((candidate) => candidate.trim() !== '')?.trim() ?? '';
  return line.length > 60 ? `${line.slice(0, 59)}…` : line;
}

function result(isError: boolean, text: string): LoopToolOutcome {
  return { kind: 'result', isError, text };
}
