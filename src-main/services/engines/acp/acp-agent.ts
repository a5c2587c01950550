import * as acp from '@agentclientprotocol/sdk';
import type { z } from 'zod';
import type { CommandIsolation } from '../../sandbox/command-isolation';
import { AcpProcess, describeExit } from './acp-process';
import {
  describeWireProblem,
  initializeAnswerSchema,
  loadSessionAnswerSchema,
  newSessionAnswerSchema,
  promptAnswerSchema,
  type InitializeAnswer,
  type NewSessionAnswer,
  type PromptAnswer,
} from './acp-wire';
import { ndjsonChannel } from './ndjson-channel';

/** What Braid answers for the agent while a run is attached; requests between runs are refused. */
export interface AcpClientHandlers {
  update(notification: acp.SessionNotification): void;
  requestPermission(request: acp.RequestPermissionRequest, signal: AbortSignal): Promise<acp.RequestPermissionResponse>;
  readTextFile(request: acp.ReadTextFileRequest): Promise<acp.ReadTextFileResponse>;
  writeTextFile(request: acp.WriteTextFileRequest): Promise<acp.WriteTextFileResponse>;
  terminal?: AcpTerminalHandlers;
}

export interface AcpTerminalHandlers {
  create(request: acp.CreateTerminalRequest): Promise<acp.CreateTerminalResponse>;
  output(request: acp.TerminalOutputRequest): Promise<acp.TerminalOutputResponse>;
  waitForExit(request: acp.WaitForTerminalExitRequest, signal: AbortSignal): Promise<acp.WaitForTerminalExitResponse>;
  kill(request: acp.KillTerminalRequest): Promise<void>;
  release(request: acp.ReleaseTerminalRequest): Promise<void>;
}

export interface AcpAgentSpec {
  argv: readonly string[];
  cwd: string;
  env: Record<string, string>;
  isolation: CommandIsolation;
  /** "Claude Code", for messages. */
  label: string;
  /** Whether Braid can run the agent's commands in terminals (`terminal/*`). */
  terminals: boolean;
  clientVersion: string;
  killGraceMs?: number;
  timeouts?: Partial<typeof defaultTimeouts>;
}

const defaultTimeouts = { initializeMs: 60_000, sessionMs: 120_000, modeMs: 30_000 };

/** The agent cannot be used any more (it died, broke the protocol, or did not answer); the message says what it did. */
export class AgentFailure extends Error {
  override readonly name = 'AgentFailure';
}

/**
 * One external agent process spoken to over ACP v1: started, initialized (protocol version 1
 * required), sessions made or loaded, prompted, cancelled, stopped. Every answer is checked
 * (`acp-wire.ts`); a request fails with an `AgentFailure` that says what the agent did (exited
 * with its code and the end of its stderr, wrote garbage, did not answer in time) rather than
 * hanging. Requests from the agent go to the handlers of the run attached at the moment.
 */
export class AcpAgent {
  readonly process: AcpProcess;
  private readonly connection: acp.ClientConnection;
  private handlers: AcpClientHandlers | null = null;
  private broken: string | null = null;
  private readonly died: Promise<never>;
  private readonly timeouts: typeof defaultTimeouts;
  private replaying = false;
  info: InitializeAnswer | null = null;

  private constructor(private readonly spec: AcpAgentSpec) {
    this.timeouts = { ...defaultTimeouts, ...spec.timeouts };
    this.process = new AcpProcess(spec.isolation, { argv: spec.argv, cwd: spec.cwd, env: spec.env }, spec.killGraceMs ?? 3_000);
    const channel = ndjsonChannel(this.process.child.stdout, this.process.child.stdin, (trouble) => {
      this.broken ??= `${spec.label} does not speak ACP: ${trouble.message}.`;
      void this.process.stop();
    });
    this.died = this.process.exited.then((exit) => {
      const stray = channel.strayLines();
      const said = this.process.stderrTail();
      this.broken ??= [
        `${spec.label} ${describeExit(exit)}.`,
        said ? `It said: ${said}` : '',
        stray.length > 0 ? `Its output was not ACP: ${stray.map((line) => JSON.stringify(line)).join(', ')}.` : '',
      ]
        .filter(Boolean)
        .join(' ');
      throw new AgentFailure(this.broken);
    });
    this.died.catch(() => undefined);
    this.connection = this.clientApp().connect(channel);
  }

