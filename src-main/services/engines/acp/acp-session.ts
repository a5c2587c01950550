import type * as acp from '@agentclientprotocol/sdk';
import type { Task, TimelineEvent, TimelineEventBody } from '../../../../src-shared/contract';
import type { AcpPreset } from '../engine-presets';
import { AgentRequestError, type AcpAgent } from './acp-agent';
import { transcriptOf, transcriptPreamble } from './acp-transcript';

/** A session ready for prompts; `preamble` goes before the first prompt (the transcript of a session that could not be loaded). */
export interface EstablishedSession {
  sessionId: string;
  preamble: string | null;
}

export interface SessionSetup {
  agent: AcpAgent;
  task: Task;
  /** The stored timeline; the newest `engine_session` is the session to load. */
  history: readonly TimelineEvent[];
  mcpServers: acp.McpServer[];
  preset: AcpPreset | null;
  record(body: TimelineEventBody): void;
  log?(line: string): void;
}

/**
 * The session a run prompts: the task's earlier session restored by the agent (`session/load`,
 * when it advertises `loadSession`), else a new one; a new one that continues earlier work is
 * given Braid's transcript of it. Recorded as an `engine_session` event. Then the mode in which
 * the agent asks Braid before edits and commands is set (a planning task's: the plan mode), so
 * Braid's permission rules decide every call.
 */
export async function establishSession(setup: SessionSetup): Promise<EstablishedSession> {
  const { agent, task } = setup;
  const meta = setup.preset?.sessionMeta;
  const base = { cwd: task.workspace.path, mcpServers: setup.mcpServers, ...(meta ? { _meta: meta } : {}) };
  // `/clear`: what came before the newest clear is not this session's to know.
  const history = setup.history.slice(setup.history.findLastIndex((event) => event.kind === 'context_cleared') + 1);
  const stored = history.findLast((event) => event.kind === 'engine_session');
  const agentName = agent.info?.agentInfo?.name ?? 'agent';
  const version = agent.info?.agentInfo?.version ?? null;
  const loadable = agent.canLoadSessions;
  let modes: { currentModeId: string; availableModes: { id: string }[] } | null | undefined;
  let established: EstablishedSession | undefined;

  if (stored?.kind === 'engine_session' && stored.loadable && loadable) {
    try {
      const loaded = await withSignIn(setup, () => agent.loadSession({ ...base, sessionId: stored.sessionId }));
      modes = loaded?.modes;
      established = { sessionId: stored.sessionId, preamble: null };
      setup.record({ kind: 'engine_session', sessionId: stored.sessionId, how: 'loaded', agent: agentName, version, loadable });
    } catch (error) {
      // The agent no longer has it (deleted, another machine): a new session continues from the transcript.
      if (!(error instanceof AgentRequestError)) throw error;
      setup.log?.(`[engines] ${task.id}: session/load of ${stored.sessionId} refused (${error.message}); continuing from the transcript`);
    }
  }
  if (!established) {
    const created = await withSignIn(setup, () => agent.newSession(base));
    modes = created.modes;
    const transcript = earlierTranscript(history);
    established = { sessionId: created.sessionId, preamble: transcript ? transcriptPreamble(transcript) : null };
    setup.record({ kind: 'engine_session', sessionId: created.sessionId, how: transcript ? 'transcript' : 'new', agent: agentName, version, loadable });
  }
  await setAskingMode(setup, established.sessionId, modes);
  return established;
}

/** ACP's "authentication required". */
const authRequired = -32000;

/**
 * An agent that wants to be signed in first (Codex's adapter, even with `OPENAI_API_KEY` set) is
 * signed in with the API-key method it offers, which reads the key from its environment, and
 * asked again once. Logins that need a browser or a terminal are the user's to do: the error says so.
 */
async function withSignIn<T>(setup: SessionSetup, request: () => Promise<T>): Promise<T> {
  try {
    return await request();
  } catch (error) {
    if (!(error instanceof AgentRequestError) || error.code !== authRequired) throw error;
    const method = setup.agent.info?.authMethods?.find((candidate) => /api[-_ ]?key/i.test(candidate.id));
    if (!method) throw error;
    setup.log?.(`[engines] ${setup.task.id}: signing in with ${method.id}`);
    await setup.agent.authenticate(method.id);
    return request();
  }
}

/** The conversation before the messages still waiting for delivery (those become the prompt itself); null when nothing was ever prompted. */
function earlierTranscript(history: readonly TimelineEvent[]): string | null {
  const lastTurn = history.findLastIndex((event) => event.kind === 'turn_started');
  if (lastTurn === -1) return null;
  const firstPending = history.findIndex((event, index) => index > lastTurn && event.kind === 'user_message');
  return transcriptOf(firstPending === -1 ? history : history.slice(0, firstPending));
}

async function setAskingMode(setup: SessionSetup, sessionId: string, modes: { currentModeId: string; availableModes: { id: string }[] } | null | undefined): Promise<void> {
  if (!setup.preset || !modes) return;
  const planning = setup.task.role === 'plan' || setup.task.agent.mode.mode === 'plan';
  const wanted = (planning ? setup.preset.modes.plan : setup.preset.modes.ask).find((id) => modes.availableModes.some((mode) => mode.id === id));
  if (!wanted || wanted === modes.currentModeId) return;
  try {
    await setup.agent.setMode(sessionId, wanted);
  } catch (error) {
    if (!(error instanceof AgentRequestError)) throw error;
    setup.log?.(`[engines] ${setup.task.id}: session/set_mode ${wanted} refused: ${error.message}`);
  }
}
