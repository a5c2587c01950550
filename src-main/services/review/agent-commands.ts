import type { AgentCommand, TimelineEvent } from '../../../src-shared/contract';

/** The timeline kinds `agentCommands` reads (so callers can skip the streamed text). */
export const commandEventKinds = ['tool_call', 'tool_info', 'tool_status', 'tool_result'] as const;

const commandTool = 'run_command';

/**
 * The commands the agent ran, oldest first, with how each ended: Braid's own `run_command` calls
 * and an external agent's calls of kind `execute` (its `tool_info`). The exit code comes from the
 * `[exit code N, …]` line appended to the call's result (by run_command, or from what the external
 * agent reported).
 */
export function agentCommands(events: readonly TimelineEvent[]): AgentCommand[] {
  const commands = new Map<string, AgentCommand>();
  const calls = new Map<string, { seq: number; args: unknown }>();
  for (const event of events) {
    if (event.kind === 'tool_call') {
      calls.set(event.callId, { seq: event.seq, args: event.args });
      if (event.name === commandTool) commands.set(event.callId, { callId: event.callId, seq: event.seq, command: commandOf(event.args) ?? '', exitCode: null, outcome: 'running' });
      continue;
    }
    if (event.kind === 'tool_info') {
      const call = calls.get(event.callId);
      if (event.toolKind !== 'execute' || !call) continue;
      const command = commandOf(event.args ?? call.args) ?? /`([^`]+)`/.exec(event.title)?.[1] ?? event.title;
      const known = commands.get(event.callId);
      if (known) known.command = command;
      else commands.set(event.callId, { callId: event.callId, seq: call.seq, command, exitCode: null, outcome: 'running' });
      continue;
    }
    const known = 'callId' in event ? commands.get(event.callId) : undefined;
    if (!known) continue;
    if (event.kind === 'tool_status' && (event.status === 'denied' || event.status === 'cancelled')) {
      known.outcome = event.status === 'denied' ? 'denied' : 'killed';
    } else if (event.kind === 'tool_result') {
      const exit = /\[exit code (\d+), [^\]]*\]\s*$/.exec(event.text);
      if (exit) {
        known.exitCode = Number(exit[1]);
        known.outcome = known.exitCode === 0 ? 'succeeded' : 'failed';
      } else if (known.outcome === 'running') {
        // Killed by a signal, stopped, or refused before it ran.
        known.outcome = /killed by a signal/.test(event.text) ? 'killed' : event.isError ? 'failed' : 'succeeded';
      }
    }
  }
  return [...commands.values()];
}

/** A command line from the call's arguments: a string, or an argument list (Codex's). */
function commandOf(args: unknown): string | null {
  const command = (args as { command?: unknown } | null)?.command;
  if (typeof command === 'string') return command;
  if (Array.isArray(command) && command.every((part) => typeof part === 'string')) return command.join(' ');
  return null;
}
