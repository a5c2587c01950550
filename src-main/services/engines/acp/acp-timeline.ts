import { isAbsolute, relative, resolve, sep } from 'node:path';
import type { ContentBlock, SessionUpdate, ToolCallContent, ToolCallUpdate } from '@agentclientprotocol/sdk';
import type { TimelineEventBody } from '../../../../src-shared/contract';
import { braidToolOf, pathsInside, toolNameOf } from './acp-tool-call';

/** Caps on what one update may put into the timeline; an agent's text is stored, so it is bounded. */
export const acpLimits = {
  textChunkChars: 64 * 1024,
  titleChars: 300,
  nameChars: 100,
  argsJsonChars: 32 * 1024,
  resultChars: 16 * 1024,
  outputChars: 64 * 1024,
  diffChars: 256 * 1024,
  locations: 50,
  todos: 200,
} as const;

/** A call as the agent described it so far. */
interface CallState {
  callId: string;
  name: string;
  title: string;
  toolKind: string | null;
  locations: string[];
  argsJson: string;
  startedAt: number;
  /** What the call's output says so far (capped), and the text of its latest content. */
  output: string;
  lastText: string;
  diffs: Set<string>;
  /** The real paths inside the worktree it names: a file Braid writes for the agent meanwhile belongs to it. */
  paths: Set<string>;
  /** A command's exit code, when the agent reports it (`_meta.terminal_exit`). */
  exitCode?: number | null;
  ended: boolean;
  /** A call of Braid's own tools (`mcp__braid__…`). */
  braidTool: boolean;
  /** A call of Braid's own tools that an MCP request of the agent is being answered for. */
  claimed: boolean;
}

export interface AcpTimelineOptions {
  record(body: TimelineEventBody): void;
  /** The task's worktree: paths inside it are shown relative to it, as Braid's own tools show them. */
  worktree: string;
  now?(): number;
}

/**
 * One prompt turn of an external agent, folded into Braid's timeline as it streams: its messages
 * and thoughts (a new step whenever it speaks again after a tool call, as Braid's own agent does
 * after each model step), its tool calls with their titles, kinds, files, arguments, status,
 * output, diffs and results, and its plan as the todo list. Tool call ids are the agent's,
 * prefixed with the turn's first step, so two sessions reusing `call_1` never collide.
 */
export class AcpTimeline {
  private currentStep: number;
  private afterTool = false;
  private readonly calls = new Map<string, CallState>();
  private readonly now: () => number;

  constructor(
    private readonly options: AcpTimelineOptions,
    readonly firstStep: number,
  ) {
    this.currentStep = firstStep;
    this.now = options.now ?? Date.now;
  }

  /** The step the latest text or call belongs to. */
  get step(): number {
    return this.currentStep;
  }

  /** Braid's id of the agent's tool call `toolCallId` in this turn. */
  callIdOf(toolCallId: string): string {
    return `acp-${this.firstStep}-${toolCallId}`;
  }

  apply(update: SessionUpdate): void {
    switch (update.sessionUpdate) {
      case 'agent_message_chunk':
        this.speak('assistant_text', update.content);
        return;
      case 'agent_thought_chunk':
        this.speak('assistant_thought', update.content);
        return;
      case 'tool_call':
      case 'tool_call_update':
        this.describeCall(update);
        return;
      case 'plan':
        this.options.record({
          kind: 'todos',
          todos: update.entries.slice(0, acpLimits.todos).map((entry) => ({ content: cap(entry.content, acpLimits.titleChars), status: entry.status })),
        });
        return;
      default:
        // The echo of the prompt, commands, modes, session info and usage are not timeline facts
        // (usage is read by the run; see acp-run.ts).
        return;
    }
  }

  /**
   * The call as the agent describes it (a `tool_call`, an update, or the call a permission
   * request is about): recorded on first sight, then whatever changed. Returns Braid's call id.
   */
  describeCall(update: ToolCallUpdate & { sessionUpdate?: string }): string {
    const record = this.options.record;
    let call = this.calls.get(update.toolCallId);
    if (!call) {
      this.afterTool = true;
      const name = toolNameOf(update);
      call = {
        callId: this.callIdOf(update.toolCallId),
        // Braid's own tools under Braid's names (`ask_user`, `submit_plan`), so they show as Braid's agent's do.
        name: cap(braidToolOf(name) ?? name, acpLimits.nameChars),
        title: '',
        toolKind: null,
        locations: [],
        argsJson: '',
        startedAt: this.now(),
        output: '',
        lastText: '',
        diffs: new Set(),
        paths: new Set(),
        ended: false,
        braidTool: braidToolOf(name) !== null,
        claimed: false,
      };
      this.calls.set(update.toolCallId, call);
      record({ kind: 'tool_call', step: this.currentStep, callId: call.callId, name: call.name, args: boundedArgs(update.rawInput ?? {}).value });
      call.argsJson = boundedArgs(update.rawInput ?? {}).json;
    }
    this.describe(call, update);
    // Braid runs a call of its own tools and records its status and result itself.
    if (call.claimed) return call.callId;
    for (const path of pathsInside(update, this.options.worktree)) call.paths.add(path);
    for (const content of update.content ?? []) this.addContent(call, content);
    const terminal = terminalMetaOf(update);
    if (terminal.output) this.addOutput(call, terminal.output);
    if (terminal.exitCode !== undefined) call.exitCode = terminal.exitCode;
    const status = update.status;
    if (status === 'in_progress' && !call.ended) record({ kind: 'tool_status', callId: call.callId, status: 'running' });
    if ((status === 'completed' || status === 'failed') && !call.ended) this.end(call, status === 'failed', resultText(update));
    return call.callId;
  }

