import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, onTestFinished, vi } from 'vitest';
import type { MergeQueueView, MethodInput, QueueEntry, QueueSettings, Result, Task } from '../../../src-shared/contract';
import { git, makeTempDir, type FixtureRepo } from '../../testing/git-fixtures';
import { machineCommandIsolation } from '../sandbox/detect-isolation';
import type { Store } from '../store/store';
import { makeProjectFixture, type ProjectFixture } from '../testing/project-fixture';
import type { recordingEmit } from '../testing/recording-emit';
import { PortBlocks, workspacePortStore, type PortRange } from '../workspace-setup/port-blocks';
import { ScriptTrust } from '../workspace-setup/script-trust';
import { readWorkspaceConfig } from '../workspace-setup/workspace-config';
import type { WorkspaceContext } from '../workspaces/context';
import { createMergeQueueService, type MergeQueueService } from './merge-queue-service';
import type { QueueReviewGate } from './queue-runner';
import { createQueueSettings } from './queue-settings';

/**
 * The merge queue service over a project fixture (a real repository, real tasks with worktrees,
 * a real SQLite file): `open()` again on the same data folder is a restart. The gate is a real
 * shell command run in a terminal under the machine's isolation.
 */
export interface QueueFixture {
  repo: FixtureRepo;
  dataDir: string;
  projectId: string;
  store: Store;
  context: WorkspaceContext;
  queue: MergeQueueService;
  emitted: ReturnType<typeof recordingEmit>;
  /** What "send the failure to the agent" sent. */
  sentToAgent: { taskId: string; text: string }[];
  /** The port blocks gates hold theirs from (the workspaces' in the app). */
  ports: PortBlocks;
  /** Trusts the workspace config as the checkout has it now (what the user does after reading it in a task's Workspace scripts). */
  trustWorkspaceConfig(): void;
  /** A task (its worktree on a new branch from main) with `files` committed there, or left uncommitted. */
  task(title: string, files: Record<string, string>, options?: { commit?: boolean }): Promise<Task>;
  add(task: Task, choices?: Partial<Omit<MethodInput<'mergeQueue.add'>, 'taskId'>>): QueueEntry;
  setSettings(changes: Partial<QueueSettings>): void;
  /** The queue into main as the UI would read it. */
  view(): Promise<MergeQueueView>;
  /** Waits until every entry of the queue into main satisfies `done`, then until the queue has nothing left to decide. */
  settle(done?: (entry: QueueEntry) => boolean, timeout?: number): Promise<MergeQueueView>;
  waitForEntry(entryId: string, check: (entry: QueueEntry) => boolean, timeout?: number): Promise<QueueEntry>;
  /** Waits until the queue into main is paused (by Braid, saying why), or every entry finished (a queue that should have paused fails fast), then until it has nothing left to decide. */
  waitForPause(): Promise<MergeQueueView>;
  /** Closes the service and the database, as a clean shutdown does. */
  close(): Promise<void>;
  /** Opens the store and the service again on the same data folder (a restart) and starts the queue. */
  open(options?: { gateEnv?: Record<string, string> }): Promise<void>;
}

export interface QueueFixtureOptions {
  files?: Record<string, string>;
  settings?: Partial<QueueSettings>;
  gateConcurrency?: number;
  gateEnv?: Record<string, string>;
  reviewGate?: QueueReviewGate | null;
  /** Where gates' port blocks come from (default: the app's range). */
  portRange?: PortRange;
  /** Leave the queue unstarted (tests that set the store up as a crash left it). */
  start?: boolean;
}

const finished = (entry: QueueEntry) => entry.state === 'landed' || entry.state === 'ejected';

