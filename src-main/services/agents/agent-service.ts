import { fail, ok, setupBlocksAgent, type Result, type Task, type TaskStatus, type TimelineEvent, type TimelineEventBody } from '../../../src-shared/contract';
import { AgentRuns } from './agent-runs';
import type { AgentServiceOptions, SendOptions } from './agent-service-options';
import { AgentStatus } from './agent-status';
import { Approvals } from './approvals';
import { compactConversation } from './compact-conversation';
import { Conversation } from './conversation';
import { EndingRuns } from './ending-runs';
import { markInterruptedRuns } from './interrupted-runs';
import { PendingReplies } from './pending-replies';
import { AgentScheduler } from './scheduler';
import { TurnOptions } from './turn-options';
import { taskNotFound } from '../workspaces/open-task-workspace';

/**
 * One agent per task: starts, queues, stops, resumes and feeds runs (their lifecycle:
 * `agent-runs.ts`); keeps each run's status in the task row and everything it says in the
 * task's timeline; takes the user's answers to approvals and questions.
 */
export class AgentService {
  private readonly scheduler: AgentScheduler;
  private readonly runs: AgentRuns;
  private readonly approvals: Approvals;
  private readonly questions = new PendingReplies<string>();
  /** A slash command's allowed tools and model for the turn it starts, until that run ends. */
  private readonly turn = new TurnOptions();
  /** Runs whose loop is done while they record their end; messages sent then start the next run. */
  private readonly ending = new EndingRuns();
  private readonly status: AgentStatus;

  constructor(private readonly options: AgentServiceOptions) {
    this.scheduler = new AgentScheduler(options.concurrency);
    this.status = new AgentStatus(options);
    this.approvals = new Approvals(options);
    const { scheduler, turn, ending, approvals, questions, status } = this;
    this.runs = new AgentRuns(options, { scheduler, turn, ending, approvals, questions, status });
  }

  /** After a restart: runs that were going when the host stopped become interrupted, with Resume. */
  recoverAfterRestart(): void {
    markInterruptedRuns(this.options.store, this.options.writer, this.status);
  }

  setConcurrency(limit: number): void {
    this.scheduler.setLimit(limit);
  }

  get concurrency(): number {
    return this.scheduler.concurrency;
  }

  /** Messages the model has not seen yet (sent while it was answering). */
  queuedMessages(taskId: string): number {
    const run = this.runs.get(taskId);
    return run?.inbox ? run.inbox.length : (run?.conversation.queuedMessages ?? 0);
  }

  /** The stored task with what only the running agent knows (messages it has not read yet). */
  decorate(task: Task): Task {
    const queued = this.queuedMessages(task.id);
    return queued === 0 ? task : { ...task, agent: { ...task.agent, queuedMessages: queued } };
  }

  history(taskId: string, beforeSeq: number | undefined, limit: number): Result<{ events: TimelineEvent[]; hasMore: boolean }> {
    if (!this.options.store.tasks.get(taskId)) return taskNotFound();
    this.options.writer.flush();
    return ok(this.options.store.timeline.page(taskId, beforeSeq ?? Number.MAX_SAFE_INTEGER, limit));
  }

  /**
   * A message from the user: starts a run, or is queued for the running one's next step.
   * `allowRules` (a slash command's `allowed-tools`) pre-approve calls until that run ends;
   * `model` is the model of the run it starts.
   */
  async send(taskId: string, text: string, options: SendOptions = {}): Promise<Result<{ delivery: 'started' | 'queued' | 'delivered' }>> {
    if (this.runs.closing) return fail('BUSY', 'Braid is shutting down.');
    const task = this.options.store.tasks.get(taskId);
    if (!task) return taskNotFound();
    if (task.workspace.state !== 'ready') return fail('WORKSPACE_NOT_READY', `The task's workspace is ${task.workspace.state}; the agent can only work in a ready workspace.`);
    const settingUp = setupBlocksAgent(task.workspace.setup);
    if (settingUp) return fail('WORKSPACE_NOT_READY', settingUp);
    const body: TimelineEventBody = { kind: 'user_message', text, ...(options.command ? { command: options.command } : {}) };
    if (this.ending.has(taskId)) {
      // Too late for this run (its loop is done): the next one starts with it once this one has ended.
      this.options.writer.push(taskId, body);
      this.options.writer.flush();
      this.ending.addFollowUp(taskId, options);
      this.options.notifyTaskChanged(taskId);
      return ok({ delivery: 'queued' });
    }
    if (this.isRunning(taskId)) this.turn.addAllowRules(taskId, options.allowRules ?? []);
    const run = this.runs.get(taskId);
    if (run) {
      this.options.writer.push(taskId, body);
      run.conversation.add(body);
      run.inbox?.push(text);
      this.options.notifyTaskChanged(taskId);
      return ok({ delivery: 'queued' });
    }
    // Scheduled but not yet reading its timeline: the run will find the message there.
    if (this.scheduler.has(taskId)) {
      if (options.model) this.turn.setModel(taskId, options.model);
      this.options.writer.push(taskId, body);
      return ok({ delivery: 'delivered' });
    }
    const ready = await this.runs.canRun(task, options.model);
    if (!ready.ok) return ready;
    if (this.runs.closing) return fail('BUSY', 'Braid is shutting down.');
    // Resolving took a moment: a run may have started meanwhile (a double click).
    if (this.isRunning(taskId)) return this.send(taskId, text, options);
    // Only now, with nothing running: rules added before a refusal would outlive this turn.
    this.turn.addAllowRules(taskId, options.allowRules ?? []);
    if (options.model) this.turn.setModel(taskId, options.model);
    this.options.writer.push(taskId, body);
    this.options.writer.flush();
    return ok({ delivery: this.runs.start(task, 'new') ? 'started' : 'queued' });
  }

