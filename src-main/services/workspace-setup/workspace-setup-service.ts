import {
  fail,
  ok,
  type IncludeLinkMode,
  type Result,
  type ScriptReport,
  type Task,
  type TimelineEventBody,
  type WorkspaceSetup,
  type WorkspaceSetupConfig,
} from '../../../src-shared/contract';
import type { Store } from '../store/store';
import type { TerminalHandle, TerminalsService } from '../terminals/terminals-service';
import { taskNotFound } from '../workspaces/open-task-workspace';
import { busyOnWorkspace, workspaceOwnerOf } from '../workspaces/shared-workspace';
import { LinkModeSetting } from './link-mode-setting';
import type { PortBlocks } from './port-blocks';
import { prepareWorkspace } from './prepare-workspace';
import { scriptArgv, scriptShell } from './script-command';
import { scriptTerminalTitles, type RunningScript, type WorkspaceScriptRunner } from './script-runner';
import { ScriptTrust } from './script-trust';
import { readWorkspaceConfig, type InvalidConfigDetails, type WorkspaceConfig } from './workspace-config';
import { scriptVariables, workspaceVariables, type WorkspaceFacts } from './workspace-environment';

export interface WorkspaceSetupOptions {
  store: Store;
  /** Re-reads the task and tells everyone (`task.changed`). */
  announce(taskId: string): void;
  /** The task as callers see it (with its live facts). */
  getTask(taskId: string): Task | undefined;
  /** Appends to a task's timeline. */
  record(taskId: string, body: TimelineEventBody): void;
  runner: WorkspaceScriptRunner;
  /** Where the run script runs: a terminal of the task. */
  terminals(): Pick<TerminalsService, 'startCommand'>;
  /** The workspace is set up (or the user skipped it): the task's agent may start with its prompt. */
  onReady(taskId: string): Promise<void>;
  /** Background work `close()` must wait for. */
  track<T>(work: Promise<T>): Promise<T>;
  /** The port blocks, shared with the merge queue's scratch worktrees (so a workspace never gets a block a gate holds). */
  ports: PortBlocks;
  /** How long an archive script may take before it is stopped (default 5 minutes). */
  archiveTimeoutMs?: number;
  shell?: string;
}

export type WorkspaceSetupService = ReturnType<typeof createWorkspaceSetup>;

const interrupted = 'Braid stopped before the workspace setup finished. Retry runs it again.';

/**
 * Workspace setup (W3): after `git worktree add`, the workspace gets its port block, the ignored
 * files its include patterns match, and the repository's setup script (once trusted); the
 * agent starts after that, never after a failure unless the user says so. Also the workspace's
 * variables for every command run there, the Run button, and the archive script before a
 * worktree is removed. One preparation per workspace at a time.
 */
