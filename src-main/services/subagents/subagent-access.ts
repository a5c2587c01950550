import { agentDefinitionSourceLabels, maxSubagentDepth } from '../../../src-shared/contract';
import type { ToolAccess } from '../agents/agent-run';
import type { SubagentSnapshot } from './subagent-snapshot';
import { toolListCovers } from './subagent-tools';

/**
 * What a subagent may use: every level of its chain (itself, its parent subagent, ...) must
 * give the tool (a level without a list gives what its parent has) and none may disallow it.
 * At the deepest level `delegate` is gone: subagents nest at most `maxSubagentDepth` deep.
 * `chain` is the task's own snapshot first, then its ancestors'.
 */
export function subagentToolAccess(chain: readonly SubagentSnapshot[]): ToolAccess | undefined {
  const self = chain[0];
  if (!self) return undefined;
  const blocking = (tool: string) => chain.find((level) => (level.tools !== null && !toolListCovers(level.tools, tool)) || toolListCovers(level.disallowedTools, tool));
  return {
    rule: `tools of subagent ${self.agent}`,
    offers: (tool) => !(tool === 'delegate' && self.depth >= maxSubagentDepth) && blocking(tool) === undefined,
    refusal(tool) {
      if (tool === 'delegate' && self.depth >= maxSubagentDepth) return depthRefusal(self.depth);
      const level = blocking(tool);
      if (!level) return `${tool} is not one of your tools.`;
      const whose = level === self ? `the subagent ${self.agent}` : `its parent subagent ${level.agent}`;
      const where = agentDefinitionSourceLabels[level.source];
      if (toolListCovers(level.disallowedTools, tool)) return `${tool} is not available: the definition of ${whose} (${where}) disallows it.`;
      return `${tool} is not one of the tools of ${whose} (${where}), which are: ${level.tools!.join(', ') || 'none'}.`;
    },
  };
}

/** What a subagent at the deepest level is told when it tries to delegate anyway. */
export function depthRefusal(depth: number): string {
  return `delegate is not available here: subagents nest at most ${maxSubagentDepth} deep, and this one is at depth ${depth}. Do the work yourself with your other tools.`;
}
