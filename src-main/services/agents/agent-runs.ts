import { fail, ok, type Result, type Task } from '../../../src-shared/contract';
import type { ResolvedModel, RunOutcome } from './agent-run';
import type { AgentServiceOptions } from './agent-service-options';
import type { AgentStatus, RunStart } from './agent-status';
import type { Approvals } from './approvals';
import { Conversation } from './conversation';
import type { EndingRuns } from './ending-runs';
import { runExternalAgent } from './external-agent-run';
import { markUnfinishedAnswer } from './interrupted-runs';
import { runOwnAgent } from './own-agent-run';
import type { PendingReplies } from './pending-replies';
import { runCallbacks } from './run-callbacks';
import type { AgentScheduler } from './scheduler';
import type { TurnOptions } from './turn-options';

/** A run going now: what Stop aborts, the conversation messages join, and what `close` waits for. */
export interface ActiveRun {
  controller: AbortController;
  conversation: Conversation;
  done: Promise<void>;
  /** An external agent's run: messages sent meanwhile wait here for its next prompt turn. */
  inbox: string[] | null;
}

/** What the agent service shares with its runs. */
export interface AgentRunParts {
  scheduler: AgentScheduler;
  turn: TurnOptions;
  ending: EndingRuns;
  approvals: Approvals;
  questions: PendingReplies<string>;
  status: AgentStatus;
}

/**
 * The run lifecycle, one run at a time per task: queued for a slot, started on the task's
 * engine (Braid's own loop, `own-agent-run.ts`, or an external agent, `external-agent-run.ts`),
 * ending (its loop done, its end recorded: the turn's checkpoint, the final status), ended; a
 * message sent while it was ending starts the next.
 */
export class AgentRuns {
  private readonly active = new Map<string, ActiveRun>();
  private shuttingDown = false;

  constructor(
    private readonly options: AgentServiceOptions,
    private readonly parts: AgentRunParts,
  ) {}

  /** Braid is shutting down: no run starts any more. */
  get closing(): boolean {
    return this.shuttingDown;
  }

  get(taskId: string): ActiveRun | undefined {
    return this.active.get(taskId);
  }

  /** Whether a run of the task is going or waiting for a slot. */
  isRunning(taskId: string): boolean {
    return this.active.has(taskId) || this.parts.scheduler.has(taskId);
  }

  /** Stops every run (their status becomes `interrupted`) and waits for them to end. */
  async close(): Promise<void> {
    this.shuttingDown = true;
    const runs = [...this.active.values()];
    for (const run of runs) run.controller.abort(new Error('Braid is shutting down.'));
    await Promise.all(runs.map((run) => run.done));
  }

  /** Queues a run of the task; says whether it started at once (else it is `queued`, visibly). */
  start(task: Task, runStart: RunStart): boolean {
    const { scheduler, status } = this.parts;
    const startedNow = scheduler.enqueue(task.id, () => this.run(task.id, runStart));
    if (!startedNow) status.set(task.id, 'queued', `Waiting for a free agent slot (${scheduler.concurrency} run at once).`);
    return startedNow;
  }

  /**
   * Whether the task's engine can run now: Braid's own agent needs its model resolved (`model`:
   * a slash command's), an external agent needs its program installed (`ENGINE_NOT_INSTALLED`
   * says how to install it).
   */
  async canRun(task: Task, model?: string | null): Promise<Result<ResolvedModel | null>> {
    if (task.engine.kind === 'braid') return this.options.models.resolve(model ?? task.agent.model, task.role);
    if (!this.options.external) return fail('UNSUPPORTED', 'External agents cannot run in this Braid.');
    const checked = this.options.external.check(task);
    return checked.ok ? ok(null) : checked;
  }

