import type { GateCommandView, QueueSettings } from '../../../src-shared/contract';
import { readWorkspaceConfigAt } from '../workspace-config/workspace-config';

/**
 * The gate for a candidate built on `commit`: the project's gate command when set, else `test`
 * from `.braid/workspace.json` as committed there; the file's `setup` runs first either way
 * (the workspace setup, applied to the scratch worktree). Read from the commit the candidate is
 * built on, never from the entry: an entry cannot change the gate that judges it.
 */
export async function resolveGate(repo: string, commit: string, settings: Pick<QueueSettings, 'gateCommand'>): Promise<GateCommandView> {
  const reading = await readWorkspaceConfigAt(repo, commit);
  const setup = reading.config?.setup ?? null;
  if (settings.gateCommand) return { command: settings.gateCommand, setup, source: 'setting', problem: reading.problem };
  const test = reading.config?.test ?? null;
  return { command: test, setup, source: test ? 'workspace.json' : null, problem: reading.problem };
}
