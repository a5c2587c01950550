import type { LanguageModel } from 'ai';
import type { Task, TaskStatus, TimelineEventBody } from '../../../src-shared/contract';
import type { ResponseFacts } from '../models';
import type { Conversation, PendingToolCall } from './conversation';
import type { EndedRun, LoopTool } from './loop-tools';
import { runModelStep, type StepResult, type StepUsage } from './model-step';
import type { PermissionDecision, PermissionPolicy } from './permission-policy';
import { withRetries, type RetryClassification } from './retry';
import { isOfferedTo, refusalFor } from './role-tools';
import type { AgentToolset, ToolDefinition } from './toolset';

export interface ResolvedModel {
  model: LanguageModel;
  ref: string;
  promptCaching: boolean;
  contextWindow: number;
  costOf(usage: StepUsage): number | null;
  /** What the endpoint last answered, for naming it when an answer is unusable. */
  lastResponse?(): ResponseFacts | undefined;
}

export interface ApprovalDecision {
  approved: boolean;
  reason: string | null;
  /** "Always allow in this project": the rule saved with the approval. */
  savedRule?: string | null;
}

/** Everything one run needs, passed in so tests build it from real parts. */
export interface AgentRunDeps {
  task: Task;
  system: string;
  model: ResolvedModel;
  toolset: AgentToolset;
  /** Tools the loop handles itself (`ask_user`, `submit_plan`, `delegate`), offered when the task's role gets them. */
  loopTools: readonly LoopTool[];
  /** Narrows what the role offers (a subagent's own tool list); a call to anything else is refused with its words. */
  toolAccess?: ToolAccess;
  /** Runs `work` without holding the task's run slot (calls that wait for other runs: its subagents'). Default: just runs it. */
  waitOutsideSlot?<T>(work: () => Promise<T>): Promise<T>;
  policy: PermissionPolicy;
  /**
   * After a call that succeeded: what it brings into the conversation (the rules of a path the
   * agent touched for the first time, `rules/`), recorded after its result.
   */
  afterToolCall?(call: { name: string; args: unknown }): Promise<TimelineEventBody | null>;
  /** Told every decision of the policy, before anything else happens to the call (the audit trail records it). */
  permissionDecided?(call: { callId: string; name: string; args: unknown }, decision: PermissionDecision): void;
  /** The stored timeline so far (the run continues from it). */
  history: Conversation;
  record(body: TimelineEventBody): void;
  setStatus(status: TaskStatus, reason: string | null): void;
  recordStep(usage: StepUsage, cost: number | null): void;
  /** Current totals, read fresh for the limit checks. */
  limits(): { steps: number; maxSteps: number; costUsd: number | null; maxCostUsd: number | null };
  /** Waits for the user's answer to the approval of `call` (Stop ends the wait). */
  waitForApproval(call: { callId: string; name: string; args: unknown }, signal: AbortSignal): Promise<ApprovalDecision>;
  classifyError(error: unknown): RetryClassification;
  compact(conversation: Conversation, signal: AbortSignal): Promise<void>;
  retry: { maxAttempts: number; baseDelayMs: number; maxDelayMs: number };
  signal: AbortSignal;
}

/** Which of the role's tools a task may use, and what the model is told about another (`subagents/subagent-access.ts`). */
export interface ToolAccess {
  offers(tool: string): boolean;
  refusal(tool: string): string;
  /** Names the limit in the audit trail (`tools of subagent reviewer`). */
  rule: string;
}

export type RunOutcome =
  /** `reason` when a loop tool ended the run with something handed in ("Review v2: correct, no findings"). */
  | { kind: 'done'; reason?: string }
  | { kind: 'stopped' }
  | { kind: 'paused'; reason: string }
  | { kind: 'failed'; reason: string; code: string }
  /** A plan was submitted: the run ends at the gate, waiting for the user's decision. */
  | { kind: 'plan_review'; reason: string };

/**
 * The agent loop, one model step at a time: resolve pending tool calls (permission check,
 * approval, run), check limits, compact near the window, ask the model, repeat until it
 * answers without tool calls and nobody wrote in the meantime.
 */
