import { join } from 'node:path';
import { agentDefinitionSources, type AgentDefinitionSource } from '../../../src-shared/contract';

/** One folder subagent definitions are read from, and the root its files must stay inside. */
export interface AgentFolder {
  source: AgentDefinitionSource;
  /** The project's checkout or the user's home: nothing is read or written outside it. */
  root: string;
  /** The folder relative to the root (`.claude/agents`). */
  relative: string;
  /** Absolute (as named, links not resolved). */
  path: string;
}

const relativeFolders: Record<AgentDefinitionSource, string> = {
  'project-braid': '.braid/agents',
  'project-claude': '.claude/agents',
  'user-braid': '.braid/agents',
  'user-claude': '.claude/agents',
};

export function isProjectSource(source: AgentDefinitionSource): boolean {
  return source === 'project-braid' || source === 'project-claude';
}

/** The folder of one source: under the project's checkout or the user's home. */
export function agentFolder(source: AgentDefinitionSource, roots: { project: string | null; home: string }): AgentFolder | null {
  const root = isProjectSource(source) ? roots.project : roots.home;
  if (root === null) return null;
  const relative = relativeFolders[source];
  return { source, root, relative, path: join(root, relative) };
}

/** Every folder, in lookup order (a name found earlier wins): the project's first, Braid's before Claude Code's. */
export function agentFolders(roots: { project: string | null; home: string }): AgentFolder[] {
  return agentDefinitionSources.map((source) => agentFolder(source, roots)).filter((folder): folder is AgentFolder => folder !== null);
}
