import { agentDefinitionSourceLabels } from '../../../src-shared/contract';
import type { SubagentSnapshot } from './subagent-snapshot';

/**
 * What a subagent's system prompt adds (through the agents' `briefing` seam): who started it,
 * that its last message is its answer, and its definition's body, which is its own system
 * prompt in Claude Code.
 */
export function subagentBriefing(snapshot: SubagentSnapshot, parentTitle: string): string {
  const lines = [
    `You are the subagent "${snapshot.agent}" (${agentDefinitionSourceLabels[snapshot.source]}), started by the task "${parentTitle}" with the delegate tool.`,
    'Do what its message asks, in the same workspace. Your last message is your answer: it goes back to that task as the result of its delegate call, so make it complete and self-contained (what you found or did, and anything left open). Nobody else reads your intermediate messages.',
  ];
  if (snapshot.prompt.trim()) lines.push(`Your instructions:\n\n${snapshot.prompt.trim()}`);
  return lines.join('\n');
}
