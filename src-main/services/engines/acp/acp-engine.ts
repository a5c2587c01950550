import type * as acp from '@agentclientprotocol/sdk';
import { ok, type Result, type Task, type TimelineEvent } from '../../../../src-shared/contract';
import type { RunOutcome } from '../../agents/agent-run';
import type { ExternalEngine, ExternalRun } from '../../agents/external-engine';
import type { EndedRun } from '../../agents/loop-tools';
import type { CommandIsolation } from '../../sandbox/command-isolation';
import { resolveEngineLaunch, type EngineLaunch } from '../detect-engines';
import { AcpAgent, AgentFailure, AgentRequestError } from './acp-agent';
import { AcpLoopToolCalls, loopToolsForAgent } from './acp-loop-tools';
import { roleBrief } from './acp-role-brief';
import { AcpRunHandlers } from './acp-run-handlers';
import { establishSession } from './acp-session';
import { createAcpTerminals, type CommandTerminals } from './acp-terminals';
import { AcpTimeline } from './acp-timeline';
import { braidToolsServer } from './acp-tool-call';
import type { PromptAnswer } from './acp-wire';
import { startLoopToolsServer, type LoopToolsServer } from './loop-tools-server';

export interface AcpEngineOptions {
  /** The environment agents inherit (PATH to find them, HOME for their logins, their API keys). */
  env: Record<string, string | undefined>;
  /** Agents run under the machine's command isolation, so their whole process tree can be stopped. */
  isolation: Promise<CommandIsolation>;
  /** The workspace's environment (`BRAID_PORT`, …; workspace setup): the agent's own commands see it too. */
  workspaceEnvironment?(task: Task): Promise<Record<string, string>>;
  /** The task's MCP servers, in ACP's shape, limited to the transports the agent takes. */
  mcpServers(task: Task, transports: { http: boolean; sse: boolean }): Promise<acp.McpServer[]>;
  /** Braid's terminals, for the agent's `terminal/*` requests; without them the capability is not offered. */
  terminals?: CommandTerminals;
  clientVersion: string;
  /** An agent kept between runs is stopped after this long without one (default 10 minutes). */
  idleMs?: number;
  /** After Stop, how long the agent has to end its turn (`session/cancel`) before it is killed. */
  cancelGraceMs?: number;
  killGraceMs?: number;
  timeouts?: { initializeMs?: number; sessionMs?: number; modeMs?: number };
  log?: (line: string) => void;
}

/** One task's agent process, kept between runs so a follow-up message does not start it again. */
interface LiveAgent {
  agent: AcpAgent;
  label: string;
  sessionId: string | null;
  /** The transcript to put before the next prompt (a new session continuing earlier work). */
  preamble: string | null;
  /** Braid's own tools for this agent (started with its first session, closed with the process). */
  tools: LoopToolsServer | null;
  /** The run Braid's tools answer for now. */
  route: AcpLoopToolCalls | null;
  /** The role's brief as last sent in the current session (sent again only when it changed). */
  briefed: string | null;
  idle?: NodeJS.Timeout;
}

const continueText = 'Continue from where you stopped.';

/**
 * External agents over ACP as a task's engine: one agent process per task, started on its first
 * run (found on PATH then), kept while the task is used and stopped with its whole process tree
 * after Stop, on delete, when idle, and when Braid quits. A run sends the messages waiting for
 * the agent as one prompt turn, then the next ones that arrived meanwhile, until none waits.
 */
