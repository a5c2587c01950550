import type { AgentCommand, TimelineEvent } from '../../../src-shared/contract';

/** The timeline kinds `agentCommands` reads (so callers can skip the streamed text). */
export const commandEventKinds = ['tool_call', 'tool_status', 'tool_result'] as const;

const commandTool = 'run_command';

/**
 * The commands the agent ran, oldest first, with how each ended: the exit code comes from
 * the `[exit code N, …]` line the run_command tool appends to its result.
 */
export function agentCommands(events: readonly TimelineEvent[]): AgentCommand[] {
  const commands = new Map<string, AgentCommand>();
  for (const event of events) {
    if (event.kind === 'tool_call' && event.name === commandTool) {
      const args = event.args as { command?: unknown } | null;
      const command = typeof args?.command === 'string' ? args.command : '';
      commands.set(event.callId, { callId: event.callId, seq: event.seq, command, exitCode: null, outcome: 'running' });
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
