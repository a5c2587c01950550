import { runGitBytes } from '../git/run-git';

/**
 * A repository's workspace settings, `.braid/workspace.json`: the commands that prepare a
 * fresh checkout (`setup`) and check it (`test`). Only these two fields are read here; the
 * full workspace setup (ports, copied files, run and archive scripts) replaces this module
 * behind the same two functions.
 */
export interface WorkspaceConfig {
  setup: string | null;
  test: string | null;
}

export const workspaceConfigPath = '.braid/workspace.json';

/** Bigger than any sensible settings file; a larger one is refused rather than parsed. */
const maxBytes = 64 * 1024;

export interface WorkspaceConfigReading {
  /** Null when the file is absent (or unreadable: then `problem` says why). */
  config: WorkspaceConfig | null;
  problem: string | null;
}

/**
 * The file as committed in `commit` (not as a worktree has it): the merge queue reads the
 * target's copy, so an entry cannot change the gate that judges it.
 */
export async function readWorkspaceConfigAt(repo: string, commit: string): Promise<WorkspaceConfigReading> {
  const result = await runGitBytes(repo, ['cat-file', 'blob', `${commit}:${workspaceConfigPath}`], { readOnly: true });
  if (result.code !== 0) return { config: null, problem: null };
  if (result.stdout.length > maxBytes) return { config: null, problem: `${workspaceConfigPath} is larger than ${maxBytes / 1024} KB; it was not read.` };
  return parseWorkspaceConfig(result.stdout.toString('utf8'));
}

export function parseWorkspaceConfig(text: string): WorkspaceConfigReading {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return { config: null, problem: `${workspaceConfigPath} is not valid JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return { config: null, problem: `${workspaceConfigPath} must hold a JSON object.` };
  const fields = parsed as Record<string, unknown>;
  const read = (name: 'setup' | 'test'): string | null | Error => {
    const value = fields[name];
    if (value === undefined || value === null) return null;
    if (typeof value !== 'string') return new Error(`"${name}" in ${workspaceConfigPath} must be a command line (a string).`);
    return value.trim() === '' ? null : value.trim();
  };
  const setup = read('setup');
  const test = read('test');
  if (setup instanceof Error) return { config: null, problem: setup.message };
  if (test instanceof Error) return { config: null, problem: test.message };
  return { config: { setup, test }, problem: null };
}
