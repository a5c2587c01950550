import type { GateCommandView, QueueEjection, QueueSettings } from '../../../src-shared/contract';
import { readBranchTips } from '../git/git-step';
import { markWorkspaceMerged } from '../merge/merged-workspace';
import type { QueueEntryRow, QueueEntryProgress } from '../store/merge-queue-repository';
import type { LinkModeSetting } from '../workspace-setup/link-mode-setting';
import type { ScriptTrust } from '../workspace-setup/script-trust';
import type { WorkspaceContext } from '../workspaces/context';
import { openTaskWorkspace } from '../workspaces/open-task-workspace';
import { buildCandidate, type CandidateBuild } from './candidate';
import { gateCandidate, type CandidateGateDeps } from './candidate-gate';
import { gateHold, resolveGate } from './gate-command';
import { GateLog } from './gate-log';
import { landCandidate } from './queue-landing';
import type { QueueSettingsStore } from './queue-settings';
import { ejection, type RunOutcome } from './run-outcome';

/** The review gate's answer for a task: open P0/P1 findings block it. Supplied where reviews exist. */
export type QueueReviewGate = (taskId: string) => { blocked: false } | { blocked: true; message: string };

/** `isolation` is detected once per host (gates wait for it); `ports` are shared with the workspaces. */
export interface QueueRunnerDeps extends CandidateGateDeps {
  context: WorkspaceContext;
  settings: QueueSettingsStore;
  /** The workspace scripts the user trusted (by content hash), per project. */
  trust: ScriptTrust;
  /** How each project brings ignored files into a new checkout. */
  linkModes: LinkModeSetting;
  reviewGate: QueueReviewGate | null;
  /** Something about the queue changed: tell the UI. */
  changed(): void;
  /** The gate a run resolved on the target (for the queue's view). */
  gateResolved(gate: GateCommandView): void;
  /** A running gate printed more. */
  output(entryId: string, chunk: string): void;
  log(line: string): void;
}

/** One attempt at one entry: its candidate built on `onto`, its gate, its outcome. */
interface Run {
  entryId: string;
  attempt: number;
  /** The commit the candidate is built on: the target's tip, or the candidate of the entry ahead. */
  onto: string | null;
  /** Entries ahead whose candidate this one is built on (speculative: the head's). */
  stack: string[];
  priority: 0 | 1;
  abort: AbortController;
  built: Extract<CandidateBuild, { kind: 'ready' }> | null;
  gate: GateCommandView | null;
  outcome: RunOutcome | null;
  log: GateLog;
  done: Promise<void>;
}

const waiting = (entry: QueueEntryRow) => entry.state !== 'landed' && entry.state !== 'ejected';

/**
 * One queue (a project's target branch), in order: the head's candidate is built on the
 * target's tip and gated; green lands it by compare-and-swap, red or a conflict ejects it, and
 * whatever was built on an older tip is rebuilt. With speculative depth 2 the next entry is
 * built and gated on top of the head's candidate at the same time; its result counts only if
 * the head lands (then that candidate is the tip), else it is discarded and rebuilt. Every
 * decision is made in `step`, one at a time, from the stored entries; runs only report back.
 */
export class QueueRunner {
  private readonly runs = new Map<string, Run>();
  private stepping: Promise<void> | null = null;
  private again = false;
  private closed = false;

  constructor(
    readonly projectId: string,
    readonly targetBranch: string,
    private readonly deps: QueueRunnerDeps,
  ) {}