export async function runAgent(deps: AgentRunDeps): Promise<RunOutcome> {
  const conversation = deps.history;
  const record = (body: TimelineEventBody) => {
    deps.record(body);
    conversation.add(body);
  };
  try {
    // Resolved once per run: the set of tools does not change mid-run.
    const tools = await offeredTools(deps);
    const toolDefinitions = [...tools.values()].map((tool) => tool.definition);
    let needsCompaction = false;
    for (;;) {
      if (deps.signal.aborted) return { kind: 'stopped' };
      const pending = conversation.pendingToolCalls();
      if (pending.length > 0) {
        const ended = await resolvePendingCalls(deps, record, pending, tools);
        if (ended) return ended;
        continue;
      }
      if (!conversation.readyForModel()) return { kind: 'done' };

      const limits = deps.limits();
      if (limits.steps >= limits.maxSteps) return { kind: 'paused', reason: `Step limit reached (${limits.maxSteps} steps). Continue to allow ${limits.maxSteps} more.` };
      if (limits.maxCostUsd !== null && limits.costUsd !== null && limits.costUsd >= limits.maxCostUsd) {
        return { kind: 'paused', reason: `Cost limit reached ($${limits.costUsd.toFixed(2)} of $${limits.maxCostUsd.toFixed(2)}). Continue to allow as much again.` };
      }

      if (needsCompaction) {
        needsCompaction = false;
        await deps.compact(conversation, deps.signal);
        if (!conversation.readyForModel()) return { kind: 'done' };
      }

      const step = conversation.step + 1;
      let said = false;
      const result = await withRetries(
        () =>
          runModelStep({
            model: deps.model.model,
            promptCaching: deps.model.promptCaching,
            system: deps.system,
            messages: conversation.messages,
            tools: toolDefinitions,
            signal: deps.signal,
            onText: (text) => {
              said = true;
              record({ kind: 'assistant_text', step, text });
            },
            lastResponse: deps.model.lastResponse,
          }),
        {
          ...deps.retry,
          signal: deps.signal,
          classify: deps.classifyError,
          onRetry: ({ attempt, delayMs, error }) => record({ kind: 'retry', attempt, delayMs, message: describeError(error) }),
        },
      ).catch((error: unknown) => {
        if (deps.signal.aborted) throw error;
        return { failed: error } as const;
      });
      if ('failed' in result) {
        const message = describeError(result.failed);
        record({ kind: 'error', message, code: 'PROVIDER_ERROR', retryable: true });
        return { kind: 'failed', reason: message, code: 'PROVIDER_ERROR' };
      }
      recordStepResult(deps, record, step, result);
      // The model ended its turn without a word (some do after a tool result): the turn is over.
      // It leaves nothing in the conversation, so asking again would only repeat the request.
      if (!said && result.toolCalls.length === 0) return { kind: 'done' };
      // Compacted before the next request, once this step's tool calls have their results.
      needsCompaction = shouldCompact(deps, result.usage);
    }
  } catch (error) {
    if (deps.signal.aborted) return { kind: 'stopped' };
    throw error;
  }

}

function shouldCompact(deps: AgentRunDeps, usage: StepUsage): boolean {
  const context = usage.input + usage.output;
  return deps.model.contextWindow > 0 && context >= deps.model.contextWindow * compactionThreshold;
}

/** Compact when the context passes this share of the model's window. */
export const compactionThreshold = 0.85;

function recordStepResult(deps: AgentRunDeps, record: (body: TimelineEventBody) => void, step: number, result: StepResult): void {
  for (const call of result.toolCalls) record({ kind: 'tool_call', step, callId: call.callId, name: call.name, args: call.args });
  const cost = deps.model.costOf(result.usage);
  record({
    kind: 'usage',
    step,
    model: deps.model.ref,
    inputTokens: result.usage.input,
    outputTokens: result.usage.output,
    cachedTokens: result.usage.cached,
    costUsd: cost,
  });
  deps.recordStep(result.usage, cost);
}

