import { ok, type IncludeLinkMode, type Result } from '../../../src-shared/contract';
import { bringFiles } from '../workspace-setup/bring-files';
import { listIncludedEntries } from '../workspace-setup/included-entries';
import type { PortBlocks } from '../workspace-setup/port-blocks';
import type { WorkspaceConfig } from '../workspace-setup/workspace-config';
import { scriptVariables } from '../workspace-setup/workspace-environment';
import type { GateLog } from './gate-log';

export interface ScratchSetupInput {
  /** The project's checkout: where the ignored files come from (`BRAID_ROOT_PATH`). */
  root: string;
  /** The scratch worktree, reset to the candidate. */
  checkout: string;
  /** The entry's task (Emdash's `EMDASH_TASK_ID`). */
  taskId: string;
  targetBranch: string;
  /** The target's workspace config; null: none could be read (nothing to bring, no port names). */
  config: WorkspaceConfig | null;
  linkMode: IncludeLinkMode;
  ports: PortBlocks;
  log: GateLog;
  signal: AbortSignal;
}

/** The scratch worktree set up: the variables its setup script and gate run with, and its port block until `release`. */
export interface ScratchSetup {
  env: Record<string, string>;
  release(): void;
}

/** Entries named in the log before only a count is given. */
const namedEntries = 20;

/**
 * Gives a scratch worktree what a new workspace gets before its setup script runs: the ignored
 * files of the checkout that the include patterns (`.worktreeinclude`, or the config's own
 * list) match, brought as the project brings them (copied, hard-linked or symlinked; confined
 * as for a workspace), and a block of 10 free ports held until `release` (never one a
 * workspace holds). The variables are a workspace's (`BRAID_WORKSPACE_PATH` is the scratch
 * worktree, `BRAID_ROOT_PATH` the checkout, `BRAID_PORT`, the config's port names) plus the
 * imported tool's own (`CONDUCTOR_PORT`, …), so its scripts run unchanged. What was brought and
 * left out goes to the gate log.
 */
export async function applyWorkspaceSetup(input: ScratchSetupInput): Promise<Result<ScratchSetup>> {
  const { config, log } = input;
  const include = config?.include ?? { from: null, patterns: [] };
  if (include.patterns.length > 0) {
    const listed = await listIncludedEntries(input.root, include.patterns);
    if (!listed.ok) return listed;
    const brought = await bringFiles(input.root, input.checkout, listed.data.entries, input.linkMode, input.signal);
    if (brought.brought.length > 0) log.note(`Brought from your checkout (${include.from}, ${input.linkMode}): ${named(brought.brought)}`);
    for (const { path, reason } of brought.skipped.slice(0, namedEntries)) log.note(`Left out ${path}: ${reason}.`);
    for (const path of listed.data.unreadable.slice(0, namedEntries)) log.note(`Left out ${path}: its name is not UTF-8, so the patterns cannot be matched against it.`);
  }
  const lease = await input.ports.lease();
  if (!lease) log.note('No block of 10 free ports was found: BRAID_PORT is not set.');
  const env = scriptVariables(
    {
      taskId: input.taskId,
      workspacePath: input.checkout,
      rootPath: input.root,
      baseBranch: input.targetBranch,
      portBase: lease?.start ?? null,
      ports: config?.ports ?? {},
    },
    config?.source?.kind ?? null,
  );
  return ok({ env, release: () => lease?.release() });
}

function named(entries: readonly string[]): string {
  const shown = entries.slice(0, namedEntries).join(', ');
  return entries.length > namedEntries ? `${shown} and ${entries.length - namedEntries} more` : shown;
}
