import { join } from 'node:path';
import { fail, ok, type GateCommandView, type MergeQueueView, type MethodArgs, type QueueEntry, type QueueSettings, type QueueSettingsView, type Result } from '../../../src-shared/contract';
import type { ContractEmit } from '../events';
import { readBranchTips } from '../git/git-step';
import { markWorkspaceMerged } from '../merge/merged-workspace';
import type { CommandIsolation } from '../sandbox/command-isolation';
import { newId } from '../store/ids';
import type { QueueEntryRow } from '../store/merge-queue-repository';
import { LinkModeSetting } from '../workspace-setup/link-mode-setting';
import type { PortBlocks } from '../workspace-setup/port-blocks';
import { scriptShell } from '../workspace-setup/script-command';
import { ScriptTrust } from '../workspace-setup/script-trust';
import type { WorkspaceContext } from '../workspaces/context';
import { openTaskWorkspace } from '../workspaces/open-task-workspace';
import { workspaceOwnerOf } from '../workspaces/shared-workspace';
import { gateFailureMessage } from './failure-message';
import { gateHold, resolveGate } from './gate-command';
import { GateSlots } from './gate-slots';
import { finishInterruptedLanding } from './queue-landing';
import { QueueRunner, type QueueReviewGate } from './queue-runner';
import type { QueueSettingsStore } from './queue-settings';
import { entryView, queueView } from './queue-view';
import { ScratchWorktrees } from './scratch-worktrees';

export interface MergeQueueServiceOptions {
  context: WorkspaceContext;
  /** Braid's data folder: scratch worktrees go to `<dataDir>/merge-queue/`. */
  dataDir: string;
  /** How gates are isolated (detected once per host). */
  isolation: Promise<CommandIsolation>;
  settings: QueueSettingsStore;
  emit: ContractEmit;
  /** Starts (or queues) an agent turn in the task ("send the failure to the agent"). */
  sendToAgent(taskId: string, text: string): Promise<Result<{ delivery: 'started' | 'queued' | 'delivered' }>>;
  /** The review gate, where reviews exist; null: the setting is refused as unavailable. */
  reviewGate?: QueueReviewGate | null;
  /** How many gates may run at once across all queues (the concurrency limit). */
  gateConcurrency: () => number;
  /** The port blocks the workspaces' come from: each gate run holds one (`BRAID_PORT`) until it ends. */
  ports: PortBlocks;
  /** The shell the workspace setup and the gate run under (default: the workspace scripts', `scriptShell`). */
  shell?: string;
  /** On top of the host's environment for every gate (tests). */
  gateEnv?: Record<string, string>;
  killGraceMs?: number;
  log?: (line: string) => void;
}

const waiting = (entry: QueueEntryRow) => entry.state !== 'landed' && entry.state !== 'ejected';
const keyOf = (projectId: string, targetBranch: string) => `${projectId}\0${targetBranch}`;

export type MergeQueueService = ReturnType<typeof createMergeQueueService>;

/**
 * The merge queues of every project (D6): one `QueueRunner` per project and target branch,
 * the stored entries as the truth, the start-up recovery (a run the host died in is built again
 * from scratch; a landing it died in is finished or forgotten, never half done), and what the UI
 * calls. Views are pushed as `mergeQueue.changed`, at most once per turn of the event loop per queue.
 */