/** A tool the run offers: a workspace or MCP tool the toolset runs, or one the loop handles itself. */
interface OfferedTool {
  definition: ToolDefinition;
  loop: LoopTool | null;
}

/** What the model is offered: the toolset's tools and the loop's, those the task's role gets (and its tool list, for a subagent). */
async function offeredTools(deps: AgentRunDeps): Promise<Map<string, OfferedTool>> {
  const offered = new Map<string, OfferedTool>();
  for (const definition of await deps.toolset.definitions()) offered.set(definition.name, { definition, loop: null });
  for (const loop of deps.loopTools) offered.set(loop.definition.name, { definition: loop.definition, loop });
  for (const name of offered.keys()) if (!isOfferedTo(deps.task.role, name) || (deps.toolAccess && !deps.toolAccess.offers(name))) offered.delete(name);
  return offered;
}

type RecordEvent = (body: TimelineEventBody) => void;

/**
 * Resolves a step's calls in order, except those of tools that wait for other runs
 * (`delegate`): those are authorised in order with the rest, then run together, outside the
 * task's run slot. Returns how the run ends when a call ended it (a plan submitted), else null.
 */
async function resolvePendingCalls(deps: AgentRunDeps, record: RecordEvent, pending: readonly PendingToolCall[], tools: ReadonlyMap<string, OfferedTool>): Promise<EndedRun | null> {
  const together: { call: PendingToolCall; run: () => Promise<unknown> }[] = [];
  for (const [index, call] of pending.entries()) {
    if (deps.signal.aborted) break;
    const tool = tools.get(call.name);
    const authorised = await authorise(deps, record, call, tool);
    if (!authorised || !tool) continue;
    if (tool.loop?.waitsForOtherRuns) {
      together.push({ call, run: () => runCall(deps, record, call, tool, authorised) });
      continue;
    }
    const ended = await runCall(deps, record, call, tool, authorised);
    if (ended) {
      // The run ends here: the step's later calls never run (nor those waiting to run together), and each says so to the model.
      const skipped = [...together.map((entry) => entry.call), ...pending.slice(index + 1)];
      for (const other of skipped) {
        record({ kind: 'tool_status', callId: other.callId, status: 'cancelled' });
        record({ kind: 'tool_result', callId: other.callId, isError: true, text: `Not run: ${call.name} ended the run before this call.`, durationMs: 0 });
      }
      if (ended.kind === 'failed') record({ kind: 'error', message: ended.reason, code: ended.code, retryable: true });
      return ended;
    }
  }
  if (together.length > 0 && !deps.signal.aborted) {
    const runAll = async () => {
      const settled = await Promise.allSettled(together.map((entry) => entry.run()));
      const failed = settled.find((result): result is PromiseRejectedResult => result.status === 'rejected');
      if (failed) throw failed.reason;
    };
    await (deps.waitOutsideSlot ? deps.waitOutsideSlot(runAll) : runAll());
  }
  return null;
}

/** Records a call's status and result; its duration counts from `restart` (after an approval, the wait for the user is not counted). */
function callFinisher(record: RecordEvent, call: PendingToolCall) {
  let started = Date.now();
  return {
    restart: () => (started = Date.now()),
    finish: (isError: boolean, text: string, status: 'done' | 'error' | 'denied' | 'cancelled'): null => {
      record({ kind: 'tool_status', callId: call.callId, status });
      record({ kind: 'tool_result', callId: call.callId, isError, text, durationMs: Date.now() - started });
      return null;
    },
  };
}

interface Authorised {
  decision: PermissionDecision | null;
  finisher: ReturnType<typeof callFinisher>;
}

/**
 * Whether the call may run: refused when the task was not offered the tool, else decided by the
 * policy (asking the user when it says so), except loop tools that are not `checked`. Null: it
 * was refused and its result recorded.
 */