  /** Starts a new task's first run with its prompt, when a model is configured. */
  async startWithPrompt(taskId: string): Promise<void> {
    try {
      await this.startWithPromptUnguarded(taskId);
    } catch (error) {
      // Runs detached from any request: a failure is logged, never an unhandled rejection.
      this.options.log?.(`[agents] could not start ${taskId}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private async startWithPromptUnguarded(taskId: string): Promise<void> {
    if (this.runs.closing) return;
    const task = this.options.store.tasks.get(taskId);
    if (!task || !task.prompt.trim() || task.agent.status !== 'idle') return;
    const ready = await this.runs.canRun(task);
    if (this.runs.closing) return;
    if (!ready.ok) {
      this.status.set(taskId, 'idle', `${ready.error.message} The task will start when you send a message.`);
      return;
    }
    await this.send(taskId, task.prompt);
  }

  /** Stops the task's run and its subagents' runs (a parent waiting for them stops them too, and waits for them to end). */
  stop(taskId: string): Result<{ stopped: true }> {
    const children = this.options.store.tasks.listChildren(taskId).filter((child) => this.isRunning(child.id));
    for (const child of children) this.stop(child.id);
    if (this.scheduler.cancel(taskId)) {
      this.status.set(taskId, 'stopped', null);
      return ok({ stopped: true });
    }
    const run = this.runs.get(taskId);
    if (!run) return children.length > 0 ? ok({ stopped: true }) : fail('NOT_FOUND', 'The agent is not running.');
    run.controller.abort(new Error('Stopped by the user.'));
    return ok({ stopped: true });
  }

  /** Stops a run if one is going and waits until it has ended (used before deleting a task). */
  async stopAndWait(taskId: string): Promise<void> {
    this.scheduler.cancel(taskId);
    const run = this.runs.get(taskId);
    if (run) {
      run.controller.abort(new Error('The task is being deleted.'));
      await run.done;
    }
    // An external agent kept between runs goes with its task.
    await this.options.external?.release(taskId);
  }

  /** Continue after a pause, a failure, a stop or an interruption, from the stored conversation. */
  async resume(taskId: string): Promise<Result<{ resumed: true }>> {
    const task = this.options.store.tasks.get(taskId);
    if (!task) return taskNotFound();
    if (this.isRunning(taskId)) return fail('BUSY', 'The agent is already running.');
    if (task.workspace.state !== 'ready') return fail('WORKSPACE_NOT_READY', `The task's workspace is ${task.workspace.state}.`);
    const settingUp = setupBlocksAgent(task.workspace.setup);
    if (settingUp) return fail('WORKSPACE_NOT_READY', settingUp);
    // The run ended at the gate on purpose: going on is the user's decision on the plan, not a resume.
    if (task.agent.status === 'plan_review') {
      return fail('BUSY', `${task.agent.statusReason ?? 'The plan awaits approval'}: approve it, request changes or reject it (or send the agent a message).`);
    }
    const ready = await this.runs.canRun(task);
    if (!ready.ok) return ready;
    if (this.isRunning(taskId)) return fail('BUSY', 'The agent is already running.');
    if (task.agent.status === 'paused') {
      // The user said "continue": give the limit that was hit as much room again.
      this.options.store.tasks.resetStepCount(taskId);
      const { maxCostUsd } = task.agent.limits;
      const cost = task.agent.usage.costUsd;
      if (maxCostUsd !== null && cost !== null && cost >= maxCostUsd) this.options.store.tasks.setLimits(taskId, task.agent.limits.maxSteps, cost + maxCostUsd);
    }
    this.runs.start(task, 'resume');
    return ok({ resumed: true });
  }

  /** The user's answer to an approval (`Approvals.decide`: "Always allow" saves its rule first). */
  decide(taskId: string, callId: string, approved: boolean, reason: string | null, alwaysAllow: string | null = null): Result<{ decided: true; savedRule: string | null }> {
    return this.approvals.decide(taskId, callId, approved, reason, alwaysAllow);
  }

  /** The user's answer to an `ask_user` question; a second answer (a double click) is refused, never delivered twice. */
  answer(taskId: string, callId: string, answer: string): Result<{ answered: true }> {
    if (!this.questions.reply(taskId, callId, answer)) {
      return fail('NOT_FOUND', 'Nothing is waiting for an answer to that question any more (it was already answered, or the run ended; Resume asks it again).');
    }
    return ok({ answered: true });
  }

  /**
   * Resolves once the task's current run has ended and left the scheduler (at once when none
   * runs): `agent.statusChanged` says `done` while the run is still finishing, so a rule that
   * reacts by starting work on the task (a review of it) waits for this first.
   */
  runEnded(taskId: string): Promise<void> {
    return this.scheduler.runEnded(taskId);
  }

  /**
   * Resolves at once, unless the task's run is ending (its loop is done, its end still being
   * recorded): then once it has ended. A decision that sets the task's status after its run
   * (a plan approved at the gate) waits for this, or the run's own final status would win.
   */
  afterEndingRun(taskId: string): Promise<void> {
    return this.ending.has(taskId) ? this.scheduler.runEnded(taskId) : Promise.resolve();
  }

  /** Whether a run of the task is going or waiting for a slot. */
  isRunning(taskId: string): boolean {
    return this.runs.isRunning(taskId);
  }

  /**
   * Appends a fact about the task to its timeline (a plan version the user wrote, a decision);
   * a running agent's conversation gets it too, at its next step.
   */
  note(taskId: string, body: TimelineEventBody): void {
    this.options.writer.push(taskId, body);
    this.runs.get(taskId)?.conversation.add(body);
    this.options.writer.flush();
  }

  /**
   * Sets the status of a task whose agent is not running (a plan decided at the gate: `done`,
   * "Plan v2 approved"); a running agent's own status wins. Says whether it was set.
   */
  settle(taskId: string, status: TaskStatus, reason: string | null): boolean {
    if (this.isRunning(taskId)) return false;
    this.status.set(taskId, status, reason);
    return true;
  }

  async setModel(taskId: string, ref: string | null): Promise<Result<{ model: string | null }>> {
    const task = this.options.store.tasks.get(taskId);
    if (!task) return taskNotFound();
    if (task.engine.kind !== 'braid') return fail('UNSUPPORTED', 'This task’s agent is an external one: it uses the model it is set up with.');
    if (ref !== null) {
      const resolved = await this.options.models.resolve(ref, task.role);
      if (!resolved.ok) return resolved;
    }
    this.options.store.tasks.setModel(taskId, ref);
    this.options.notifyTaskChanged(taskId);
    return ok({ model: ref });
  }

  setLimits(taskId: string, maxSteps: number, maxCostUsd: number | null): Result<{ maxSteps: number; maxCostUsd: number | null }> {
    if (!this.options.store.tasks.get(taskId)) return taskNotFound();
    this.options.store.tasks.setLimits(taskId, maxSteps, maxCostUsd);
    this.options.notifyTaskChanged(taskId);
    return ok({ maxSteps, maxCostUsd });
  }

  /**
   * `/clear`: later turns see nothing said before now; the history stays for the user, behind
   * a marker. Refused while the agent runs (its current turn is built on what came before).
   */
  clearContext(taskId: string): Result<{ cleared: true }> {
    if (!this.options.store.tasks.get(taskId)) return taskNotFound();
    if (this.isRunning(taskId)) return fail('BUSY', 'Stop the agent or wait for it to finish before clearing its context.');
    this.options.writer.push(taskId, { kind: 'context_cleared' });
    this.options.writer.flush();
    return ok({ cleared: true });
  }

  /** `/compact` by hand: summarise now; the originals stay in the timeline. */
  async compactNow(taskId: string): Promise<Result<{ compacted: true }>> {
    const task = this.options.store.tasks.get(taskId);
    if (!task) return taskNotFound();
    if (task.engine.kind !== 'braid') return fail('UNSUPPORTED', 'This task’s agent is an external one: it manages its own context.');
    if (this.isRunning(taskId)) return fail('BUSY', 'Stop the agent or wait for it to finish before compacting.');
    const model = await this.options.models.resolve(task.agent.model, task.role);
    if (!model.ok) return model;
    this.options.writer.flush();
    const conversation = Conversation.fromTimeline(this.options.store.timeline.from(taskId, 0));
    try {
      await compactConversation(this.options, taskId, model.data, conversation, AbortSignal.timeout(120_000));
    } catch (error) {
      return fail('PROVIDER_ERROR', `Compaction failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    return ok({ compacted: true });
  }

  /** Stops every run (their status becomes `interrupted`) and waits for them to end. */
  async close(): Promise<void> {
    await this.runs.close();
    await this.options.external?.close();
    this.options.writer.flush();
    this.status.close();
  }
}