export function createAcpEngine(options: AcpEngineOptions): ExternalEngine {
  const live = new Map<string, LiveAgent>();
  const idleMs = options.idleMs ?? 10 * 60_000;
  const cancelGraceMs = options.cancelGraceMs ?? 5_000;

  const launchOf = (task: Task): Result<EngineLaunch> => {
    if (task.engine.kind === 'braid') throw new Error('Braid’s own agent is not an external engine.');
    return resolveEngineLaunch(task.engine, options.env);
  };

  const release = async (taskId: string): Promise<void> => {
    const entry = live.get(taskId);
    if (!entry) return;
    live.delete(taskId);
    clearTimeout(entry.idle);
    await entry.agent.stop();
    await entry.tools?.close();
  };

  const startAgent = async (task: Task, launch: EngineLaunch, signal: AbortSignal): Promise<LiveAgent> => {
    const isolation = await options.isolation;
    const agent = await AcpAgent.start({
      argv: launch.argv,
      cwd: task.workspace.path,
      env: { ...definedOnly(options.env), ...(await options.workspaceEnvironment?.(task)), ...launch.env },
      isolation,
      label: launch.label,
      terminals: options.terminals !== undefined,
      clientVersion: options.clientVersion,
      killGraceMs: options.killGraceMs,
      timeouts: options.timeouts,
    }, signal);
    return { agent, label: launch.label, sessionId: null, preamble: null, tools: null, route: null, briefed: null };
  };

  const run = async (run: ExternalRun): Promise<RunOutcome> => {
    const { task } = run;
    const launch = launchOf(task);
    if (!launch.ok) return failed(run, launch.error.message, launch.error.code);
    let pending = pendingMessages(run.history);
    if (pending.length === 0) {
      // Resume after a stop, a crash or a limit: the agent is asked to go on.
      if (run.runStart !== 'resume') return { kind: 'done' };
      run.record({ kind: 'user_message', text: continueText });
      pending = [continueText];
    }
    const handlers = new AcpRunHandlers(run, task.workspace.path);
    const loopCalls = new AcpLoopToolCalls(run, handlers, run.loopTools);
    const terminals = options.terminals ? createAcpTerminals({ taskId: task.id, terminals: options.terminals, handlers, signal: run.signal }) : null;
    if (terminals) handlers.terminal = terminals;
    let entry = live.get(task.id);
    clearTimeout(entry?.idle);
    let turn: AcpTimeline | null = null;
    try {
      if (!entry || entry.agent.failure) {
        if (entry) await release(task.id);
        entry = await startAgent(task, launch.data, run.signal);
        live.set(task.id, entry);
      }
      const agent = entry.agent;
      // `/clear` since the live session began: a new session, knowing nothing from before.
      if (clearedSince(run.history, 'engine_session')) entry.sessionId = null;
      agent.attach(handlers);
      entry.route = loopCalls;
      if (!entry.sessionId) {
        const undo = agent.stopOnAbort(run.signal);
        const session = await establishSession({
          agent,
          task,
          history: run.history,
          mcpServers: await sessionServers(entry, run),
          preset: launch.data.preset,
          record: run.record,
          log: options.log,
        }).finally(undo);
        entry.sessionId = session.sessionId;
        entry.preamble = session.preamble;
        entry.briefed = null;
      }
      const brief = roleBrief(task, run.briefing);
      handlers.sessionId = entry.sessionId;
      let step = run.lastStep;
      while (pending.length > 0) {
        if (run.signal.aborted) break;
        turn = new AcpTimeline({ record: run.record, worktree: task.workspace.path }, step + 1);
        run.record({ kind: 'turn_started', step: turn.firstStep });
        handlers.turn = turn;
        const text = [brief === entry.briefed ? null : brief, entry.preamble, pending.join('\n\n')].filter((part): part is string => !!part).join('\n');
        entry.preamble = null;
        entry.briefed = brief;
        pending = [];
        const costBefore = handlers.usage.costUsd;
        const answer = await promptUntilStopped(entry, text, run.signal, cancelGraceMs);
        handlers.turn = null;
        step = turn.step;
        const stopped = run.signal.aborted;
        turn.finish(stopped ? 'Stopped by the user before the agent finished this call.' : 'The agent ended its turn without saying how this call ended.');
        turn = null;
        recordUsage(run, step, entry.label, answer, handlers, costBefore);
        run.record({ kind: 'turn_ended', step, stopReason: stopped ? 'cancelled' : answer.stopReason });
        if (stopped) break;
        // A plan or a review handed in (or too many invalid ones) ends the run once the turn is over.
        if (loopCalls.ended) return endedBy(run, loopCalls.ended.run);
        const outcome = outcomeOf(answer.stopReason, entry.label);
        if (outcome) return outcome;
        pending = run.takeMessages();
      }
      if (run.signal.aborted) {
        await release(task.id);
        return { kind: 'stopped' };
      }
      return { kind: 'done' };
    } catch (error) {
      if (turn) {
        turn.finish(run.signal.aborted ? 'Stopped by the user before the agent finished this call.' : 'The agent stopped before it finished this call.');
        // The turn is over either way: the agent was killed after Stop, or it died.
        run.record({ kind: 'turn_ended', step: turn.step, stopReason: run.signal.aborted ? 'cancelled' : 'agent_failed' });
      }
      await release(task.id);
      if (run.signal.aborted) return { kind: 'stopped' };
      // What was handed in stays handed in, even when the agent died after.
      if (loopCalls.ended) return endedBy(run, loopCalls.ended.run);
      if (error instanceof AgentFailure) return failed(run, error.message, 'AGENT_FAILED');
      if (error instanceof AgentRequestError) return failed(run, `${launch.data.label}: ${error.message}${error.code === -32000 ? ' Sign in to it once in a terminal, then Resume.' : ''}`, 'AGENT_FAILED');
      throw error;
    } finally {
      await terminals?.closeAll();
      const current = live.get(task.id);
      if (current) {
        current.agent.attach(null);
        if (current.route === loopCalls) current.route = null;
        current.idle = setTimeout(() => void release(task.id), idleMs);
        current.idle.unref();
      }
    }
  };

  /**
   * What a new session gets: Braid's own tools (over HTTP when the agent takes it, else through
   * the stdio bridge), then the task's MCP servers; a server of the user's with Braid's name is
   * left out (the agent keys servers by name).
   */
  const sessionServers = async (entry: LiveAgent, run: ExternalRun): Promise<acp.McpServer[]> => {
    const { task } = run;
    const capabilities = entry.agent.info?.agentCapabilities?.mcpCapabilities;
    entry.tools ??= await startLoopToolsServer({
      definitions: loopToolsForAgent(task.role, run.loopTools).map((tool) => tool.definition),
      route: () => entry.route,
      version: options.clientVersion,
      log: options.log,
    });
    const own = await options.mcpServers(task, { http: capabilities?.http === true, sse: capabilities?.sse === true });
    if (own.some((server) => server.name === braidToolsServer)) options.log?.(`[engines] MCP server ${braidToolsServer} of ${task.id} left out: Braid's own tools have that name`);
    return [entry.tools.acpConfig({ http: capabilities?.http === true }), ...own.filter((server) => server.name !== braidToolsServer)];
  };

  return {
    check: (task) => {
      const launch = launchOf(task);
      return launch.ok ? ok({ label: launch.data.label }) : launch;
    },
    run,
    release,
    async close() {
      await Promise.all([...live.keys()].map(release));
    },
  };
}