  /**
   * The call still going that names `path` (a real path in the worktree), newest first: the agent
   * asked to edit it and now has Braid write it (`fs/write_text_file`); the write is that call's.
   */
  openCallFor(path: string): string | null {
    for (const call of [...this.calls.values()].reverse()) if (!call.ended && call.paths.has(path)) return call.callId;
    return null;
  }

  /** Whether the call is one of Braid's own tools (served by Braid's MCP server, `loop-tools-server.ts`). */
  isBraidCall(callId: string): boolean {
    for (const call of this.calls.values()) if (call.callId === callId) return call.braidTool;
    return false;
  }

  /** Whether the agent's call is still going (no end reported). */
  isOpen(callId: string): boolean {
    for (const call of this.calls.values()) if (call.callId === callId) return !call.ended;
    return false;
  }

  /**
   * The agent's call that an MCP request for Braid's tool `tool` answers: the one with the id the
   * agent's client gave (`toolUseId`: Claude Code's), else the oldest still going that names the
   * tool (by name or title) and is not answered yet. Null when the agent reported no such call.
   */
  claimBraidCall(tool: string, toolUseId: string | null): string | null {
    const byId = toolUseId === null ? undefined : this.calls.get(toolUseId);
    const names = (call: CallState) => call.name === tool || call.title.includes(tool);
    const call = byId && !byId.claimed && !byId.ended ? byId : [...this.calls.values()].find((candidate) => !candidate.claimed && !candidate.ended && names(candidate));
    if (!call) return null;
    call.claimed = true;
    return call.callId;
  }

  /**
   * Braid answered the call itself (its own tool's result): recorded now, as Braid's own agent's
   * would be; what the agent later reports about its end is not recorded again.
   */
  endBraidCall(callId: string, isError: boolean, text: string, status: 'done' | 'error' | 'denied' | 'cancelled'): void {
    const call = [...this.calls.values()].find((candidate) => candidate.callId === callId);
    if (!call || call.ended) return;
    call.ended = true;
    this.options.record({ kind: 'tool_status', callId, status });
    this.options.record({ kind: 'tool_result', callId, isError, text, durationMs: this.now() - call.startedAt });
  }

  /** Braid did something for the agent (read or wrote a file, ran a command): its next words start a new step. */
  noteHostCall(): void {
    this.afterTool = true;
  }

  /** Braid's status for a call the agent named (an approval waits on it); unknown calls are ignored. */
  setStatus(callId: string, status: 'awaiting_approval' | 'running' | 'denied' | 'cancelled'): void {
    this.options.record({ kind: 'tool_status', callId, status });
  }

  /**
   * The turn ended: every call the agent never reported an end for gets one (cancelled, saying
   * so), so the conversation, the audit trail and the review see each call closed.
   */
  finish(reason: string): void {
    for (const call of this.calls.values()) {
      if (call.ended) continue;
      call.ended = true;
      this.options.record({ kind: 'tool_status', callId: call.callId, status: 'cancelled' });
      this.options.record({ kind: 'tool_result', callId: call.callId, isError: true, text: reason, durationMs: this.now() - call.startedAt });
    }
  }

  private speak(kind: 'assistant_text' | 'assistant_thought', content: ContentBlock): void {
    const text = textOf(content);
    if (text === '') return;
    if (this.afterTool) {
      this.currentStep++;
      this.afterTool = false;
    }
    this.options.record({ kind, step: this.currentStep, text: cap(text, acpLimits.textChunkChars) });
  }

  private describe(call: CallState, update: ToolCallUpdate): void {
    const title = update.title ? cap(update.title, acpLimits.titleChars) : call.title;
    const toolKind = update.kind ?? call.toolKind;
    const locations = update.locations ? update.locations.slice(0, acpLimits.locations).map((location) => this.shownPath(location.path)) : call.locations;
    const args = update.rawInput !== undefined && update.rawInput !== null ? boundedArgs(update.rawInput) : null;
    const argsChanged = args !== null && args.json !== call.argsJson;
    if (title === call.title && toolKind === call.toolKind && sameList(locations, call.locations) && !argsChanged) return;
    call.title = title || call.name;
    call.toolKind = toolKind;
    call.locations = locations;
    if (args) call.argsJson = args.json;
    this.options.record({
      kind: 'tool_info',
      callId: call.callId,
      title: call.title,
      toolKind,
      locations,
      ...(argsChanged ? { args: args.value } : {}),
    });
  }

