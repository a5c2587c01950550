import type { IncludeLinkMode, QueueSettings } from '../../../src-shared/contract';
import type { CommandIsolation } from '../sandbox/command-isolation';
import type { PortBlocks } from '../workspace-setup/port-blocks';
import type { GatePlan } from './gate-command';
import type { GateLog } from './gate-log';
import { runGate, type GateStep } from './gate-run';
import type { GateSlots } from './gate-slots';
import { ejection, type RunOutcome } from './run-outcome';
import { applyWorkspaceSetup } from './scratch-setup';
import type { ScratchLease, ScratchWorktrees } from './scratch-worktrees';

/** What gating needs from the queue around it. */
export interface CandidateGateDeps {
  scratch: ScratchWorktrees;
  isolation: Promise<CommandIsolation>;
  slots: GateSlots;
  ports: PortBlocks;
  /** The shell the setup and the gate run under. */
  shell: string;
  /** On top of the host's environment (and the workspace's variables) for every gate. */
  gateEnv: Record<string, string>;
  killGraceMs: number;
}

export interface CandidateGate {
  project: { path: string };
  projectId: string;
  targetBranch: string;
  /** The entry's task and branch. */
  taskId: string;
  branch: string;
  strategy: string;
  /** The commit the candidate is built on, and the candidate. */
  onto: string;
  candidate: string;
  /** Resolved on `onto`, with a gate command, and cleared to run (`gateHold`). */
  plan: GatePlan & { test: string[] };
  settings: QueueSettings;
  linkMode: IncludeLinkMode;
  /** Ahead of the queue's head (speculative) waits behind it for a gate slot. */
  priority: 0 | 1;
  signal: AbortSignal;
  log: GateLog;
  /** The gate is about to run (the entry is `testing`). */
  testing(): void;
}

/**
 * Gates one candidate: a gate slot, a scratch worktree reset to the candidate, the workspace
 * setup applied there (ignored files from the checkout, a port block, the setup script), then
 * the gate with the same variables, all within the timeout. Null when stopped (the queue no
 * longer needs it); the slot, the worktree and the ports are given back either way.
 */
export async function gateCandidate(deps: CandidateGateDeps, gate: CandidateGate): Promise<RunOutcome | null> {
  const release = await deps.slots.acquire(gate.priority, gate.signal);
  if (!release) return null;
  let lease: ScratchLease | null = null;
  let releasePorts = () => undefined as void;
  try {
    const acquired = await deps.scratch.acquire(gate.project, gate.projectId, gate.targetBranch, gate.candidate);
    if (!acquired.ok) return { kind: 'eject', ejection: ejection('invalid', acquired.error.message, gate.onto) };
    lease = acquired.data;
    if (gate.signal.aborted) return null;
    gate.testing();
    const { plan, log, onto } = gate;
    log.note(`Candidate ${gate.candidate.slice(0, 10)}: ${gate.targetBranch} at ${onto.slice(0, 10)} + ${gate.branch} (${gate.strategy}), in ${lease.path}`);
    const setup = await applyWorkspaceSetup({
      root: gate.project.path,
      checkout: lease.path,
      taskId: gate.taskId,
      targetBranch: gate.targetBranch,
      config: plan.config,
      linkMode: gate.linkMode,
      ports: deps.ports,
      log,
      signal: gate.signal,
    });
    if (!setup.ok) return { kind: 'eject', ejection: ejection('invalid', `The workspace setup could not bring the ignored files over: ${setup.error.message}`, onto) };
    releasePorts = setup.data.release;
    if (gate.signal.aborted) return null;

    const steps: GateStep[] = [];
    const files = plan.config?.source?.files.join(' + ');
    if (files) log.note(`Workspace config: ${files} as committed on ${gate.targetBranch} at ${onto.slice(0, 10)}, not the entry's.`);
    if (plan.config && plan.config.scripts.setup.length > 0) steps.push({ step: 'setup', title: `Workspace setup (${files})`, commands: plan.config.scripts.setup });
    steps.push({ step: 'test', title: plan.view.source === 'setting' ? 'Gate (the project’s gate command)' : `Gate (test in ${files})`, commands: plan.test });
    const outcome = await runGate({
      steps,
      shell: deps.shell,
      cwd: lease.path,
      timeoutMs: gate.settings.gateTimeoutSec * 1000,
      env: { ...setup.data.env, CI: 'true', BRAID_MERGE_QUEUE: '1', BRAID_TARGET_BRANCH: gate.targetBranch, BRAID_CANDIDATE_COMMIT: gate.candidate, ...deps.gateEnv },
      isolation: await deps.isolation,
      signal: gate.signal,
      log,
      killGraceMs: deps.killGraceMs,
    });
    if (gate.signal.aborted || outcome.verdict === 'cancelled') return null;
    const [what, command] = outcome.failedStep === 'setup' ? ['The workspace setup', plan.view.setup] : ['The gate', plan.view.command];
    const where = `on top of ${gate.targetBranch} at ${onto.slice(0, 10)}`;
    if (outcome.verdict === 'passed') return { kind: 'passed', gateMs: outcome.durationMs };
    if (outcome.verdict === 'timed-out') return { kind: 'eject', ejection: { ...ejection('gate-timeout', `${what} timed out after ${gate.settings.gateTimeoutSec} s ${where}.`, onto), command } };
    const message = `${what} failed (exit ${outcome.exitCode ?? 'by a signal'}) ${where}.`;
    return { kind: 'eject', ejection: { ...ejection('gate-failed', message, onto), exitCode: outcome.exitCode, command } };
  } finally {
    releasePorts();
    release();
    lease?.release();
  }
}