export function createMergeQueueService(options: MergeQueueServiceOptions) {
  const { context, settings } = options;
  const { store } = context;
  const log = options.log ?? (() => undefined);
  const scratch = new ScratchWorktrees(join(options.dataDir, 'merge-queue'), context.inRepoQueue);
  const slots = new GateSlots(options.gateConcurrency);
  // The workspace setup's own records (settings rows): trusting a config for workspaces trusts it here.
  const trust = new ScriptTrust(store.settings);
  const linkModes = new LinkModeSetting(store.settings);
  const runners = new Map<string, QueueRunner>();
  const dirty = new Set<string>();
  // Nothing runs before `start` has recovered what the last host left.
  let begin: () => void = () => undefined;
  const started = new Promise<void>((resolve) => (begin = resolve));
  let ready: Promise<void> = started;
  let closed = false;

  const titleOf = (taskId: string) => store.tasks.get(taskId)?.title ?? 'A deleted task';

  /** The gate each queue's last run resolved (or the view did), so pushing a view runs no git. */
  const gates = new Map<string, GateCommandView>();
  const gateOf = async (projectId: string, targetBranch: string): Promise<GateCommandView> => {
    const known = gates.get(keyOf(projectId, targetBranch));
    if (known) return known;
    const project = store.projects.get(projectId);
    const tipRef = `refs/heads/${targetBranch}`;
    const tip = project ? (await readBranchTips(project.path, [tipRef])).get(tipRef)?.commit : undefined;
    if (!project || !tip) return { command: settings.get(projectId).gateCommand, setup: null, source: null, problem: null, trust: null };
    const gate = (await resolveGate(project.path, tip, settings.get(projectId))).view;
    gates.set(keyOf(projectId, targetBranch), gate);
    return gate;
  };

  const view = async (projectId: string, targetBranch: string): Promise<MergeQueueView> => {
    const resolved = await gateOf(projectId, targetBranch);
    // Trusted or not is read now: it changes without the gate being resolved again.
    const gate = resolved.trust ? { ...resolved, trust: { ...resolved.trust, trusted: trust.isTrusted(projectId, resolved.trust.contentHash) } } : resolved;
    return queueView(store.mergeQueue.queueState(projectId, targetBranch), store.mergeQueue.listQueue(projectId, targetBranch), gate, titleOf);
  };

  /** Pushes the queue's view once the current burst of changes is over. */
  const changed = (projectId: string, targetBranch: string) => {
    const key = keyOf(projectId, targetBranch);
    if (closed || dirty.has(key)) return;
    dirty.add(key);
    setImmediate(() => {
      dirty.delete(key);
      if (closed || !store.projects.get(projectId)) return;
      void context.track(view(projectId, targetBranch).then((queue) => options.emit('mergeQueue.changed', { projectId, queue }))).catch((error: unknown) => log(`[merge-queue] view: ${String(error)}`));
    });
  };

  const runnerFor = (projectId: string, targetBranch: string): QueueRunner => {
    const key = keyOf(projectId, targetBranch);
    let runner = runners.get(key);
    if (!runner) {
      runner = new QueueRunner(projectId, targetBranch, {
        context,
        scratch,
        isolation: options.isolation,
        slots,
        settings,
        reviewGate: options.reviewGate ?? null,
        changed: () => changed(projectId, targetBranch),
        gateResolved: (gate) => gates.set(keyOf(projectId, targetBranch), gate),
        output: (entryId, chunk) => options.emit('mergeQueue.gateOutput', { projectId, entryId, chunk }),
        ports: options.ports,
        trust,
        linkModes,
        shell: options.shell ?? scriptShell(),
        gateEnv: options.gateEnv ?? {},
        killGraceMs: options.killGraceMs ?? 2_000,
        log,
      });
      runners.set(key, runner);
    }
    return runner;
  };
  const kick = (projectId: string, targetBranch: string) => void started.then(() => ready).then(() => runnerFor(projectId, targetBranch).schedule());

  /** Entries the host died with: running ones wait again (rebuilt from scratch), a landing is finished or forgotten. */
  const recover = async () => {
    for (const entry of store.mergeQueue.listUnfinished()) {
      if (entry.state === 'queued') continue;
      if (entry.state === 'landing' && entry.landing) {
        const task = store.tasks.get(entry.taskId);
        const project = store.projects.get(entry.projectId);
        const record =
          task && project
            ? await finishInterruptedLanding(context.inRepoQueue, {
                repo: project.path,
                workspace: { id: task.workspace.id, path: task.workspace.path, branch: task.workspace.branch, baseBranch: entry.targetBranch },
                strategy: entry.options.strategy,
                landing: entry.landing,
                now: context.now(),
              }).catch(() => null)
            : null;
        if (record && task) {
          store.mergeQueue.setProgress(entry.id, { state: 'landed', finishedAt: context.now(), landing: null, landed: { previousCommit: record.previousCommit, newCommit: record.newCommit } });
          markWorkspaceMerged(context, record);
          void context.events.publish('queue.entryLanded', {
            projectId: entry.projectId,
            taskId: task.id,
            pipelineId: task.pipelineId,
            taskTitle: task.title,
            entryId: entry.id,
            workspaceId: record.workspaceId,
            strategy: record.strategy,
            selective: record.selective,
            files: record.files,
            targetBranch: entry.targetBranch,
            targetBefore: record.previousCommit,
            targetAfter: record.newCommit,
            gateCommand: entry.landing.gateCommand,
            gateMs: entry.landing.gateMs,
          });
          continue;
        }
      }
      store.mergeQueue.setProgress(entry.id, { state: 'queued', speculative: false, landing: null });
    }
    for (const project of store.projects.list()) await scratch.clearProject(project, project.id).catch((error: unknown) => log(`[merge-queue] clearing scratch worktrees: ${String(error)}`));
  };

  context.events.on('task.removed', ({ projectId }) => {
    for (const runner of runners.values()) if (runner.projectId === projectId) kick(projectId, runner.targetBranch);
  });
  context.events.on('project.removed', ({ projectId }) => {
    for (const [key, runner] of runners) {
      if (runner.projectId !== projectId) continue;
      runners.delete(key);
      void context.track(runner.close());
    }
  });

  /** Resolves at once when `start` was never called (a service that was never started has nothing to wait for). */
  const unstarted = () => (ready === started ? Promise.resolve() : new Promise<void>(() => undefined));

  const findEntry = (entryId: string): Result<QueueEntryRow> => {
    const entry = store.mergeQueue.get(entryId);
    return entry ? ok(entry) : fail('NOT_FOUND', 'That entry is no longer in the merge queue.');
  };

  const settingsView = (value: QueueSettings): QueueSettingsView => ({ ...value, reviewGateAvailable: Boolean(options.reviewGate) });

  return {
    /** Recovers what the host died with, clears scratch worktrees, and starts every queue with waiting entries. Call once. */
    start(): Promise<void> {
      ready = context.track(recover().catch((error: unknown) => log(`[merge-queue] recovery failed: ${String(error)}`)));
      begin();
      void ready.then(() => {
        const queues = new Set(store.mergeQueue.listUnfinished().map((entry) => keyOf(entry.projectId, entry.targetBranch)));
        for (const entry of store.mergeQueue.listUnfinished()) {
          if (queues.delete(keyOf(entry.projectId, entry.targetBranch))) kick(entry.projectId, entry.targetBranch);
        }
      });
      return ready;
    },

    async list(projectId: string): Promise<Result<MergeQueueView[]>> {
      if (!store.projects.get(projectId)) return fail('NOT_FOUND', 'That project is not open in Braid.');
      const targets = new Set([...store.mergeQueue.listProject(projectId).map((entry) => entry.targetBranch), ...store.mergeQueue.listQueueStates(projectId).map((state) => state.targetBranch)]);
      return ok(await Promise.all([...targets].sort().map((target) => view(projectId, target))));
    },

    /** Adds the task at the end of its base branch's queue, with the merge dialog's choices. */
    add(request: MethodArgs<'mergeQueue.add'>): Result<QueueEntry> {
      // Asked from a task sharing another's workspace (a review task, a subagent's task): the work is that task's.
      const asked = store.tasks.get(request.taskId);
      const ownerId = (asked && workspaceOwnerOf(store, asked)?.id) ?? request.taskId;
      const opened = openTaskWorkspace(context, ownerId, 'branch');
      if (!opened.ok) return opened;
      const { task, workspace } = opened.data;
      const targetBranch = workspace.baseBranch;
      const already = store.mergeQueue.listByTask(task.id).find((entry) => entry.targetBranch === targetBranch && waiting(entry));
      if (already) return fail('ALREADY_QUEUED', `${task.title} is already in the merge queue into ${targetBranch}.`, { entryId: already.id });
      const { taskId: _taskId, ...entryOptions } = request;
      const id = newId();
      store.mergeQueue.insert({ id, projectId: task.projectId, targetBranch, taskId: task.id, options: entryOptions, enqueuedAt: context.now() });
      changed(task.projectId, targetBranch);
      kick(task.projectId, targetBranch);
      const stored = store.mergeQueue.get(id);
      return stored ? ok(entryView(stored, task.title)) : fail('INTERNAL', 'The entry was not stored.');
    },

    /** Takes the entry off its queue; a running one is stopped first (its gate, everything it started, its scratch worktree). */
    async remove(entryId: string): Promise<Result<{ removed: true }>> {
      const found = findEntry(entryId);
      if (!found.ok) return found;
      const entry = found.data;
      const runner = runnerFor(entry.projectId, entry.targetBranch);
      await runner.idle();
      await runner.stopRun(entryId);
      store.mergeQueue.remove(entryId);
      changed(entry.projectId, entry.targetBranch);
      kick(entry.projectId, entry.targetBranch);
      return ok({ removed: true });
    },

    /** Moves a waiting or running entry to `toIndex` among them; runs the new order no longer fits are rebuilt. */
    async move(entryId: string, toIndex: number): Promise<Result<MergeQueueView>> {
      const found = findEntry(entryId);
      if (!found.ok) return found;
      const entry = found.data;
      if (!waiting(entry)) return fail('INVALID_INPUT', `That entry has ${entry.state === 'landed' ? 'landed' : 'been ejected'}; only waiting and running entries can be moved.`);
      const active = store.mergeQueue.listQueue(entry.projectId, entry.targetBranch).filter(waiting);
      const ids = active.map((item) => item.id).filter((id) => id !== entryId);
      ids.splice(Math.min(toIndex, ids.length), 0, entryId);
      store.mergeQueue.reorder(ids);
      changed(entry.projectId, entry.targetBranch);
      kick(entry.projectId, entry.targetBranch);
      return ok(await view(entry.projectId, entry.targetBranch));
    },

    /** Stops the queue: running gates are stopped (their entries wait again); nothing lands until resumed. */
    async pause(projectId: string, targetBranch: string): Promise<Result<MergeQueueView>> {
      if (!store.projects.get(projectId)) return fail('NOT_FOUND', 'That project is not open in Braid.');
      store.mergeQueue.setPaused(projectId, targetBranch, true, null);
      const runner = runnerFor(projectId, targetBranch);
      await runner.idle();
      await runner.stopAll();
      changed(projectId, targetBranch);
      // Its scratch worktrees go while it waits.
      kick(projectId, targetBranch);
      return ok(await view(projectId, targetBranch));
    },

    async resume(projectId: string, targetBranch: string): Promise<Result<MergeQueueView>> {
      if (!store.projects.get(projectId)) return fail('NOT_FOUND', 'That project is not open in Braid.');
      store.mergeQueue.setPaused(projectId, targetBranch, false, null);
      changed(projectId, targetBranch);
      kick(projectId, targetBranch);
      return ok(await view(projectId, targetBranch));
    },

    /**
     * Trusts the workspace config on the target's tip in exactly the content the panel showed,
     * read again now (never an entry's); a queue Braid paused for that trust runs again.
     */
    async trustGate(projectId: string, targetBranch: string, contentHash: string): Promise<Result<MergeQueueView>> {
      const project = store.projects.get(projectId);
      if (!project) return fail('NOT_FOUND', 'That project is not open in Braid.');
      const tipRef = `refs/heads/${targetBranch}`;
      const tip = (await readBranchTips(project.path, [tipRef])).get(tipRef)?.commit;
      if (!tip) return fail('BRANCH_NOT_FOUND', `The branch "${targetBranch}" does not exist in ${project.name}, so its workspace config cannot be trusted.`);
      const plan = await resolveGate(project.path, tip, settings.get(projectId));
      // What the panel shows from now on is what is on the tip now.
      gates.set(keyOf(projectId, targetBranch), plan.view);
      if (plan.view.problem) {
        changed(projectId, targetBranch);
        return fail('WORKSPACE_CONFIG_INVALID', `The workspace config on ${targetBranch} cannot be read, so there is nothing to trust: ${plan.view.problem}`);
      }
      if (plan.view.trust?.contentHash !== contentHash) {
        changed(projectId, targetBranch);
        const now = plan.view.trust ? `its ${plan.view.trust.files.join(' + ')} changed since it was shown` : 'it has no workspace config any more';
        return fail('FILE_CHANGED', `The workspace config on ${targetBranch} is not what was shown: ${now}. Nothing was trusted; read it again before trusting it.`);
      }
      const state = store.mergeQueue.queueState(projectId, targetBranch);
      const heldForTrust = state.paused && state.pauseReason !== null && state.pauseReason === gateHold(plan, targetBranch, () => false);
      trust.trust(projectId, contentHash);
      // Workspaces whose setup waits for the same content go on too.
      void context.events.publish('workspace.configTrusted', { projectId, contentHash });
      if (heldForTrust) store.mergeQueue.setPaused(projectId, targetBranch, false, null);
      changed(projectId, targetBranch);
      kick(projectId, targetBranch);
      return ok(await view(projectId, targetBranch));
    },

    log(entryId: string): Result<{ text: string; clipped: boolean; running: boolean }> {
      const found = findEntry(entryId);
      if (!found.ok) return found;
      const live = runners.get(keyOf(found.data.projectId, found.data.targetBranch))?.liveLog(entryId);
      if (live) return ok({ ...live, running: true });
      return ok({ text: store.mergeQueue.readLog(entryId) ?? '', clipped: false, running: false });
    },

    /** "Send the failure to the agent": the ejected entry's gate failure and the end of its log, as a message to the task. */
    async sendFailure(entryId: string): Promise<Result<{ delivery: 'started' | 'queued' | 'delivered' }>> {
      const found = findEntry(entryId);
      if (!found.ok) return found;
      const entry = found.data;
      if (entry.state !== 'ejected' || !entry.ejection || (entry.ejection.kind !== 'gate-failed' && entry.ejection.kind !== 'gate-timeout')) {
        return fail('INVALID_INPUT', 'Only an entry ejected because its gate failed has a failure to send.');
      }
      const sent = await options.sendToAgent(entry.taskId, gateFailureMessage(entry.targetBranch, entry.ejection, store.mergeQueue.readLog(entryId)));
      return sent.ok ? ok({ delivery: sent.data.delivery }) : sent;
    },

    settings(projectId: string): Result<QueueSettingsView> {
      if (!store.projects.get(projectId)) return fail('NOT_FOUND', 'That project is not open in Braid.');
      return ok(settingsView(settings.get(projectId)));
    },

    setSettings(projectId: string, changes: Partial<QueueSettings>): Result<QueueSettingsView> {
      if (changes.reviewGate && !options.reviewGate) return fail('UNSUPPORTED', 'The review gate needs reviews, which this Braid does not have yet.');
      const saved = settings.set(projectId, changes);
      if (!saved.ok) return saved;
      for (const key of [...gates.keys()]) if (key.startsWith(`${projectId}\0`)) gates.delete(key);
      for (const runner of runners.values()) {
        if (runner.projectId !== projectId) continue;
        changed(projectId, runner.targetBranch);
        kick(projectId, runner.targetBranch);
      }
      return ok(settingsView(saved.data));
    },

    /** Resolves once every queue has nothing to decide right now (tests). */
    async idle(): Promise<void> {
      await Promise.race([ready, unstarted()]);
      await Promise.all([...runners.values()].map((runner) => runner.idle()));
    },

    /** Stops every run; their entries are rebuilt from scratch at the next start. */
    async close(): Promise<void> {
      closed = true;
      await Promise.race([ready, unstarted()]);
      await Promise.all([...runners.values()].map((runner) => runner.close()));
    },
  };
}
