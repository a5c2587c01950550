import { relative } from 'node:path';
import * as acp from '@agentclientprotocol/sdk';
import type { PermissionDecision } from '../../agents/permission-policy';
import type { ExternalRun } from '../../agents/external-engine';
import { resolveInsideWorkspace } from '../../paths/confine-path';
import type { AcpClientHandlers, AcpTerminalHandlers } from './acp-agent';
import { readWorktreeText, writeWorktreeText } from './acp-files';
import { combineDecisions, optionFor, permissionSubjects, type PermissionSubject } from './acp-permissions';
import { pathsInside } from './acp-tool-call';
import type { AcpTimeline } from './acp-timeline';

/** A call Braid checks against its rules: one the agent asked about, or one it asks Braid to do (a file, a command). */
export interface GuardedCall {
  callId: string;
  /** The subjects the rules decide (one per path the call touches). */
  subjects: PermissionSubject[];
  /** Approved earlier in this run (the agent asked, the user said yes): no second card for the same thing. */
  approvedBefore?: boolean;
}

/** How Braid decided a call: go ahead, refused (with why), or nobody will answer (the run stopped). */
export type Verdict = { kind: 'allowed' } | { kind: 'refused'; reason: string } | { kind: 'stopped' };

/** How the run's costs and context stand, as the agent reported them (`usage_update`). */
export interface ReportedUsage {
  used: number | null;
  size: number | null;
  /** The session's cost so far in USD, when the agent reports it. */
  costUsd: number | null;
}

/**
 * Braid's side of one run of an external agent: its `session/update`s go to the current turn's
 * timeline, its permission requests through Braid's rules and approval cards, its file reads and
 * writes to the worktree (confined, checked by the same rules, recorded as calls so the review,
 * provenance and audit see them), its terminals to Braid's terminals when there are any.
 */
export class AcpRunHandlers implements AcpClientHandlers {
  turn: AcpTimeline | null = null;
  sessionId: string | null = null;
  readonly usage: ReportedUsage = { used: null, size: null, costUsd: null };
  terminal?: AcpTerminalHandlers;
  private readonly approvedPaths = new Set<string>();
  /** The agent's calls of kind `execute` Braid allowed in this run, oldest first: a terminal it then opens runs for one of them. */
  private readonly approvedCommandCalls: string[] = [];
  private hostCalls = 0;

  constructor(
    private readonly run: ExternalRun,
    private readonly worktree: string,
  ) {}

  update(notification: acp.SessionNotification): void {
    // Another session (a subagent's) is not this task's conversation.
    if (this.sessionId !== null && notification.sessionId !== this.sessionId) return;
    const { update } = notification;
    if (update.sessionUpdate === 'usage_update') {
      this.usage.used = update.used;
      this.usage.size = update.size;
      if (update.cost && update.cost.currency.toUpperCase() === 'USD' && Number.isFinite(update.cost.amount)) this.usage.costUsd = update.cost.amount;
      if (update.size > 0) this.run.setContext(update.used, update.size);
      return;
    }
    this.turn?.apply(update);
  }

  async requestPermission(request: acp.RequestPermissionRequest, signal: AbortSignal): Promise<acp.RequestPermissionResponse> {
    const turn = this.turn;
    if (!turn || request.sessionId !== this.sessionId) return { outcome: { outcome: 'cancelled' } };
    const callId = turn.describeCall(request.toolCall);
    // Braid's own tools are decided when their call reaches Braid's server, as its own agent's loop decides them.
    if (turn.isBraidCall(callId)) {
      const optionId = optionFor(request.options, true);
      return optionId === null ? { outcome: { outcome: 'cancelled' } } : { outcome: { outcome: 'selected', optionId } };
    }
    const subjects = permissionSubjects(request.toolCall, this.worktree);
    const verdict = await this.guard({ callId, subjects }, signal);
    if (verdict.kind === 'stopped') return { outcome: { outcome: 'cancelled' } };
    const allowed = verdict.kind === 'allowed';
    if (allowed) {
      for (const path of pathsInside(request.toolCall, this.worktree)) this.approvedPaths.add(path);
      if (subjects.some((subject) => 'tool' in subject && subject.tool === 'run_command')) this.approvedCommandCalls.push(callId);
    } else {
      turn.setStatus(callId, 'denied');
    }
    const optionId = optionFor(request.options, allowed);
    return optionId === null ? { outcome: { outcome: 'cancelled' } } : { outcome: { outcome: 'selected', optionId } };
  }