  /** Looks at the queue again soon (requests while a step runs make one more step). */
  schedule(): void {
    if (this.closed) return;
    if (this.stepping) {
      this.again = true;
      return;
    }
    this.stepping = (async () => {
      try {
        do {
          this.again = false;
          await this.step();
        } while (this.again && !this.closed);
      } catch (error) {
        this.deps.log(`[merge-queue] ${this.targetBranch}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      } finally {
        this.stepping = null;
      }
    })();
  }

  /** Resolves when no step runs (tests and shutdown). */
  async idle(): Promise<void> {
    while (this.stepping) await this.stepping;
  }

  /** The running attempt's log, or null when the entry is not running. */
  liveLog(entryId: string): { text: string; clipped: boolean } | null {
    return this.runs.get(entryId)?.log.text() ?? null;
  }

  gateOf(entryId: string): GateCommandView | null {
    return this.runs.get(entryId)?.gate ?? null;
  }

  /** Stops the entry's run, if any, and waits until its gate and everything it started are gone and its scratch worktree is given back. */
  async stopRun(entryId: string): Promise<void> {
    const run = this.runs.get(entryId);
    if (!run) return;
    this.discard(run);
    await run.done;
  }

  /** Stops every run (their entries wait again) and waits for them. */
  async stopAll(): Promise<void> {
    await Promise.all([...this.runs.keys()].map((entryId) => this.stopRun(entryId)));
  }

  /** Shutdown: runs are stopped; their entries stay as stored and are rebuilt from scratch at the next start. */
  async close(): Promise<void> {
    this.closed = true;
    await this.idle();
    const runs = [...this.runs.values()];
    for (const run of runs) run.abort.abort();
    await Promise.all(runs.map((run) => run.done));
  }

  private get store() {
    return this.deps.context.store;
  }

  private async step(): Promise<void> {
    const state = this.store.mergeQueue.queueState(this.projectId, this.targetBranch);
    const entries = this.store.mergeQueue.listQueue(this.projectId, this.targetBranch).filter(waiting);
    if (state.paused) {
      for (const run of [...this.runs.values()]) this.discard(run);
      await this.clearLanes();
      return;
    }
    const settings = this.deps.settings.get(this.projectId);
    for (const run of [...this.runs.values()]) {
      if (!this.fits(run, entries, settings)) this.discard(run);
    }
    if (entries.length === 0 && this.runs.size === 0) {
      await this.clearLanes();
      return;
    }
    const [head, next] = entries;
    const headRun = head && this.runs.get(head.id);
    if (head && headRun?.outcome) {
      await this.apply(headRun, head);
      this.again = true;
      return;
    }
    if (head && !headRun) this.start(head, null, [], 0);
    const ahead = head && this.runs.get(head.id);
    if (settings.speculative && head && next && !this.runs.has(next.id) && ahead?.built && !ahead.outcome) {
      this.start(next, ahead.built.commit, [head.id], 1);
    }
  }

  /** Nothing to run (idle or paused): the lanes' checkouts go; a queue that runs again makes them anew. */
  private async clearLanes(): Promise<void> {
    const project = this.store.projects.get(this.projectId);
    if (project && this.deps.scratch.hasLanes(this.projectId, this.targetBranch)) await this.deps.scratch.clearQueue(project, this.projectId, this.targetBranch);
  }

  /** Whether a run still tests what the queue's order asks for now. */
  private fits(run: Run, entries: QueueEntryRow[], settings: QueueSettings): boolean {
    const index = entries.findIndex((entry) => entry.id === run.entryId);
    if (index === 0) return run.stack.length === 0;
    if (index !== 1 || !settings.speculative) return false;
    const head = entries[0];
    const headRun = head && this.runs.get(head.id);
    return run.stack.length === 1 && run.stack[0] === head?.id && headRun?.built?.commit === run.onto && headRun.outcome?.kind !== 'eject';
  }

  /** Stops a run that no longer fits; its entry waits to be rebuilt. */
  private discard(run: Run): void {
    if (this.runs.get(run.entryId) === run) this.runs.delete(run.entryId);
    if (run.abort.signal.aborted) return;
    run.abort.abort();
    const entry = this.store.mergeQueue.get(run.entryId);
    if (entry && waiting(entry)) this.progress(entry.id, { state: 'queued', speculative: false, landing: null });
  }

  private progress(entryId: string, progress: QueueEntryProgress): void {
    this.store.mergeQueue.setProgress(entryId, progress);
    this.deps.changed();
  }

  private start(entry: QueueEntryRow, onto: string | null, stack: string[], priority: 0 | 1): void {
    const run: Run = {
      entryId: entry.id,
      attempt: entry.attempts + 1,
      onto,
      stack,
      priority,
      abort: new AbortController(),
      built: null,
      gate: null,
      outcome: null,
      log: new GateLog((chunk) => this.deps.output(entry.id, chunk)),
      done: Promise.resolve(),
    };
    this.runs.set(entry.id, run);
    run.done = this.execute(run, entry)
      .catch((error: unknown) => {
        this.deps.log(`[merge-queue] entry ${entry.id}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        run.outcome = { kind: 'eject', ejection: ejection('invalid', `Braid failed while testing it: ${error instanceof Error ? error.message : String(error)}`, run.onto) };
      })
      .finally(() => {
        if (!run.abort.signal.aborted) this.schedule();
      });
  }

  /** Builds the candidate, gates it, and leaves the outcome on the run; writes nothing once aborted. */
  private async execute(run: Run, entry: QueueEntryRow): Promise<void> {
    const { context } = this.deps;
    const aborted = () => run.abort.signal.aborted;
    const write = (progress: Omit<QueueEntryProgress, 'state'> & { state?: QueueEntryProgress['state'] }) => {
      if (!aborted()) this.progress(entry.id, { state: 'building', ...progress });
    };
    const opened = openTaskWorkspace(context, entry.taskId, 'branch');
    if (!opened.ok) {
      run.outcome = { kind: 'eject', ejection: ejection('invalid', opened.error.message, null) };
      return;
    }
    const { project, workspace } = opened.data;
    const target = { id: workspace.id, path: workspace.path, branch: workspace.branch, baseBranch: this.targetBranch };
    run.onto ??= await readTip(project.path, this.targetBranch);
    if (aborted()) return;
    const onto = run.onto;
    if (!onto) {
      run.outcome = { kind: 'eject', ejection: ejection('invalid', `The target branch "${this.targetBranch}" does not exist any more.`, null) };
      return;
    }
    this.store.mergeQueue.writeLog(entry.id, null);
    write({ speculative: run.stack.length > 0, attempts: run.attempt, startedAt: context.now(), finishedAt: null, targetCommit: onto, candidateCommit: null, ejection: null });
    const settings = this.deps.settings.get(this.projectId);
    if (settings.reviewGate && this.deps.reviewGate) {
      const verdict = this.deps.reviewGate(entry.taskId);
      if (verdict.blocked) {
        run.outcome = { kind: 'eject', ejection: ejection('review-gate', verdict.message, onto) };
        return;
      }
    }

    const built = await buildCandidate(project, target, entry.options, onto);
    if (aborted()) return;
    if (built.kind === 'conflicts') {
      const message = `It conflicts with ${this.targetBranch} at ${onto.slice(0, 10)} in ${built.files.join(', ')}.`;
      run.outcome = { kind: 'eject', ejection: { ...ejection('conflict', message, onto), files: built.files } };
      return;
    }
    if (built.kind === 'refused') {
      run.outcome = { kind: 'eject', ejection: ejection(built.reason, built.message, onto) };
      return;
    }
    run.built = built;
    write({ candidateCommit: built.commit });
    // The entry behind may now be built on top of this candidate.
    this.schedule();

    const gate = await resolveGate(project.path, onto, settings);
    run.gate = gate.view;
    if (run.stack.length === 0) this.deps.gateResolved(gate.view);
    if (aborted()) return;
    const hold = gateHold(gate, this.targetBranch, (contentHash) => this.deps.trust.isTrusted(this.projectId, contentHash));
    if (hold) {
      run.log.note(hold);
      run.outcome = { kind: 'hold', reason: hold, targetCommit: onto };
      return;
    }
    if (!gate.test) {
      run.log.note('No gate command is set for this project: a clean merge lands.');
      this.store.mergeQueue.writeLog(entry.id, run.log.text().text);
      run.outcome = { kind: 'passed', gateMs: 0 };
      return;
    }
    const outcome = await gateCandidate(this.deps, {
      project,
      projectId: this.projectId,
      targetBranch: this.targetBranch,
      taskId: entry.taskId,
      branch: workspace.branch,
      strategy: entry.options.strategy,
      onto,
      candidate: built.commit,
      plan: { ...gate, test: gate.test },
      settings,
      linkMode: this.deps.linkModes.get(this.projectId),
      priority: run.priority,
      signal: run.abort.signal,
      log: run.log,
      testing: () => write({ state: 'testing' }),
    });
    if (!outcome || aborted()) return;
    this.store.mergeQueue.writeLog(entry.id, run.log.text().text);
    run.outcome = outcome;
  }

  /** Applies the head's outcome: land it, eject it, or (the target moved under it) build it again. */
  private async apply(run: Run, entry: QueueEntryRow): Promise<void> {
    this.runs.delete(run.entryId);
    const outcome = run.outcome;
    const project = this.store.projects.get(this.projectId);
    if (!outcome || !project) return;
    if (outcome.kind !== 'passed') {
      // Judged on an older tip (the target moved meanwhile): judge it again on the new one.
      const judgedOn = outcome.kind === 'eject' ? outcome.ejection.targetCommit : outcome.targetCommit;
      if (judgedOn && (await readTip(project.path, this.targetBranch)) !== judgedOn) {
        this.progress(entry.id, { state: 'queued', speculative: false });
        return;
      }
      if (outcome.kind === 'eject') this.eject(entry, outcome.ejection);
      else {
        // The target's doing, not the entry's: the queue waits with the reason, the entry keeps its place.
        this.progress(entry.id, { state: 'queued', speculative: false });
        this.store.mergeQueue.setPaused(this.projectId, this.targetBranch, true, outcome.reason);
        this.deps.changed();
      }
      return;
    }
    const built = run.built;
    if (!built || !run.onto) return;
    this.progress(entry.id, {
      state: 'landing',
      speculative: false,
      landing: {
        targetCommit: run.onto,
        candidateCommit: built.commit,
        workspaceHead: built.inputs.workspaceHead,
        workspaceCommit: built.inputs.workspaceCommit,
        landedCommits: built.landed,
        selective: built.inputs.selection !== null,
        gateCommand: run.gate?.command ?? null,
        gateMs: outcome.gateMs,
      },
    });
    const landed = await landCandidate(this.deps.context.inRepoQueue, built.inputs, built.commit, built.landed, this.deps.context.now());
    if (!landed.ok) {
      this.progress(entry.id, { state: 'queued', landing: null });
      if (landed.error.code === 'CHECKOUT_HAS_CHANGES') {
        // Refused exactly as a manual merge is; the entry keeps its place until the checkout is clean.
        this.store.mergeQueue.setPaused(this.projectId, this.targetBranch, true, landed.error.message);
        this.deps.changed();
      } else if (landed.error.code !== 'MERGE_OUTDATED') {
        this.eject(entry, ejection('invalid', landed.error.message, run.onto));
      }
      return;
    }
    const record = landed.data;
    this.progress(entry.id, { state: 'landed', finishedAt: this.deps.context.now(), landing: null, landed: { previousCommit: record.previousCommit, newCommit: record.newCommit } });
    // The entry tested on top of this candidate is now tested on the tip.
    for (const other of this.runs.values()) if (other.stack[0] === entry.id) other.stack = [];
    markWorkspaceMerged(this.deps.context, record);
    const task = this.store.tasks.get(entry.taskId);
    void this.deps.context.events.publish('queue.entryLanded', {
      projectId: this.projectId,
      taskId: entry.taskId,
      pipelineId: task?.pipelineId ?? null,
      taskTitle: task?.title ?? 'A task',
      entryId: entry.id,
      workspaceId: record.workspaceId,
      strategy: record.strategy,
      selective: record.selective,
      files: record.files,
      targetBranch: this.targetBranch,
      targetBefore: record.previousCommit,
      targetAfter: record.newCommit,
      gateCommand: run.gate?.command ?? null,
      gateMs: outcome.gateMs,
    });
  }

  private eject(entry: QueueEntryRow, reason: QueueEjection): void {
    this.progress(entry.id, { state: 'ejected', speculative: false, finishedAt: this.deps.context.now(), ejection: reason, landing: null });
    const task = this.store.tasks.get(entry.taskId);
    void this.deps.context.events.publish('queue.entryEjected', {
      projectId: this.projectId,
      taskId: entry.taskId,
      pipelineId: task?.pipelineId ?? null,
      taskTitle: task?.title ?? 'A task',
      entryId: entry.id,
      targetBranch: this.targetBranch,
      kind: reason.kind,
      message: reason.message,
      files: reason.files,
      exitCode: reason.exitCode,
      command: reason.command,
      targetCommit: reason.targetCommit,
    });
  }
}

async function readTip(repo: string, branch: string): Promise<string | null> {
  const ref = `refs/heads/${branch}`;
  return (await readBranchTips(repo, [ref])).get(ref)?.commit ?? null;
}

