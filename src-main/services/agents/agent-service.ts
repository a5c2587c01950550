import {
  busyTaskStatuses,
  fail,
  ok,
  setupBlocksAgent,
  type Result,
  type Task,
  type TaskStatus,
  type TimelineEvent,
  type TimelineEventBody,
} from '../../../src-shared/contract';
import { runAgent, type ApprovalDecision, type ResolvedModel, type RunOutcome } from './agent-run';
import type { AgentServiceOptions, SendOptions } from './agent-service-options';
import { createAskUserTool } from './ask-user';
import { compactConversation } from './compact-conversation';
import { Conversation } from './conversation';
import type { LoopTool } from './loop-tools';
import { PendingReplies } from './pending-replies';
import type { PermissionDecision } from './permission-policy';
import { AgentScheduler } from './scheduler';
import { buildSystemPrompt } from './system-prompt';
import type { AgentToolset } from './toolset';
import { TurnOptions } from './turn-options';
import { taskNotFound } from '../workspaces/open-task-workspace';

/** A call waiting for its approval, so "Always allow" can check the rule against it. */
interface WaitingCall {
  name: string;
  args: unknown;
}

interface ActiveRun {
  controller: AbortController;
  conversation: Conversation;
  done: Promise<void>;
  /** An external agent's run: messages sent meanwhile wait here for its next prompt turn. */
  inbox: string[] | null;
}


/**
 * One agent per task: starts, queues, stops, resumes and feeds runs; keeps each run's
 * status in the task row and everything it says in the task's timeline.
 */
export class AgentService {
  private readonly scheduler: AgentScheduler;
  private readonly active = new Map<string, ActiveRun>();
  private readonly approvals = new PendingReplies<ApprovalDecision>();
  private readonly questions = new PendingReplies<string>();
  private readonly waitingCalls = new Map<string, WaitingCall>();
  /** A slash command's allowed tools and model for the turn it starts, until that run ends. */
  private readonly turn = new TurnOptions();
  /**
   * Tasks whose run is ending: its loop is done (nothing it is given now reaches it) and it is
   * recording its end (the toolset closing, the turn's checkpoint, the final status). A message
   * sent then starts the next run once it has ended (`followUps`).
   */
  private readonly ending = new Set<string>();
  /** Messages sent while a run was ending, by task: what they bring to the next run's turn. */
  private readonly followUps = new Map<string, { allowRules: string[]; model?: string }>();
  private closing = false;
  /** Set once every run has ended; the database closes right after. */
  private closed = false;

  constructor(private readonly options: AgentServiceOptions) {
    this.scheduler = new AgentScheduler(options.concurrency);
  }

  /**
   * Runs that were going when the host stopped are marked interrupted, with Resume. An answer
   * that was streaming then is marked incomplete, so Resume asks the model again.
   */
  recoverAfterRestart(): void {
    for (const status of busyTaskStatuses) {
      for (const taskId of this.options.store.tasks.idsWithStatus(status)) {
        const conversation = Conversation.fromTimeline(this.options.store.timeline.from(taskId, 0));
        const cut = this.markUnfinishedAnswer(taskId, conversation, 'interrupted');
        this.setStatus(
          taskId,
          'interrupted',
          cut
            ? 'Braid stopped while the agent was answering; the answer was cut off. Resume asks the model again.'
            : conversation.pendingToolCalls().some((call) => call.name === 'ask_user')
              ? 'Braid stopped while the agent’s question waited for your answer. Resume asks it again.'
              : 'Braid stopped while this task was running. Resume continues from where it was.',
        );
      }
    }
  }

  /**
   * Records that the answer still streaming where `conversation` ends was cut, when there is
   * one, before anything else is written; says whether there was.
   */
  private markUnfinishedAnswer(taskId: string, conversation: Conversation, reason: 'interrupted' | 'stopped'): boolean {
    const step = conversation.unfinishedStep();
    if (step === null) return false;
    const body: TimelineEventBody = { kind: 'answer_incomplete', step, reason };
    this.options.writer.push(taskId, body);
    // Durable before the status says the run ended: a crash right after must not lose it.
    this.options.writer.flush();
    conversation.add(body);
    return true;
  }

  setConcurrency(limit: number): void {
    this.scheduler.setLimit(limit);
  }

  get concurrency(): number {
    return this.scheduler.concurrency;
  }