  async readTextFile(request: acp.ReadTextFileRequest): Promise<acp.ReadTextFileResponse> {
    const call = this.hostCall('read_file', { path: this.shown(request.path), ...(request.line ? { line: request.line } : {}), ...(request.limit ? { limit: request.limit } : {}) });
    const verdict = await this.guardPath(call, 'read_file', request.path, false);
    if (verdict.kind !== 'allowed') throw this.refusal(call, verdict);
    const read = await readWorktreeText(this.worktree, request);
    if (!read.ok) throw this.refusal(call, { kind: 'refused', reason: read.error.message }, 'error');
    this.endHostCall(call, false, `Read ${read.data.shown} (${read.data.content.length} characters).`);
    return { content: read.data.content };
  }

  /**
   * A write the agent asks Braid for. When the user (or a rule) just approved the agent's edit of
   * this very file and that call is still going, the write is that call's: no second card, and
   * its card says Braid wrote the file. Otherwise it is a call of its own, checked as `write_file`.
   */
  async writeTextFile(request: acp.WriteTextFileRequest): Promise<acp.WriteTextFileResponse> {
    const resolved = resolveInsideWorkspace(this.worktree, request.path);
    const owner = resolved.ok && this.approvedPaths.has(resolved.data) ? (this.turn?.openCallFor(resolved.data) ?? null) : null;
    if (owner) {
      const written = await writeWorktreeText(this.worktree, request);
      if (!written.ok) throw new acp.RequestError(-32602, written.error.message);
      this.output(owner, `Braid wrote ${written.data.shown} (${written.data.bytes} bytes).\n`);
      return {};
    }
    const call = this.hostCall('write_file', { path: this.shown(request.path), content: request.content.length > 32_768 ? `${request.content.slice(0, 32_768)}…` : request.content });
    const verdict = await this.guardPath(call, 'write_file', request.path, true);
    if (verdict.kind !== 'allowed') throw this.refusal(call, verdict);
    const written = await writeWorktreeText(this.worktree, request);
    if (!written.ok) throw this.refusal(call, { kind: 'refused', reason: written.error.message }, 'error');
    this.endHostCall(call, false, `${written.data.created ? 'Created' : 'Overwrote'} ${written.data.shown} (${written.data.bytes} bytes written).`);
    return {};
  }

  /**
   * A command the agent asks Braid to run in a terminal (`terminal/create`). When Braid just
   * allowed one of the agent's own command calls that is still going, the terminal is that call's
   * (`owned`: no second card; the agent reports how the call ended). Otherwise it is a call of its
   * own, checked as `run_command`.
   */
  async authorizeCommand(command: string, signal: AbortSignal): Promise<{ callId: string; owned: boolean } | { refused: string }> {
    const owner = [...this.approvedCommandCalls].reverse().find((callId) => this.turn?.isOpen(callId));
    if (owner) return { callId: owner, owned: true };
    const call = this.hostCall('run_command', { command });
    const verdict = await this.guard({ callId: call, subjects: [{ tool: 'run_command', args: { command } }] }, signal);
    if (verdict.kind === 'allowed') return { callId: call, owned: false };
    const reason = verdict.kind === 'stopped' ? 'The run was stopped.' : verdict.reason;
    this.endHostCall(call, true, reason, verdict.kind === 'stopped' ? 'cancelled' : 'denied');
    return { refused: reason };
  }

  /** A host call's end (a terminal command's, once it exited). */
  endHostCall(callId: string, isError: boolean, text: string, status: 'done' | 'error' | 'denied' | 'cancelled' = isError ? 'error' : 'done'): void {
    this.run.record({ kind: 'tool_status', callId, status });
    this.run.record({ kind: 'tool_result', callId, isError, text, durationMs: 0 });
  }

  /** Output of a host call as it streams (a terminal's). */
  output(callId: string, chunk: string): void {
    this.run.record({ kind: 'tool_output', callId, chunk });
  }