  private async run(taskId: string, runStart: RunStart): Promise<void> {
    const { store, writer } = this.options;
    const { scheduler, turn, ending, status } = this.parts;
    const task = store.tasks.get(taskId);
    if (!task || this.closing) return turn.endRun(taskId);
    const ready = await this.canRun(task, turn.modelOf(taskId));
    if (!ready.ok) {
      turn.endRun(taskId);
      writer.push(taskId, { kind: 'error', message: ready.error.message, code: ready.error.code, retryable: true });
      writer.flush();
      status.set(taskId, 'failed', ready.error.message);
      return;
    }
    writer.flush();
    const stored = store.timeline.from(taskId, 0);
    const conversation = Conversation.fromTimeline(stored);
    // A cut answer not yet marked (a timeline from before answers were marked): never build on it.
    markUnfinishedAnswer(writer, taskId, conversation, 'interrupted');
    const controller = new AbortController();
    let finished!: () => void;
    const done = new Promise<void>((resolve) => (finished = resolve));
    const inbox = task.engine.kind === 'braid' ? null : [];
    const entry: ActiveRun = { controller, conversation, done, inbox };
    this.active.set(taskId, entry);
    // Once the loop is done nothing given to the run reaches it: a message sent from then on waits
    // for the next run (`afterRun`). Braid's own loop says so before closing its tools.
    const loopEnded = () => {
      if (this.active.get(taskId) !== entry) return;
      ending.begin(taskId);
      void scheduler.runEnded(taskId).then(() => this.afterRun(taskId));
      this.active.delete(taskId);
      turn.endRun(taskId);
    };
    if (ready.data) store.tasks.setContextWindow(taskId, ready.data.contextWindow);
    status.set(taskId, 'running', null, runStart);

    const callbacks = runCallbacks(task, { options: this.options, ...this.parts });
    const signal = controller.signal;
    let outcome: RunOutcome;
    try {
      outcome = ready.data
        ? await runOwnAgent(this.options, {
            task,
            model: ready.data,
            stored,
            conversation,
            signal,
            callbacks,
            askUser: (callId, wait) => this.parts.questions.wait(taskId, callId, wait),
            waitOutsideSlot: (work) => this.waitOutsideSlot(taskId, signal, work),
            loopEnded,
          })
        : await runExternalAgent(this.options.external!, this.options, {
            task,
            runStart,
            stored,
            conversation,
            inbox: inbox ?? [],
            signal,
            callbacks,
            askUser: (callId, wait) => this.parts.questions.wait(taskId, callId, wait),
          });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.options.log?.(`[agents] run of ${taskId} crashed: ${error instanceof Error ? (error.stack ?? message) : message}`);
      writer.push(taskId, { kind: 'error', message: `The agent stopped unexpectedly: ${message}`, code: 'INTERNAL', retryable: true });
      outcome = { kind: 'failed', reason: message, code: 'INTERNAL' };
    } finally {
      loopEnded();
    }
    writer.flush();
    // Stopped (or shut down) while the model was answering: that answer is incomplete.
    markUnfinishedAnswer(writer, taskId, conversation, this.closing || outcome.kind !== 'stopped' ? 'interrupted' : 'stopped');
    if (conversation.step > 0) await this.options.events.publish('agent.turnEnded', { taskId, workspaceId: task.workspace.id, turn: conversation.step });
    if (this.closing && outcome.kind === 'stopped') {
      status.set(taskId, 'interrupted', 'Braid stopped while this task was running. Resume continues from where it was.');
    } else if (outcome.kind === 'done') status.set(taskId, 'done', outcome.reason ?? null);
    else if (outcome.kind === 'stopped') status.set(taskId, 'stopped', 'Stopped by you. Send a message or Resume to continue.');
    else status.set(taskId, outcome.kind, outcome.reason);
    finished();
  }

  /**
   * Runs `work` while the task's run waits for other runs (its subagents'), without holding its
   * run slot, so they can have it (one slot cannot deadlock); takes a slot again before the run
   * goes on. Stop ends the wait for the slot.
   */
  private async waitOutsideSlot<T>(taskId: string, signal: AbortSignal, work: () => Promise<T>): Promise<T> {
    this.parts.scheduler.release(taskId);
    try {
      return await work();
    } finally {
      await this.parts.scheduler.reacquire(taskId, signal);
    }
  }

  /** The run has left the scheduler: messages sent while it was ending start the next one. */
  private afterRun(taskId: string): void {
    const followUp = this.parts.ending.end(taskId);
    if (followUp === undefined || this.closing || this.isRunning(taskId)) return;
    const task = this.options.store.tasks.get(taskId);
    if (!task || task.workspace.state !== 'ready') return;
    this.parts.turn.addAllowRules(taskId, followUp.allowRules);
    if (followUp.model) this.parts.turn.setModel(taskId, followUp.model);
    this.start(task, 'new');
  }
}