  /** Messages the model has not seen yet (sent while it was answering). */
  queuedMessages(taskId: string): number {
    const run = this.active.get(taskId);
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
    if (this.closing) return fail('BUSY', 'Braid is shutting down.');
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
      const earlier = this.followUps.get(taskId);
      this.followUps.set(taskId, { allowRules: [...(earlier?.allowRules ?? []), ...(options.allowRules ?? [])], model: options.model ?? earlier?.model });
      this.options.notifyTaskChanged(taskId);
      return ok({ delivery: 'queued' });
    }
    const run = this.active.get(taskId);
    if (run || this.scheduler.has(taskId)) this.turn.addAllowRules(taskId, options.allowRules ?? []);
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
    const ready = await this.canRun(task, options.model);
    if (!ready.ok) return ready;
    if (this.closing) return fail('BUSY', 'Braid is shutting down.');
    // Resolving took a moment: a run may have started meanwhile (a double click).
    if (this.active.has(taskId) || this.scheduler.has(taskId)) return this.send(taskId, text, options);
    // Only now, with nothing running: rules added before a refusal would outlive this turn.
    this.turn.addAllowRules(taskId, options.allowRules ?? []);
    if (options.model) this.turn.setModel(taskId, options.model);
    this.options.writer.push(taskId, body);
    this.options.writer.flush();
    return ok({ delivery: this.start(task, 'new') ? 'started' : 'queued' });
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
    if (this.closing) return;
    const task = this.options.store.tasks.get(taskId);
    if (!task || !task.prompt.trim() || task.agent.status !== 'idle') return;
    const ready = await this.canRun(task);
    if (this.closing) return;
    if (!ready.ok) {
      this.setStatus(taskId, 'idle', `${ready.error.message} The task will start when you send a message.`);
      return;
    }
    await this.send(taskId, task.prompt);
  }

  /** Stops the task's run and its subagents' runs (a parent waiting for them stops them too, and waits for them to end). */
  stop(taskId: string): Result<{ stopped: true }> {
    const children = this.options.store.tasks.listChildren(taskId).filter((child) => this.isRunning(child.id));
    for (const child of children) this.stop(child.id);
    if (this.scheduler.cancel(taskId)) {
      this.setStatus(taskId, 'stopped', null);
      return ok({ stopped: true });
    }
    const run = this.active.get(taskId);
    if (!run) return children.length > 0 ? ok({ stopped: true }) : fail('NOT_FOUND', 'The agent is not running.');
    run.controller.abort(new Error('Stopped by the user.'));
    return ok({ stopped: true });
  }

  /**
   * Runs `work` while the task's run waits for other runs (its subagents'), without holding its
   * run slot, so they can have it (one slot cannot deadlock); takes a slot again before the run
   * goes on. Stop ends the wait for the slot.
   */
  private async waitOutsideSlot<T>(taskId: string, signal: AbortSignal, work: () => Promise<T>): Promise<T> {
    this.scheduler.release(taskId);
    try {
      return await work();
    } finally {
      await this.scheduler.reacquire(taskId, signal);
    }
  }

  /** Stops a run if one is going and waits until it has ended (used before deleting a task). */
  async stopAndWait(taskId: string): Promise<void> {
    this.scheduler.cancel(taskId);
    const run = this.active.get(taskId);
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
    if (this.active.has(taskId) || this.scheduler.has(taskId)) return fail('BUSY', 'The agent is already running.');
    if (task.workspace.state !== 'ready') return fail('WORKSPACE_NOT_READY', `The task's workspace is ${task.workspace.state}.`);
    const settingUp = setupBlocksAgent(task.workspace.setup);
    if (settingUp) return fail('WORKSPACE_NOT_READY', settingUp);
    // The run ended at the gate on purpose: going on is the user's decision on the plan, not a resume.
    if (task.agent.status === 'plan_review') {
      return fail('BUSY', `${task.agent.statusReason ?? 'The plan awaits approval'}: approve it, request changes or reject it (or send the agent a message).`);
    }
    const ready = await this.canRun(task);
    if (!ready.ok) return ready;
    if (this.active.has(taskId) || this.scheduler.has(taskId)) return fail('BUSY', 'The agent is already running.');
    if (task.agent.status === 'paused') {
      // The user said "continue": give the limit that was hit as much room again.
      this.options.store.tasks.resetStepCount(taskId);
      const { maxCostUsd } = task.agent.limits;
      const cost = task.agent.usage.costUsd;
      if (maxCostUsd !== null && cost !== null && cost >= maxCostUsd) this.options.store.tasks.setLimits(taskId, task.agent.limits.maxSteps, cost + maxCostUsd);
    }
    this.start(task, 'resume');
    return ok({ resumed: true });
  }

  /**
   * The user's answer to an approval. `alwaysAllow` (approving only): the rule, as the user
   * edited it, is saved for the project first (refused, with nothing decided, when it does not
   * parse or does not cover the call), so the next identical call runs without asking.
   */
  decide(taskId: string, callId: string, approved: boolean, reason: string | null, alwaysAllow: string | null = null): Result<{ decided: true; savedRule: string | null }> {
    const waiting = this.waitingCalls.get(`${taskId}\u0000${callId}`);
    const task = this.options.store.tasks.get(taskId);
    if (!waiting || !task) return fail('NOT_FOUND', 'Nothing is waiting for that approval any more (it was already decided, or the run ended).');
    let savedRule: string | null = null;
    if (approved && alwaysAllow !== null) {
      if (!this.options.policy.alwaysAllow) return fail('UNSUPPORTED', 'Rules cannot be saved here.');
      const saved = this.options.policy.alwaysAllow({ tool: waiting.name, args: waiting.args, role: task.role, task }, alwaysAllow);
      if (!saved.ok) return saved;
      savedRule = saved.data.rule;
    }
    if (!this.approvals.reply(taskId, callId, { approved, reason: approved ? null : reason, savedRule })) {
      return fail('NOT_FOUND', 'Nothing is waiting for that approval any more (it was already decided, or the run ended).');
    }
    return ok({ decided: true, savedRule });
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
    return this.active.has(taskId) || this.scheduler.has(taskId);
  }

  /**
   * Appends a fact about the task to its timeline (a plan version the user wrote, a decision);
   * a running agent's conversation gets it too, at its next step.
   */
  note(taskId: string, body: TimelineEventBody): void {
    this.options.writer.push(taskId, body);
    this.active.get(taskId)?.conversation.add(body);
    this.options.writer.flush();
  }

  /**
   * Sets the status of a task whose agent is not running (a plan decided at the gate: `done`,
   * "Plan v2 approved"); a running agent's own status wins. Says whether it was set.
   */
  settle(taskId: string, status: TaskStatus, reason: string | null): boolean {
    if (this.isRunning(taskId)) return false;
    this.setStatus(taskId, status, reason);
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
    if (this.active.has(taskId) || this.scheduler.has(taskId)) return fail('BUSY', 'Stop the agent or wait for it to finish before compacting.');
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
    this.closing = true;
    const runs = [...this.active.values()];
    for (const run of runs) run.controller.abort(new Error('Braid is shutting down.'));
    await Promise.all(runs.map((run) => run.done));
    await this.options.external?.close();
    this.options.writer.flush();
    this.closed = true;
  }

  private start(task: Task, runStart: 'new' | 'resume'): boolean {
    const startedNow = this.scheduler.enqueue(task.id, () => this.run(task.id, runStart));
    if (!startedNow) this.setStatus(task.id, 'queued', `Waiting for a free agent slot (${this.scheduler.concurrency} run at once).`);
    return startedNow;
  }

  /**
   * Whether the task's engine can run now: Braid's own agent needs its model resolved (`model`:
   * a slash command's), an external agent needs its program installed (`ENGINE_NOT_INSTALLED`
   * says how to install it).
   */
  private async canRun(task: Task, model?: string | null): Promise<Result<ResolvedModel | null>> {
    if (task.engine.kind === 'braid') return this.options.models.resolve(model ?? task.agent.model, task.role);
    if (!this.options.external) return fail('UNSUPPORTED', 'External agents cannot run in this Braid.');
    const checked = this.options.external.check(task);
    return checked.ok ? ok(null) : checked;
  }

  private async run(taskId: string, runStart: 'new' | 'resume'): Promise<void> {
    const { store, writer } = this.options;
    const task = store.tasks.get(taskId);
    if (!task || this.closing) return this.turn.endRun(taskId);
    const ready = await this.canRun(task, this.turn.modelOf(taskId));
    if (!ready.ok) {
      this.turn.endRun(taskId);
      writer.push(taskId, { kind: 'error', message: ready.error.message, code: ready.error.code, retryable: true });
      writer.flush();
      this.setStatus(taskId, 'failed', ready.error.message);
      return;
    }
    writer.flush();
    const stored = store.timeline.from(taskId, 0);
    const conversation = Conversation.fromTimeline(stored);
    // A cut answer not yet marked (a timeline from before answers were marked): never build on it.
    this.markUnfinishedAnswer(taskId, conversation, 'interrupted');
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
      this.ending.add(taskId);
      void this.scheduler.runEnded(taskId).then(() => this.afterRun(taskId));
      this.active.delete(taskId);
      this.turn.endRun(taskId);
    };
    if (ready.data) store.tasks.setContextWindow(taskId, ready.data.contextWindow);
    this.setStatus(taskId, 'running', null, runStart);

    let outcome: RunOutcome;
    try {
      outcome = ready.data
        ? await this.runOwnAgent(task, ready.data, stored, conversation, controller.signal, loopEnded)
        : await this.runExternal(task, runStart, stored, conversation, inbox ?? [], controller.signal);
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
    this.markUnfinishedAnswer(taskId, conversation, this.closing || outcome.kind !== 'stopped' ? 'interrupted' : 'stopped');
    if (conversation.step > 0) await this.options.events.publish('agent.turnEnded', { taskId, workspaceId: task.workspace.id, turn: conversation.step });
    if (this.closing && outcome.kind === 'stopped') {
      this.setStatus(taskId, 'interrupted', 'Braid stopped while this task was running. Resume continues from where it was.');
    } else if (outcome.kind === 'done') this.setStatus(taskId, 'done', outcome.reason ?? null);
    else if (outcome.kind === 'stopped') this.setStatus(taskId, 'stopped', 'Stopped by you. Send a message or Resume to continue.');
    else this.setStatus(taskId, outcome.kind, outcome.reason);
    finished();
  }

  /** What the permission rules decide about one call of the task's agent, the task read fresh (its mode may change mid-run) with the turn's allowed tools. */
  private checkPermission(task: Task, tool: string, args: unknown) {
    const current = this.options.store.tasks.get(task.id) ?? task;
    return this.options.policy.check({ tool, args, role: task.role, task: current, turnAllowRules: this.turn.allowRulesOf(task.id) });
  }

  private publishDecision(task: Task, call: { callId: string; name: string; args: unknown }, decision: PermissionDecision): void {
    void this.options.events.publish('agent.permissionDecided', {
      taskId: task.id,
      projectId: task.projectId,
      pipelineId: task.pipelineId,
      callId: call.callId,
      tool: call.name,
      args: call.args,
      decision: decision.kind,
      rule: decision.rule,
      source: decision.source ?? null,
      reason: decision.kind === 'allow' ? null : decision.reason,
    });
  }

  /** Adds one step's usage to the task; a subagent's also counts for every task above it, whose totals changed too. */
  private recordStep(taskId: string, usage: { input: number; output: number; cached: number; cost: number | null; context: number }): void {
    const rolledUpTo = this.options.store.tasks.recordStep(taskId, usage);
    this.options.notifyTaskChanged(taskId);
    for (const ancestor of rolledUpTo) this.options.notifyTaskChanged(ancestor);
  }

  /** Waits for the approval card's answer; "Always allow" checks its rule against this call. */
  private async approval(taskId: string, call: { callId: string; name: string; args: unknown }, signal: AbortSignal): Promise<ApprovalDecision> {
    const key = `${taskId}\u0000${call.callId}`;
    this.waitingCalls.set(key, { name: call.name, args: call.args });
    try {
      return await this.approvals.wait(taskId, call.callId, signal);
    } finally {
      this.waitingCalls.delete(key);
    }
  }

  /** Braid's own agent loop, one model step at a time (`agent-run.ts`). */
  private async runOwnAgent(task: Task, model: ResolvedModel, stored: TimelineEvent[], conversation: Conversation, signal: AbortSignal, loopEnded: () => void): Promise<RunOutcome> {
    const { store, writer } = this.options;
    const taskId = task.id;
    let toolset: AgentToolset | undefined;
    try {
      toolset = await this.options.createToolset(task);
      const rules = (await this.options.rules?.forRun(task, stored)) ?? null;
      if (rules?.record) writer.push(taskId, rules.record);
      return await runAgent({
        task,
        system: buildSystemPrompt(task, rules?.section ?? null, (await this.options.briefing?.(task)) ?? null),
        model,
        toolset,
        loopTools: await this.loopToolsFor(task),
        toolAccess: this.options.toolAccess?.(task),
        waitOutsideSlot: (work) => this.waitOutsideSlot(taskId, signal, work),
        policy: { check: (request) => this.checkPermission(task, request.tool, request.args) },
        permissionDecided: (call, decision) => this.publishDecision(task, call, decision),
        history: conversation,
        ...(rules ? { afterToolCall: (call: { name: string; args: unknown }) => rules.session.afterToolCall(call) } : {}),
        record: (body) => writer.push(taskId, body),
        setStatus: (status, reason) => {
          writer.flush();
          this.setStatus(taskId, status, reason);
        },
        recordStep: (usage, cost) => this.recordStep(taskId, { input: usage.input, output: usage.output, cached: usage.cached, cost, context: usage.input + usage.output }),
        limits: () => {
          const current = store.tasks.get(taskId);
          return {
            steps: current?.agent.stepCount ?? 0,
            maxSteps: current?.agent.limits.maxSteps ?? 50,
            costUsd: current?.agent.usage.costUsd ?? null,
            maxCostUsd: current?.agent.limits.maxCostUsd ?? null,
          };
        },
        waitForApproval: (call, wait) => this.approval(taskId, call, wait),
        classifyError: this.options.models.classifyError,
        compact: (conv, wait) => compactConversation(this.options, taskId, model, conv, wait),
        retry: this.options.retry ?? { maxAttempts: 5, baseDelayMs: 1000, maxDelayMs: 30_000 },
        signal,
      });
    } finally {
      loopEnded();
      await toolset?.close().catch(() => undefined);
    }
  }

  /**
   * An external agent's run (`engines/`): its turns are recorded in the same timeline, its calls
   * decided by the same rules and approval cards, its messages queued the same way.
   */
  private async runExternal(task: Task, runStart: 'new' | 'resume', history: TimelineEvent[], conversation: Conversation, inbox: string[], signal: AbortSignal): Promise<RunOutcome> {
    const { store, writer } = this.options;
    const taskId = task.id;
    const record = (body: TimelineEventBody) => {
      writer.push(taskId, body);
      conversation.add(body);
    };
    // Calls left open by a crash of Braid mid-turn are closed first: the agent's new turn will not end them.
    for (const call of conversation.pendingToolCalls()) {
      record({ kind: 'tool_status', callId: call.callId, status: 'cancelled' });
      record({ kind: 'tool_result', callId: call.callId, isError: true, text: 'Braid stopped before this call ended.', durationMs: 0 });
    }
    return this.options.external!.run({
      task,
      runStart,
      history,
      lastStep: conversation.step,
      record,
      setStatus: (status, reason) => {
        writer.flush();
        this.setStatus(taskId, status, reason);
      },
      check: (request) => Promise.resolve(this.checkPermission(task, request.tool, request.args)),
      permissionDecided: (call, decision) => this.publishDecision(task, call, decision),
      waitForApproval: (call, wait) => this.approval(taskId, call, wait),
      recordUsage: (usage) => this.recordStep(taskId, { input: usage.input, output: usage.output, cached: usage.cached, cost: usage.costUsd, context: usage.context }),
      setContext: (used, size) => {
        store.tasks.setContext(taskId, used, size);
        this.options.notifyTaskChanged(taskId);
      },
      loopTools: await this.loopToolsFor(task),
      briefing: (await this.options.briefing?.(task)) ?? null,
      takeMessages: () => inbox.splice(0),
      signal,
    });
  }

  /** One run's loop tools, whichever engine runs it: `ask_user` and the other services' (`submit_plan`, …). */
  private async loopToolsFor(task: Task): Promise<LoopTool[]> {
    return [createAskUserTool((callId, wait) => this.questions.wait(task.id, callId, wait)), ...((await this.options.loopTools?.(task)) ?? [])];
  }

  /** The run has left the scheduler: messages sent while it was ending start the next one. */
  private afterRun(taskId: string): void {
    this.ending.delete(taskId);
    const followUp = this.followUps.get(taskId);
    this.followUps.delete(taskId);
    if (followUp === undefined || this.closing || this.isRunning(taskId)) return;
    const task = this.options.store.tasks.get(taskId);
    if (!task || task.workspace.state !== 'ready') return;
    this.turn.addAllowRules(taskId, followUp.allowRules);
    if (followUp.model) this.turn.setModel(taskId, followUp.model);
    this.start(task, 'new');
  }

  /** `runStart`: this change begins a run (see `agent.statusChanged`). */
  private setStatus(taskId: string, status: TaskStatus, reason: string | null, runStart: 'new' | 'resume' | null = null): void {
    const task = this.closed ? undefined : this.options.store.tasks.get(taskId);
    if (!task) return;
    this.options.store.tasks.setStatus(taskId, status, reason);
    this.options.writer.push(taskId, { kind: 'status', status, reason });
    void this.options.events.publish('agent.statusChanged', { taskId, projectId: task.projectId, pipelineId: task.pipelineId, status, reason, runStart });
    this.options.notifyTaskChanged(taskId);
  }
}