  /** Starts the agent and runs `initialize`; fails with what the agent did when it cannot be used. */
  static async start(spec: AcpAgentSpec, signal?: AbortSignal): Promise<AcpAgent> {
    const agent = new AcpAgent(spec);
    // Stop while a slow agent starts: it is stopped at once, not after its initialize.
    const undo = signal ? agent.stopOnAbort(signal) : () => undefined;
    try {
      const raw = await agent.request('initialize', {
        protocolVersion: acp.PROTOCOL_VERSION,
        // `terminal_output_delta`: Claude Code's and Codex's adapters then stream a command's output
        // and exit code on its call (`_meta.terminal_output_delta`, `_meta.terminal_exit`).
        clientCapabilities: { fs: { readTextFile: true, writeTextFile: true }, terminal: spec.terminals, _meta: { terminal_output_delta: true } },
        clientInfo: { name: 'braid', title: 'Braid', version: spec.clientVersion },
      }, agent.timeouts.initializeMs);
      const info = agent.check('initialize', initializeAnswerSchema, raw);
      if (info.protocolVersion !== acp.PROTOCOL_VERSION) {
        throw new AgentFailure(`${spec.label} speaks ACP version ${info.protocolVersion}; Braid speaks version ${acp.PROTOCOL_VERSION}.`);
      }
      agent.info = info;
      return agent;
    } catch (error) {
      await agent.stop();
      throw error;
    } finally {
      undo();
    }
  }

  /** Until the returned function is called, `signal` aborting stops the agent (and fails what it is asked). */
  stopOnAbort(signal: AbortSignal): () => void {
    const stop = () => void this.stop();
    if (signal.aborted) {
      stop();
      return () => undefined;
    }
    signal.addEventListener('abort', stop, { once: true });
    return () => signal.removeEventListener('abort', stop);
  }

  /** Why the agent cannot be used any more; null while it runs and speaks ACP. */
  get failure(): string | null {
    return this.broken;
  }

  get canLoadSessions(): boolean {
    return this.info?.agentCapabilities?.loadSession === true;
  }

  /** The run whose handlers answer the agent's requests, or null between runs. */
  attach(handlers: AcpClientHandlers | null): void {
    this.handlers = handlers;
  }

  async newSession(request: acp.NewSessionRequest): Promise<NewSessionAnswer> {
    return this.check('session/new', newSessionAnswerSchema, await this.request('session/new', request, this.timeouts.sessionMs));
  }

  /**
   * Restores a session the agent stored. The agent replays it as `session/update`s: Braid's
   * timeline already has them, so they are dropped, not recorded twice.
   */
  async loadSession(request: acp.LoadSessionRequest): Promise<z.infer<typeof loadSessionAnswerSchema>> {
    this.replaying = true;
    try {
      return this.check('session/load', loadSessionAnswerSchema, await this.request('session/load', request, this.timeouts.sessionMs));
    } finally {
      this.replaying = false;
    }
  }

  /** `authenticate` with one of the methods the agent offered (an API key it reads from its environment). */
  async authenticate(methodId: string): Promise<void> {
    await this.request('authenticate', { methodId }, this.timeouts.sessionMs);
  }

  async setMode(sessionId: string, modeId: string): Promise<void> {
    await this.request('session/set_mode', { sessionId, modeId }, this.timeouts.modeMs);
  }

  /** One prompt turn; resolves with its stop reason when the agent ends it (after `cancel` too). */
  async prompt(sessionId: string, prompt: acp.ContentBlock[]): Promise<PromptAnswer> {
    return this.check('session/prompt', promptAnswerSchema, await this.request('session/prompt', { sessionId, prompt }, null));
  }

  /** `session/cancel`: the agent stops what it does and ends the turn with `cancelled`. */
  cancel(sessionId: string): void {
    if (this.broken) return;
    void this.connection.agent.notify('session/cancel', { sessionId }).catch(() => undefined);
  }

  /** Ends the connection and stops the agent's whole process tree. */
  async stop(): Promise<void> {
    this.broken ??= `${this.spec.label} was stopped.`;
    this.handlers = null;
    this.connection.close();
    await this.process.stop();
  }

