import type { GateCommandView, QueueSettings } from '../../../src-shared/contract';
import { readWorkspaceConfigAt, type WorkspaceConfig } from '../workspace-setup/workspace-config';

/** A candidate's gate: what runs, the workspace setup before it, and what the queue panel shows (`view.trust.trusted` is filled in where the trust is known). */
export interface GatePlan {
  view: GateCommandView;
  /** The gate's command lines (run in order in one shell); null: no gate, a clean merge lands. */
  test: string[] | null;
  /** The workspace config committed where the candidate is built (setup, include patterns, ports, trust hash); null when it cannot be read. */
  config: WorkspaceConfig | null;
}

/**
 * The gate for a candidate built on `commit`: the project's gate command when set, else `test`
 * from `.braid/workspace.json`; before it the workspace setup (the setup script of Braid's
 * config or of the tool it imports, the ignored files to bring, the ports). All read as
 * committed in `commit` (the target's tip, or the candidate ahead of it), never from the
 * entry: an entry cannot change the gate or the setup that judge it.
 */
export async function resolveGate(repo: string, commit: string, settings: Pick<QueueSettings, 'gateCommand'>): Promise<GatePlan> {
  // The user's own local layer (Conductor's settings.local.toml) comes from the checkout, as for a workspace: the entry cannot write there.
  const read = await readWorkspaceConfigAt(repo, commit, { localFilesFrom: repo });
  const config = read.ok ? read.data : null;
  const problem = read.ok ? null : read.error.message;
  const fromConfig = config && config.scripts.test.length > 0 ? config.scripts.test : null;
  const test = settings.gateCommand ? [settings.gateCommand] : fromConfig;
  const setup = config?.scripts.setup ?? [];
  return {
    view: {
      command: test ? shown(test) : null,
      setup: setup.length > 0 ? shown(setup) : null,
      source: settings.gateCommand ? 'setting' : test ? 'workspace.json' : null,
      problem,
      trust:
        config?.source && config.contentHash
          ? { contentHash: config.contentHash, files: [...config.source.files], scripts: { setup: [...setup], test: [...config.scripts.test], run: [...config.scripts.run], archive: [...config.scripts.archive] }, trusted: false }
          : null,
    },
    test,
    config,
  };
}

/**
 * Why the queue must wait instead of testing on `targetBranch`: its workspace config cannot be
 * read (the gate or the setup is unknown: landing untested, or testing without the setup,
 * would be a guess), or what would run from it (the setup, or `test` as the gate) is not
 * trusted in exactly this content. Neither is the entry's doing, and every entry behind it
 * would meet the same; null when the gate may run (or there is none).
 */
export function gateHold(plan: GatePlan, targetBranch: string, isTrusted: (contentHash: string) => boolean): string | null {
  if (plan.view.problem) return `The workspace config on ${targetBranch} cannot be read, so its gate and setup are unknown: ${plan.view.problem.replace(/\.?$/, '.')} Fix it on ${targetBranch}, then resume the queue.`;
  const config = plan.config;
  if (!plan.test || !config?.source || !config.contentHash) return null;
  const runs = [config.scripts.setup.length > 0 ? 'setup script' : null, plan.view.source === 'workspace.json' ? 'gate (test)' : null].filter((what) => what !== null);
  if (runs.length === 0 || isTrusted(config.contentHash)) return null;
  const files = config.source.files.join(' + ');
  return (
    `The ${runs.join(' and ')} of ${files} on ${targetBranch} runs only once you trust it, and it is not trusted in its current content. ` +
    `Read the scripts shown with the queue and press "Trust and resume": you trust exactly that content. ` +
    `(Trusting them in a task's Workspace scripts works too when your checkout's ${files} is the same as on ${targetBranch}; then resume the queue.)`
  );
}

/** Command lines as one line for the panel and the ejection: run in order, the first failure ending them. */
const shown = (commands: readonly string[]) => commands.join(' && ');
