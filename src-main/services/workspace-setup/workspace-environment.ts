import { basename } from 'node:path';
import type { WorkspaceConfigKind } from '../../../src-shared/contract';

/** What a workspace's variables are made of. */
export interface WorkspaceFacts {
  taskId: string;
  /** The worktree. */
  workspacePath: string;
  /** The repository's main checkout. */
  rootPath: string;
  /** The branch the workspace was made from. */
  baseBranch: string;
  /** The first of its 10 ports; null when none could be reserved. */
  portBase: number | null;
  /** The config's own port names: name → offset into the block. */
  ports: Record<string, number>;
}

/**
 * Braid's variables for everything run in a workspace: its scripts, its terminals and its
 * agent's commands. `BRAID_WORKSPACE_NAME` is the worktree's folder name (`<task>-<id>`).
 */
export function workspaceVariables(facts: WorkspaceFacts): Record<string, string> {
  const variables: Record<string, string> = {
    BRAID_WORKSPACE_PATH: facts.workspacePath,
    BRAID_ROOT_PATH: facts.rootPath,
    BRAID_WORKSPACE_NAME: basename(facts.workspacePath),
  };
  if (facts.portBase !== null) {
    variables.BRAID_PORT = String(facts.portBase);
    for (const [name, offset] of Object.entries(facts.ports)) variables[name] = String(facts.portBase + offset);
  }
  return variables;
}

/**
 * A script's variables: Braid's, plus the names the tool whose config it came from gives its
 * scripts, so an imported `conductor.json` or `.superset/config.json` runs unchanged. Only
 * scripts get these (Conductor gives `CONDUCTOR_PORT` only to its scripts too).
 */
export function scriptVariables(facts: WorkspaceFacts, kind: WorkspaceConfigKind | null): Record<string, string> {
  const braid = workspaceVariables(facts);
  const name = braid.BRAID_WORKSPACE_NAME!;
  const port = braid.BRAID_PORT;
  const withPort = (key: string): Record<string, string> => (port === undefined ? {} : { [key]: port });
  switch (kind) {
    case 'conductor-json':
    case 'conductor-toml':
      return {
        ...braid,
        CONDUCTOR_WORKSPACE_NAME: name,
        CONDUCTOR_WORKSPACE_PATH: facts.workspacePath,
        CONDUCTOR_ROOT_PATH: facts.rootPath,
        CONDUCTOR_DEFAULT_BRANCH: facts.baseBranch,
        ...withPort('CONDUCTOR_PORT'),
      };
    case 'superset':
      return { ...braid, SUPERSET_WORKSPACE_NAME: name, SUPERSET_WORKSPACE_PATH: facts.workspacePath, SUPERSET_ROOT_PATH: facts.rootPath, ...withPort('SUPERSET_PORT_BASE') };
    case 'emdash':
      return {
        ...braid,
        EMDASH_TASK_ID: facts.taskId,
        EMDASH_TASK_NAME: name,
        EMDASH_TASK_PATH: facts.workspacePath,
        EMDASH_ROOT_PATH: facts.rootPath,
        EMDASH_DEFAULT_BRANCH: facts.baseBranch,
        ...withPort('EMDASH_PORT'),
      };
    case 'cursor':
      return { ...braid, ROOT_WORKTREE_PATH: facts.rootPath };
    case 'braid':
    case null:
      return braid;
  }
}