  private async request(method: string, params: unknown, timeoutMs: number | null): Promise<unknown> {
    if (this.broken) throw new AgentFailure(this.broken);
    let timer: NodeJS.Timeout | undefined;
    const timeout =
      timeoutMs === null
        ? null
        : new Promise<never>((_, reject) => {
            timer = setTimeout(() => reject(new AgentFailure(`${this.spec.label} did not answer ${method} within ${Math.round(timeoutMs / 1000)} s.${this.process.stderrTail() ? ` It said: ${this.process.stderrTail()}` : ''}`)), timeoutMs);
          });
    try {
      return await Promise.race([this.connection.agent.request(method, params), this.died, ...(timeout ? [timeout] : [])]);
    } catch (error) {
      if (error instanceof AgentFailure) {
        if (!this.broken) {
          // A request that timed out leaves the agent in an unknown state: it is not used again.
          this.broken = error.message;
          void this.process.stop();
        }
        throw error;
      }
      if (error instanceof acp.RequestError && !this.broken) throw new AgentRequestError(method, error);
      // The connection closed under the request: the agent died (its exit and stderr say how,
      // once the process is reaped) or broke the protocol.
      if (!this.broken) {
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([this.died.catch(() => undefined), new Promise((resolve) => (timer = setTimeout(resolve, 2_000)))]);
        clearTimeout(timer);
      }
      if (!this.broken) {
        this.broken = `${this.spec.label} stopped answering (${error instanceof Error ? error.message : String(error)}).`;
        void this.process.stop();
      }
      throw new AgentFailure(this.broken);
    } finally {
      clearTimeout(timer);
    }
  }

  private check<T>(method: string, schema: z.ZodType<T>, raw: unknown): T {
    const parsed = schema.safeParse(raw);
    if (parsed.success) return parsed.data;
    this.broken = `${this.spec.label} answered ${method} with something that is not ACP (${describeWireProblem(parsed.error)}).`;
    void this.process.stop();
    throw new AgentFailure(this.broken);
  }

  private clientApp(): acp.ClientApp {
    const current = () => {
      if (!this.handlers) throw new acp.RequestError(-32603, 'Braid is not running a turn of this session now.');
      return this.handlers;
    };
    const app = acp
      .client({ name: 'braid' })
      .onNotification('session/update', ({ params }) => {
        if (!this.replaying) this.handlers?.update(params);
      })
      .onRequest('session/request_permission', ({ params, signal }) => {
        // Nobody can answer between runs: the agent is told the request was cancelled.
        if (!this.handlers) return { outcome: { outcome: 'cancelled' } };
        return this.handlers.requestPermission(params, signal);
      })
      .onRequest('fs/read_text_file', ({ params }) => current().readTextFile(params))
      .onRequest('fs/write_text_file', ({ params }) => current().writeTextFile(params));
    if (!this.spec.terminals) return app;
    const terminal = () => {
      const handlers = current().terminal;
      if (!handlers) throw acp.RequestError.methodNotFound('terminal/create');
      return handlers;
    };
    return app
      .onRequest('terminal/create', ({ params }) => terminal().create(params))
      .onRequest('terminal/output', ({ params }) => terminal().output(params))
      .onRequest('terminal/wait_for_exit', ({ params, signal }) => terminal().waitForExit(params, signal))
      .onRequest('terminal/kill', async ({ params }) => {
        await terminal().kill(params);
        return {};
      })
      .onRequest('terminal/release', async ({ params }) => {
        await terminal().release(params);
        return {};
      });
  }
}

/** The agent refused a request (e.g. it needs a login); the agent stays usable. */
export class AgentRequestError extends Error {
  override readonly name = 'AgentRequestError';
  readonly code: number;

  constructor(method: string, error: acp.RequestError) {
    super(`${method} was refused: ${error.message}${describeData(error.data)}`);
    this.code = error.code;
  }
}

function describeData(data: unknown): string {
  if (data === undefined || data === null) return '';
  const text = typeof data === 'string' ? data : JSON.stringify(data);
  return text && text !== '{}' ? ` (${text.length > 300 ? `${text.slice(0, 300)}…` : text})` : '';
}
