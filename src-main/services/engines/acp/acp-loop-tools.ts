import type { TaskRole } from '../../../../src-shared/contract';
import type { ExternalRun } from '../../agents/external-engine';
import type { EndedRun, LoopTool } from '../../agents/loop-tools';
import { isOfferedTo, refusalFor } from '../../agents/role-tools';
import type { AcpRunHandlers } from './acp-run-handlers';
import { acpLimits, boundedArgs, cap } from './acp-timeline';
import type { LoopToolRequest, LoopToolRoute } from './loop-tools-server';

/**
 * The loop tools an external agent is offered: those the task's role gets (`role-tools.ts`),
 * except tools the permission policy decides first or that wait for other runs (`delegate`: a
 * subagent would be a run of Braid's own agent under a parent whose turn holds its run slot;
 * external agents have subagents of their own).
 */
export function loopToolsForAgent(role: TaskRole, tools: readonly LoopTool[]): LoopTool[] {
  return tools.filter((tool) => isOfferedTo(role, tool.definition.name) && !tool.checked && !tool.waitsForOtherRuns);
}

const stopped = 'Stopped by the user before the tool finished.';

/**
 * One run's calls of Braid's own tools by an external agent (through Braid's MCP server,
 * `loop-tools-server.ts`), each handled by the same loop tool Braid's own agent's loop runs for
 * the task (its validation, its records, its count of invalid submissions) and recorded on the
 * agent's own card of the call (else on a call of Braid's). A tool that ends the run (a plan or
 * a review handed in, too many invalid ones) ends it once the agent's turn is over; its later
 * calls of Braid's tools are not run, as Braid's own loop skips a step's calls after such a one.
 */
export class AcpLoopToolCalls implements LoopToolRoute {
  /** How the run ends, and by which tool, once one ended it. */
  ended: { run: EndedRun; by: string } | null = null;
  private readonly tools: Map<string, LoopTool>;

  constructor(
    private readonly run: ExternalRun,
    private readonly handlers: AcpRunHandlers,
    tools: readonly LoopTool[],
  ) {
    this.tools = new Map(loopToolsForAgent(run.task.role, tools).map((tool) => [tool.definition.name, tool]));
  }

  async call(request: LoopToolRequest): Promise<{ isError: boolean; text: string }> {
    const { run } = this;
    // The agent's words: stored and shown bounded, as its reported calls are.
    const name = cap(request.name, acpLimits.nameChars);
    const turn = this.handlers.turn;
    const claimed = turn?.claimBraidCall(name, request.toolUseId) ?? null;
    const callId = claimed ?? this.handlers.hostCall(name, boundedArgs(request.args).value);
    const finish = (isError: boolean, text: string, status: 'done' | 'error' | 'denied' | 'cancelled') => {
      if (claimed !== null) turn!.endBraidCall(claimed, isError, text, status);
      else this.handlers.endHostCall(callId, isError, text, status);
      return { isError, text };
    };
    const tool = this.tools.get(request.name);
    if (!tool) {
      // Refused before any tool sees it, as Braid's own loop refuses a tool the task was not offered.
      const byRole = !isOfferedTo(run.task.role, name);
      const reason = byRole ? refusalFor(run.task.role, name) : `${name} is not one of Braid’s tools for an external agent.`;
      run.permissionDecided({ callId, name, args: boundedArgs(request.args).value }, { kind: 'deny', rule: byRole ? `tools of the ${run.task.role} role` : 'Braid’s tools for external agents', reason });
      return finish(true, `Permission denied: ${reason}`, 'denied');
    }
    if (this.ended) return finish(true, `Not run: ${this.ended.by} ended the run before this call.`, 'cancelled');
    if (run.signal.aborted) return finish(true, stopped, 'cancelled');
    run.record({ kind: 'tool_status', callId, status: 'running' });
    const signal = AbortSignal.any([run.signal, request.signal]);
    // A question sets the task waiting for the user; a wait the agent gives up must not leave it so.
    let waiting = false;
    const setStatus: ExternalRun['setStatus'] = (status, reason) => {
      waiting = status !== 'running';
      run.setStatus(status, reason);
    };
    try {
      const outcome = await tool.run(request.args, { callId, signal, record: run.record, setStatus });
      if (outcome.kind === 'end') this.ended = { run: outcome.run, by: request.name };
      return finish(outcome.isError, outcome.text, outcome.isError ? 'error' : 'done');
    } catch (error) {
      if (run.signal.aborted) return finish(true, stopped, 'cancelled');
      if (waiting) setStatus('running', null);
      if (signal.aborted) return finish(true, 'The agent cancelled this call.', 'cancelled');
      // A bug in the tool: the agent and the user are told; the run goes on.
      return finish(true, `Braid’s ${request.name} failed: ${error instanceof Error ? error.message : String(error)}`, 'error');
    }
  }
}