export function createWorkspaceSetup(options: WorkspaceSetupOptions) {
  const { store } = options;
  const { ports } = options;
  const trust = new ScriptTrust(store.settings);
  const linkModes = new LinkModeSetting(store.settings);
  /** The terminal each task's run script runs in (the newest), so Run again restarts it. */
  const runTerminals = new Map<string, TerminalHandle>();
  /** Workspaces whose archive script runs (a second delete meanwhile is refused). */
  const archiving = new Set<string>();
  /** Preparations under way, by workspace id. */
  const active = new Map<string, { controller: AbortController; script?: RunningScript; done: Promise<unknown> }>();
  let closing = false;

  const update = (task: Task, setup: WorkspaceSetup) => {
    if (!store.workspaces.setSetup(task.workspace.id, setup)) return;
    for (const sharing of store.tasks.listByWorkspace(task.workspace.id)) options.announce(sharing.id);
  };
  const ready = (taskId: string) => void options.track(options.onReady(taskId));

  /** Starts the preparation; the returned promise settles with the task when it is done (or at once when it cannot run). */
  const start = (taskId: string): Promise<Task | undefined> => {
    const task = store.tasks.get(taskId);
    const project = task && store.projects.get(task.projectId);
    if (!task || !project || closing || task.workspace.state !== 'ready') return Promise.resolve(options.getTask(taskId));
    const running = active.get(task.workspace.id);
    if (running) return running.done.then(() => options.getTask(taskId));
    const controller = new AbortController();
    const entry: { controller: AbortController; script?: RunningScript; done: Promise<unknown> } = { controller, done: Promise.resolve() };
    const done = prepareWorkspace({
      root: project.path,
      task,
      reservePorts: () => ports.reserve(task.workspace.id),
      linkMode: () => linkModes.get(project.id),
      isTrusted: (hash) => trust.isTrusted(project.id, hash),
      runner: options.runner,
      record: (body) => options.record(taskId, body),
      update: (setup) => update(task, setup),
      signal: controller.signal,
      onScript: (script) => {
        entry.script = script;
        if (controller.signal.aborted) void script.stop();
      },
    }).then((setup) => {
      active.delete(task.workspace.id);
      if (setup.state === 'succeeded' || setup.state === 'none') ready(taskId);
      return options.getTask(taskId);
    });
    entry.done = done;
    active.set(task.workspace.id, entry);
    return options.track(done);
  };

  const readyTask = (taskId: string): Result<Task> => {
    const task = store.tasks.get(taskId);
    if (!task) return taskNotFound();
    if (task.workspace.state !== 'ready') return fail('WORKSPACE_NOT_READY', `The task's worktree is ${task.workspace.state}; its setup runs once it is ready.`);
    return ok(task);
  };
  /**
   * The workspace's owner, whose setup it is (its timeline shows it, its terminal runs it, its
   * agent starts after it), whichever task on the workspace asked: a review's or a subagent's
   * task view offers Retry and Start anyway too, and deleting that task must not take the setup.
   */
  const setupOwner = (taskId: string): Result<Task> => {
    const task = store.tasks.get(taskId);
    return readyTask((task && workspaceOwnerOf(store, task)?.id) ?? taskId);
  };

  const projectConfig = (projectId: string): Result<{ root: string; config: WorkspaceConfig }> => {
    const project = store.projects.get(projectId);
    if (!project) return fail('NOT_FOUND', 'That project is not open in Braid.');
    const read = readWorkspaceConfig(project.path);
    return read.ok ? ok({ root: project.path, config: read.data }) : read;
  };

  const facts = (task: Task, root: string, config: WorkspaceConfig | null): WorkspaceFacts => ({
    taskId: task.id,
    workspacePath: task.workspace.path,
    rootPath: root,
    baseBranch: task.workspace.baseBranch,
    portBase: store.workspaces.get(task.workspace.id)?.portBase ?? null,
    ports: config?.ports ?? {},
  });

  const view = (projectId: string): Result<WorkspaceSetupConfig> => {
    const linkMode = linkModes.get(projectId);
    const read = projectConfig(projectId);
    if (!read.ok) {
      if (read.error.code !== 'WORKSPACE_CONFIG_INVALID') return read;
      const details = read.error.details as InvalidConfigDetails | undefined;
      return ok({
        source: details?.source ?? null,
        problem: read.error.message,
        scripts: { setup: [], run: [], archive: [], test: [] },
        runMode: 'concurrent',
        include: { from: null, patterns: [] },
        ports: {},
        contentHash: details?.contentHash ?? null,
        trusted: false,
        linkMode,
      });
    }
    const { config } = read.data;
    return ok({
      source: config.source,
      problem: null,
      scripts: config.scripts,
      runMode: config.runMode,
      include: config.include,
      ports: config.ports,
      contentHash: config.contentHash,
      trusted: config.contentHash !== null && trust.isTrusted(projectId, config.contentHash),
      linkMode,
    });
  };

  /** Starts the setup of every workspace of the project waiting for trust (its config was just trusted). */
  const startWaitingForTrust = (projectId: string): void => {
    for (const task of store.tasks.listByProject(projectId)) {
      if (task.workspace.setup.state === 'needs_trust' && !active.has(task.workspace.id)) void start(task.id);
    }
  };

  /** A trusted script of the project's config, or why it cannot run. */
  const trustedScript = (task: Task, script: 'run' | 'archive'): Result<{ root: string; config: WorkspaceConfig; commands: string[] } | null> => {
    const read = projectConfig(task.projectId);
    if (!read.ok) return read;
    const { config } = read.data;
    const commands = config.scripts[script];
    if (commands.length === 0 || !config.source || !config.contentHash) return ok(null);
    if (!trust.isTrusted(task.projectId, config.contentHash)) {
      return fail('SCRIPT_NOT_TRUSTED', `The ${script} script of ${config.source.files.join(' + ')} has not been trusted in its current content.`, { contentHash: config.contentHash });
    }
    return ok({ ...read.data, commands });
  };

  /** The archive script of the project's config, in the task's worktree (see `archive`). */
  const archiveNow = async (task: Task, force: boolean): Promise<Result<ScriptReport | null>> => {
    const script = trustedScript(task, 'archive');
    if (!script.ok) {
      if (!force) return script.error.code === 'SCRIPT_NOT_TRUSTED' ? fail('SCRIPT_NOT_TRUSTED', `${script.error.message} Trust it first, or delete anyway without running it.`, script.error.details) : script;
      return ok(script.error.code === 'SCRIPT_NOT_TRUSTED' ? { script: 'archive', outcome: 'not_trusted', exitCode: null, output: script.error.message } : null);
    }
    if (!script.data) return ok(null);
    const { root, config, commands } = script.data;
    const running = options.runner.start({
      taskId: task.id,
      script: 'archive',
      source: config.source!.kind,
      commands,
      cwd: task.workspace.path,
      env: scriptVariables(facts(task, root, config), config.source!.kind),
    });
    const timer = setTimeout(() => void running.stop(), options.archiveTimeoutMs ?? 5 * 60_000);
    const end = await running.ended.finally(() => clearTimeout(timer));
    const report: ScriptReport = { script: 'archive', outcome: end.outcome, exitCode: end.exitCode, output: end.output };
    if (end.outcome === 'succeeded' || force) return ok(report);
    const why = end.outcome === 'stopped' ? 'was stopped (it took too long)' : end.exitCode === null ? 'did not run to its end' : `exited with code ${end.exitCode}`;
    return fail('SCRIPT_FAILED', `The archive script ${why}; the worktree was kept. Delete anyway to remove it regardless.`, report);
  };

  return {
    /** After `git worktree add`: sets the workspace up and resolves with the task when setup has settled. */
    prepare: start,

    /** Runs the workspace's setup again for its owner (`setupOwner`); answers with the owner's task. */
    async retry(taskId: string): Promise<Result<Task>> {
      const task = setupOwner(taskId);
      if (!task.ok) return task;
      if (active.has(task.data.workspace.id)) return fail('BUSY', 'The workspace is being set up right now.');
      // A setup writing into the worktree under a working agent (the owner's, a review's, a subagent's) would pull the files from under it.
      const busy = busyOnWorkspace(store, task.data);
      if (busy) return fail('BUSY', `“${busy.title}” is working in this workspace; stop it before running the setup again.`);
      void start(task.data.id);
      const updated = options.getTask(task.data.id);
      return updated ? ok(updated) : taskNotFound();
    },

    /** The owner's agent starts without the setup (`setupOwner`); answers with the owner's task. */
    startWithoutSetup(taskId: string): Result<Task> {
      const task = setupOwner(taskId);
      if (!task.ok) return task;
      const setup = task.data.workspace.setup;
      if (setup.state !== 'failed' && setup.state !== 'needs_trust') {
        return fail('BUSY', setup.state === 'running' || setup.state === 'preparing' ? 'The setup is still running.' : 'The workspace needs no setup now.');
      }
      update(task.data, { ...setup, state: 'skipped', reason: null });
      ready(task.data.id);
      const updated = options.getTask(task.data.id);
      return updated ? ok(updated) : taskNotFound();
    },

    config: view,

    /** Trusts exactly the content shown (`FILE_CHANGED` otherwise); workspaces waiting for it go on. */
    trust(projectId: string, contentHash: string): Result<WorkspaceSetupConfig> {
      const current = view(projectId);
      if (!current.ok) return current;
      if (current.data.contentHash !== contentHash) return fail('FILE_CHANGED', 'The workspace config changed since it was shown (or is gone); look at it again before trusting it.');
      if (current.data.problem) return fail('WORKSPACE_CONFIG_INVALID', current.data.problem);
      trust.trust(projectId, contentHash);
      startWaitingForTrust(projectId);
      return view(projectId);
    },

    /**
     * The project's config was trusted elsewhere (the merge queue's "Trust and resume", which
     * trusts the config on its target branch): workspaces waiting for trust go on if that is the
     * content they wait for.
     */
    resumeTrusted(projectId: string): void {
      const current = view(projectId);
      if (current.ok && current.data.trusted && !current.data.problem) startWaitingForTrust(projectId);
    },

    setLinkMode(projectId: string, mode: IncludeLinkMode): Result<WorkspaceSetupConfig> {
      if (!store.projects.get(projectId)) return fail('NOT_FOUND', 'That project is not open in Braid.');
      linkModes.set(projectId, mode);
      return view(projectId);
    },

    /**
     * Braid's variables for everything run in the task's workspace (agent commands, terminals):
     * reserves the port block first for a workspace made before blocks existed.
     */
    async environment(task: Task): Promise<Record<string, string>> {
      const project = store.projects.get(task.projectId);
      if (!project) return {};
      if (task.workspace.state === 'ready') await ports.reserve(task.workspace.id);
      const read = readWorkspaceConfig(project.path);
      return workspaceVariables(facts(task, project.path, read.ok ? read.data : null));
    },

    /**
     * The Run button: the project's run script in a terminal of the workspace's owner
     * (`setupOwner`: pressed in a review's task view too, the workspace has one run, on its
     * port block), a second press restarting it. `nonconcurrent` (Conductor's run_mode): one
     * workspace of the project runs it at a time, so the others' run terminals are closed first.
     */
    async runScript(askedId: string): Promise<Result<{ terminalId: string }>> {
      const task = setupOwner(askedId);
      if (!task.ok) return task;
      const taskId = task.data.id;
      const script = trustedScript(task.data, 'run');
      if (!script.ok) return script;
      if (!script.data) return fail('NOT_FOUND', 'This repository’s workspace config has no run script.');
      const { root, config, commands } = script.data;
      await ports.reserve(task.data.workspace.id);
      const others = config.runMode === 'nonconcurrent' ? store.tasks.listByProject(task.data.projectId).map((other) => other.id) : [taskId];
      for (const other of others) {
        const running = runTerminals.get(other);
        runTerminals.delete(other);
        await running?.release();
      }
      const started = await options.terminals().startCommand(taskId, {
        title: scriptTerminalTitles.run,
        argv: scriptArgv(commands, options.shell ?? scriptShell()),
        cwd: task.data.workspace.path,
        env: scriptVariables(facts(task.data, root, config), config.source?.kind ?? null),
      });
      if (!started.ok) return started;
      runTerminals.set(taskId, started.data);
      // The user closing the tab, or the task going, ends it: it is no longer the one to restart.
      void started.data.exited.then(() => {
        if (runTerminals.get(taskId) === started.data) runTerminals.delete(taskId);
      });
      return ok({ terminalId: started.data.id });
    },

    /**
     * Before a worktree is removed: the project's archive script, when it has one. A failure (or
     * an untrusted config) refuses unless `force`; a forced removal goes on and gets the report.
     */
    async archive(task: Task, force: boolean): Promise<Result<ScriptReport | null>> {
      if (task.workspace.state !== 'ready') return ok(null);
      if (archiving.has(task.workspace.id)) return fail('BUSY', 'This task is already being deleted (its archive script runs).');
      archiving.add(task.workspace.id);
      try {
        return await archiveNow(task, force);
      } finally {
        archiving.delete(task.workspace.id);
      }
    },

    /** The task is being deleted: a setup still running in its workspace is stopped first. */
    async stopTask(taskId: string): Promise<void> {
      const task = store.tasks.get(taskId);
      const entry = task && active.get(task.workspace.id);
      if (!entry) return;
      entry.controller.abort('The task was deleted while its workspace was being set up.');
      await entry.script?.stop();
      await entry.done;
    },

    /** At start-up: a setup the last run of Braid left unfinished failed (Retry runs it again). */
    recoverAfterRestart(): void {
      for (const workspace of store.workspaces.listWithSetup()) {
        if (!['pending', 'preparing', 'running'].includes(workspace.setup.state)) continue;
        store.workspaces.setSetup(workspace.id, { ...workspace.setup, state: 'failed', reason: interrupted });
      }
    },

    forgetProject(projectId: string): void {
      trust.forgetProject(projectId);
      linkModes.forgetProject(projectId);
    },

    /** Braid quits: running setups are stopped (they fail as interrupted); none start after this. */
    async close(): Promise<void> {
      closing = true;
      await Promise.all(
        [...active.values()].map(async (entry) => {
          entry.controller.abort(interrupted);
          await entry.script?.stop();
          await entry.done;
        }),
      );
    },
  };
}