export async function makeQueueFixture(options: QueueFixtureOptions = {}): Promise<QueueFixture> {
  const isolation = machineCommandIsolation();
  const sentToAgent: { taskId: string; text: string }[] = [];
  let queue!: MergeQueueService;
  let ports!: PortBlocks;
  const project: ProjectFixture = await makeProjectFixture({ files: options.files, beforeClose: () => queue.close() });
  const openQueue = (gateEnv = options.gateEnv) => {
    ports = new PortBlocks(workspacePortStore(project.store), options.portRange);
    queue = createMergeQueueService({
      context: project.context,
      dataDir: project.dataDir,
      isolation,
      settings: createQueueSettings(project.store),
      emit: project.emitted.emit,
      sendToAgent: async (taskId, text) => {
        sentToAgent.push({ taskId, text });
        return { ok: true, data: { delivery: 'started' } };
      },
      reviewGate: options.reviewGate ?? null,
      gateConcurrency: () => options.gateConcurrency ?? 2,
      ports,
      gateEnv,
      killGraceMs: 500,
    });
  };
  openQueue();
  const { projectId } = project;
  if (options.settings) expectOk(createQueueSettings(project.store).set(projectId, options.settings));
  if (options.start !== false) await queue.start();

  const view = async () => {
    const queues = expectOk(await queue.list(projectId));
    return queues.find((item) => item.targetBranch === 'main') ?? { projectId, targetBranch: 'main', paused: false, pauseReason: null, gate: { command: null, setup: null, source: null, problem: null, trust: null }, entries: [] };
  };

  return {
    repo: project.repo,
    dataDir: project.dataDir,
    projectId,
    get store() {
      return project.store;
    },
    get context() {
      return project.context;
    },
    get queue() {
      return queue;
    },
    emitted: project.emitted,
    sentToAgent,
    get ports() {
      return ports;
    },
    trustWorkspaceConfig() {
      const { contentHash } = expectOk(readWorkspaceConfig(project.repo.path));
      if (!contentHash) throw new Error('the checkout has no workspace config to trust');
      new ScriptTrust(project.store.settings).trust(projectId, contentHash);
    },
    task: (title, files, taskOptions) => project.task(title, files, taskOptions),
    add: (task, choices = {}) => expectOk(queue.add({ taskId: task.id, strategy: 'merge', includeUncommitted: true, ...choices })),
    setSettings: (changes) => void expectOk(queue.setSettings(projectId, changes)),
    view,
    async settle(done = finished, timeout = 60_000) {
      const settled = await vi.waitFor(
        async () => {
          const current = await view();
          expect(current.entries.length).toBeGreaterThan(0);
          expect(current.entries.every(done)).toBe(true);
          return current;
        },
        { timeout, interval: 50 },
      );
      await queue.idle();
      return settled;
    },
    async waitForEntry(entryId, check, timeout = 30_000) {
      return vi.waitFor(
        async () => {
          const entry = (await view()).entries.find((item) => item.id === entryId);
          expect(entry && check(entry)).toBe(true);
          return entry!;
        },
        { timeout, interval: 25 },
      );
    },
    async waitForPause() {
      const paused = await vi.waitFor(
        async () => {
          const current = await view();
          expect(current.paused || (current.entries.length > 0 && current.entries.every(finished))).toBe(true);
          return current;
        },
        { timeout: 30_000, interval: 25 },
      );
      await queue.idle();
      return paused;
    },
    close: () => project.close(),
    async open(reopen = {}) {
      project.reopen();
      openQueue(reopen.gateEnv ?? options.gateEnv);
      await queue.start();
    },
  };
}

export function expectOk<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}: ${result.error.message}`);
  return result.data;
}

/** The repository's worktrees as git lists them (paths). */
export function worktreePaths(repo: FixtureRepo): string[] {
  return repo
    .git('worktree', 'list', '--porcelain')
    .split('\n')
    .filter((line) => line.startsWith('worktree '))
    .map((line) => line.slice('worktree '.length));
}

/** `git fsck` with nothing to say but unreachable leftovers (a dangling candidate is not damage). */
export function expectFsckClean(repo: FixtureRepo): void {
  expect(git(repo.path, 'fsck', '--no-dangling', '--no-progress')).toBe('');
}

/** A file the gate looks for: present, the gate passes at once; absent, it waits (for the test to decide). */
export function gateSwitch(): { folder: string; open(): void } {
  const folder = makeTempDir('braid-gate-switch-');
  onTestFinished(() => rmSync(folder, { recursive: true, force: true }));
  return { folder, open: () => writeFileSync(join(folder, 'go'), 'go\n') };
}
