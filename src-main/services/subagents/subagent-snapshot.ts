import { z } from 'zod';
import { agentDefinitionSourceSchema, type SubagentLink } from '../../../src-shared/contract';

/**
 * What a subagent's task keeps of its definition, taken when it was delegated (`task.subagent`),
 * so a resumed subagent obeys what it was started with even if the file changed since.
 * `tools` are Braid's tool names (Claude Code's names already mapped, `mcp__server__*` for a
 * whole server); null: every tool its parent has. `agents` limits which subagents it may
 * delegate to (`Agent(a, b)` in its tools); null: any.
 */
export const subagentSnapshotSchema = z.object({
  agent: z.string(),
  source: agentDefinitionSourceSchema,
  depth: z.number().int().min(1),
  callId: z.string(),
  tools: z.array(z.string()).nullable(),
  disallowedTools: z.array(z.string()),
  agents: z.array(z.string()).nullable(),
  /** The definition's body: its system prompt. */
  prompt: z.string(),
});
export type SubagentSnapshot = z.infer<typeof subagentSnapshotSchema>;

/** What the contract shows of it. */
export function subagentLinkOf(snapshot: SubagentSnapshot): SubagentLink {
  return { agent: snapshot.agent, source: snapshot.source, depth: snapshot.depth, callId: snapshot.callId };
}