  /**
   * Decides a call by Braid's rules: allowed, denied, or asked on an approval card. Every
   * decision is recorded on the call and told to the audit trail.
   */
  private async guard(call: GuardedCall, signal: AbortSignal): Promise<Verdict> {
    const decisions: { subject: PermissionSubject; decision: PermissionDecision }[] = [];
    for (const subject of call.subjects) {
      const decision: PermissionDecision =
        'refused' in subject
          ? { kind: 'deny', rule: 'the task’s worktree', reason: subject.refused }
          : call.approvedBefore
            ? { kind: 'allow', rule: 'approved for the agent in this run' }
            : await this.run.check({ tool: subject.tool, args: subject.args });
      decisions.push({ subject, decision });
    }
    const decision = combineDecisions(decisions.map((entry) => entry.decision));
    const deciding = decisions.find((entry) => entry.decision === decision)?.subject;
    const asked = deciding && 'tool' in deciding ? { callId: call.callId, name: deciding.tool, args: deciding.args } : { callId: call.callId, name: 'unknown', args: {} };
    this.run.permissionDecided(asked, decision);
    const source = decision.source ?? null;
    if (decision.kind === 'allow') {
      this.run.record({ kind: 'permission', callId: call.callId, decision: 'allow', rule: decision.rule, source });
      return { kind: 'allowed' };
    }
    if (decision.kind === 'deny') {
      this.run.record({ kind: 'permission', callId: call.callId, decision: 'deny', rule: decision.rule, source });
      return { kind: 'refused', reason: decision.reason };
    }
    this.run.record({ kind: 'tool_status', callId: call.callId, status: 'awaiting_approval' });
    this.run.record({ kind: 'approval_request', callId: call.callId, name: asked.name, args: asked.args, reason: decision.reason, rule: decision.rule, source, suggestedRule: decision.suggestedRule ?? null });
    this.run.setStatus('needs_approval', `Approve ${asked.name}?`);
    try {
      const answer = await this.run.waitForApproval(asked, AbortSignal.any([signal, this.run.signal]));
      this.run.record({ kind: 'approval_decision', callId: call.callId, approved: answer.approved, reason: answer.reason, savedRule: answer.savedRule ?? null });
      this.run.record({ kind: 'tool_status', callId: call.callId, status: answer.approved ? 'running' : 'denied' });
      this.run.setStatus('running', null);
      return answer.approved ? { kind: 'allowed' } : { kind: 'refused', reason: `The user denied it${answer.reason ? `: ${answer.reason}` : '.'}` };
    } catch {
      if (this.run.signal.aborted) return { kind: 'stopped' };
      // The agent withdrew its request ($/cancel_request); the run goes on without an answer.
      this.run.record({ kind: 'tool_status', callId: call.callId, status: 'cancelled' });
      this.run.setStatus('running', null);
      return { kind: 'stopped' };
    }
  }

  private async guardPath(callId: string, tool: 'read_file' | 'write_file', path: string, isWrite: boolean): Promise<Verdict> {
    const resolved = resolveInsideWorkspace(this.worktree, path);
    const subject: PermissionSubject = resolved.ok ? { tool, args: { path: relative(this.worktree, resolved.data) || '.' } } : { refused: resolved.error.message };
    const approvedBefore = isWrite && resolved.ok && this.approvedPaths.has(resolved.data);
    return this.guard({ callId, subjects: [subject], approvedBefore }, this.run.signal);
  }

  /** A call Braid makes for the agent (a file, a command, one of its own tools the agent reported no call for), on the timeline. */
  hostCall(name: string, args: unknown): string {
    const callId = `acp-host-${this.turn?.firstStep ?? 0}-${++this.hostCalls}`;
    this.turn?.noteHostCall();
    this.run.record({ kind: 'tool_call', step: this.turn?.step ?? this.run.lastStep, callId, name, args });
    this.run.record({ kind: 'tool_status', callId, status: 'running' });
    return callId;
  }

  /** The host call failed or was refused: recorded, and the agent gets the reason as a JSON-RPC error. */
  private refusal(callId: string, verdict: Exclude<Verdict, { kind: 'allowed' }>, status: 'denied' | 'error' = 'denied'): acp.RequestError {
    const message = verdict.kind === 'stopped' ? 'The run was stopped.' : verdict.reason;
    this.endHostCall(callId, true, message, verdict.kind === 'stopped' ? 'cancelled' : status);
    return new acp.RequestError(-32602, message);
  }

  private shown(path: string): string {
    const resolved = resolveInsideWorkspace(this.worktree, path);
    return resolved.ok ? relative(this.worktree, resolved.data) || '.' : path;
  }
}