/** Whether the newest `context_cleared` comes after the newest event of `kind`. */
function clearedSince(history: readonly TimelineEvent[], kind: TimelineEvent['kind']): boolean {
  return history.findLastIndex((event) => event.kind === 'context_cleared') > history.findLastIndex((event) => event.kind === kind);
}

/** The user's messages the agent has not been sent yet: those after the last prompt turn began. */
export function pendingMessages(history: readonly TimelineEvent[]): string[] {
  const lastTurn = history.findLastIndex((event) => event.kind === 'turn_started');
  return history.slice(lastTurn + 1).flatMap((event) => (event.kind === 'user_message' ? [event.text] : []));
}

/** A prompt turn; Stop sends `session/cancel`, and kills the agent if it has not ended the turn after the grace period. */
async function promptUntilStopped(entry: LiveAgent, text: string, signal: AbortSignal, cancelGraceMs: number): Promise<PromptAnswer> {
  const sessionId = entry.sessionId!;
  let timer: NodeJS.Timeout | undefined;
  const onAbort = () => {
    entry.agent.cancel(sessionId);
    timer = setTimeout(() => void entry.agent.stop(), cancelGraceMs);
  };
  if (signal.aborted) onAbort();
  else signal.addEventListener('abort', onAbort, { once: true });
  try {
    return await entry.agent.prompt(sessionId, [{ type: 'text', text }]);
  } finally {
    signal.removeEventListener('abort', onAbort);
    clearTimeout(timer);
  }
}

/** How the run ends after a turn with this stop reason; null: the run goes on (more messages may wait). */
function outcomeOf(stopReason: string, label: string): RunOutcome | null {
  switch (stopReason) {
    case 'end_turn':
      return null;
    case 'cancelled':
      return { kind: 'stopped' };
    case 'refusal':
      return { kind: 'failed', reason: `${label} refused to go on with this request.`, code: 'AGENT_FAILED' };
    case 'max_tokens':
      return { kind: 'paused', reason: `${label} reached its token limit for this turn. Send a message or Resume to let it go on.` };
    case 'max_turn_requests':
      return { kind: 'paused', reason: `${label} reached its limit of model requests for one turn. Send a message or Resume to let it go on.` };
    default:
      // A stop reason newer than ACP v1: the turn ended; the run goes on like after end_turn.
      return null;
  }
}

/** Tokens from the prompt's answer, cost as the growth of the session's cost during the turn. */
function recordUsage(run: ExternalRun, step: number, label: string, answer: PromptAnswer, handlers: AcpRunHandlers, costBefore: number | null): void {
  const costNow = handlers.usage.costUsd;
  const cost = costNow === null ? null : costBefore !== null && costNow >= costBefore ? costNow - costBefore : costNow;
  const tokens = answer.usage;
  if (!tokens && cost === null) return;
  const input = tokens?.inputTokens ?? 0;
  const output = tokens?.outputTokens ?? 0;
  const cached = tokens?.cachedReadTokens ?? 0;
  run.record({ kind: 'usage', step, model: label, inputTokens: input, outputTokens: output, cachedTokens: cached, costUsd: cost });
  run.recordUsage({ input, output, cached, costUsd: cost, context: handlers.usage.used ?? input + output });
}

/** How a run that one of Braid's tools ended ends, as Braid's own loop ends it (a failure with its error card). */
function endedBy(run: ExternalRun, ended: EndedRun): RunOutcome {
  if (ended.kind === 'failed') return failed(run, ended.reason, ended.code);
  return ended;
}

function failed(run: ExternalRun, message: string, code: string): RunOutcome {
  run.record({ kind: 'error', message, code, retryable: true });
  return { kind: 'failed', reason: message, code };
}

function definedOnly(env: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined));
}