  private addContent(call: CallState, content: ToolCallContent): void {
    if (content.type === 'diff') {
      const key = `${content.path}\u0000${content.newText.length}\u0000${content.newText.slice(0, 200)}`;
      if (call.diffs.has(key)) return;
      call.diffs.add(key);
      const oldText = content.oldText ?? null;
      const truncated = content.newText.length > acpLimits.diffChars || (oldText?.length ?? 0) > acpLimits.diffChars;
      this.options.record({
        kind: 'file_diff',
        callId: call.callId,
        path: this.shownPath(content.path),
        oldText: oldText === null ? null : oldText.slice(0, acpLimits.diffChars),
        newText: content.newText.slice(0, acpLimits.diffChars),
        truncated,
      });
      return;
    }
    if (content.type === 'terminal') return;
    const text = textOf(content.content);
    if (text === '' || text === call.lastText) return;
    // Content replaces the call's content on every update: what extends the last one is new.
    const added = text.startsWith(call.lastText) ? text.slice(call.lastText.length) : `${call.output === '' ? '' : '\n'}${text}`;
    call.lastText = text;
    this.addOutput(call, added);
  }

  /** Output of the call as it streams (capped), on its card. */
  private addOutput(call: CallState, added: string): void {
    const kept = added.slice(0, Math.max(0, acpLimits.outputChars - call.output.length));
    if (kept === '') return;
    call.output += kept;
    this.options.record({ kind: 'tool_output', callId: call.callId, chunk: kept });
  }

  private end(call: CallState, failed: boolean, result: string | null): void {
    call.ended = true;
    const said = cap(result ?? (call.output || (failed ? 'The agent reported that this call failed.' : 'Done.')), acpLimits.resultChars);
    // A command's exit code, as Braid's own run_command reports it (the review lists commands by it).
    const text = call.exitCode === undefined || call.exitCode === null ? said : `${said}\n[exit code ${call.exitCode}, reported by the agent]`;
    this.options.record({ kind: 'tool_status', callId: call.callId, status: failed ? 'error' : 'done' });
    this.options.record({ kind: 'tool_result', callId: call.callId, isError: failed, text, durationMs: this.now() - call.startedAt });
  }

  /** Inside the worktree: relative with `/`, as the review names files; outside: as the agent gave it. */
  private shownPath(path: string): string {
    const text = cap(path, 4096);
    if (!isAbsolute(text)) return text;
    const inside = relative(resolve(this.options.worktree), resolve(text));
    if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) return text;
    return inside.split(sep).join('/');
  }
}

/** What a content block says as text; other media are named, never stored. */
export function textOf(content: ContentBlock): string {
  switch (content.type) {
    case 'text':
      return content.text;
    case 'resource_link':
      return `[${content.title ?? content.name}](${content.uri})`;
    case 'resource':
      return 'text' in content.resource ? content.resource.text : `[${content.resource.uri}]`;
    case 'image':
      return '[image]';
    case 'audio':
      return '[audio]';
    default:
      return '';
  }
}

/** The terminal extension of Claude Code's and Codex's adapters: a command's output as it streams, and its exit. */
function terminalMetaOf(update: ToolCallUpdate): { output?: string; exitCode?: number | null } {
  const meta = update._meta as { terminal_output_delta?: { data?: unknown }; terminal_exit?: { exit_code?: unknown } } | null | undefined;
  const data = meta?.terminal_output_delta?.data;
  const exit = meta?.terminal_exit?.exit_code;
  return {
    ...(typeof data === 'string' && data !== '' ? { output: data } : {}),
    ...(typeof exit === 'number' && Number.isInteger(exit) ? { exitCode: exit } : exit === null ? { exitCode: null } : {}),
  };
}

function resultText(update: ToolCallUpdate): string | null {
  const raw = update.rawOutput;
  if (typeof raw === 'string' && raw !== '') return raw;
  if (raw !== undefined && raw !== null) {
    const json = JSON.stringify(raw);
    if (json && json !== '{}' && json !== 'null') return json;
  }
  const texts = (update.content ?? []).flatMap((content) => (content.type === 'content' ? [textOf(content.content)] : []));
  return texts.length > 0 ? texts.join('\n') : null;
}

/** The call's arguments as stored: as given when small, else a preview saying so. */
export function boundedArgs(raw: unknown): { value: unknown; json: string } {
  let json: string;
  try {
    json = JSON.stringify(raw) ?? 'null';
  } catch {
    return { value: { note: 'The agent’s arguments could not be read.' }, json: '' };
  }
  if (json.length <= acpLimits.argsJsonChars) return { value: raw, json };
  return { value: { note: `Arguments of ${json.length} characters, cut.`, preview: json.slice(0, 2000) }, json };
}

export function cap(text: string, chars: number): string {
  return text.length > chars ? `${text.slice(0, chars)}…` : text;
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((value, index) => value === b[index]);
}