async function authorise(deps: AgentRunDeps, record: RecordEvent, call: PendingToolCall, tool: OfferedTool | undefined): Promise<Authorised | null> {
  const finisher = callFinisher(record, call);
  // Not offered to this task (a planning task's edit, a tool outside a subagent's list): refused before the policy or the tool sees it.
  if (!tool) {
    const byRole = !isOfferedTo(deps.task.role, call.name) || !deps.toolAccess;
    const reason = byRole ? refusalFor(deps.task.role, call.name) : deps.toolAccess!.refusal(call.name);
    deps.permissionDecided?.(call, { kind: 'deny', rule: byRole ? `tools of the ${deps.task.role} role` : deps.toolAccess!.rule, reason });
    finisher.finish(true, `Permission denied: ${reason}`, 'denied');
    return null;
  }
  if (tool.loop && !tool.loop.checked) return { decision: null, finisher };
  const decision = await deps.policy.check({ tool: call.name, args: call.args, role: deps.task.role, task: deps.task });
  deps.permissionDecided?.(call, decision);
  const source = decision.source ?? null;
  // The card shows which rule decided: a call that did not ask says so on its own.
  if (decision.kind !== 'ask') record({ kind: 'permission', callId: call.callId, decision: decision.kind, rule: decision.rule, source });
  if (decision.kind === 'deny') {
    finisher.finish(true, `Permission denied (${decision.rule}): ${decision.reason}`, 'denied');
    return null;
  }
  if (decision.kind === 'ask') {
    record({ kind: 'tool_status', callId: call.callId, status: 'awaiting_approval' });
    record({ kind: 'approval_request', callId: call.callId, name: call.name, args: call.args, reason: decision.reason, rule: decision.rule, source, suggestedRule: decision.suggestedRule ?? null });
    deps.setStatus('needs_approval', `Approve ${call.name}?`);
    const answer = await deps.waitForApproval(call, deps.signal);
    record({ kind: 'approval_decision', callId: call.callId, approved: answer.approved, reason: answer.reason, savedRule: answer.savedRule ?? null });
    finisher.restart();
    deps.setStatus('running', null);
    if (!answer.approved) {
      finisher.finish(true, `The user denied this call${answer.reason ? `: ${answer.reason}` : '.'}`, 'denied');
      return null;
    }
  }
  return { decision, finisher };
}

/** Runs an authorised call; returns how the run ends when the call ended it (a plan submitted), else null. */
async function runCall(deps: AgentRunDeps, record: RecordEvent, call: PendingToolCall, tool: OfferedTool, { decision, finisher }: Authorised): Promise<EndedRun | null> {
  const { finish } = finisher;
  record({ kind: 'tool_status', callId: call.callId, status: 'running' });
  if (tool.loop) {
    const outcome = await tool.loop.run(call.args, { callId: call.callId, signal: deps.signal, record, setStatus: deps.setStatus, ...(decision ? { decision } : {}) });
    finish(outcome.isError, outcome.text, outcome.isError ? 'error' : 'done');
    return outcome.kind === 'end' ? outcome.run : null;
  }
  const outcome = await deps.toolset.call(call.name, call.args, {
    callId: call.callId,
    signal: deps.signal,
    onOutput: (chunk) => record({ kind: 'tool_output', callId: call.callId, chunk }),
  });
  if (deps.signal.aborted) return finish(true, 'Stopped by the user before the tool finished.', 'cancelled');
  finish(outcome.isError, outcome.text, outcome.isError ? 'error' : 'done');
  if (!outcome.isError && deps.afterToolCall) {
    const brought = await deps.afterToolCall(call);
    if (brought) record(brought);
  }
  return null;
}

/** Words for the task's error card: the provider's message, its status, never a stack. */
export function describeError(error: unknown): string {
  if (error && typeof error === 'object') {
    const e = error as { message?: unknown; statusCode?: unknown; name?: unknown };
    const status = typeof e.statusCode === 'number' ? ` (HTTP ${e.statusCode})` : '';
    if (typeof e.message === 'string' && e.message) return `${e.message}${status}`;
    if (typeof e.name === 'string') return `${e.name}${status}`;
  }
  return String(error);
}
