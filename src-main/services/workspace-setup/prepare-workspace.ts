import type { IncludeLinkMode, Task, TimelineEventBody, WorkspaceSetup } from '../../../src-shared/contract';
import type { InvalidConfigDetails, WorkspaceConfig } from './workspace-config';
import { readWorkspaceConfig } from './workspace-config';
import { bringFiles } from './bring-files';
import { listIncludedEntries } from './included-entries';
import type { RunningScript, WorkspaceScriptRunner } from './script-runner';
import { scriptVariables, type WorkspaceFacts } from './workspace-environment';

/** What one preparation needs from the service around it. */
export interface PrepareSteps {
  /** The worktree's project checkout. */
  root: string;
  /** The task whose timeline shows the setup (the workspace's creator). */
  task: Task;
  /** Reserves (or reads) the workspace's port block. */
  reservePorts(): Promise<number | null>;
  linkMode(): IncludeLinkMode;
  isTrusted(contentHash: string): boolean;
  runner: WorkspaceScriptRunner;
  record(body: TimelineEventBody): void;
  /** Stores the setup and tells the workspace's tasks. */
  update(setup: WorkspaceSetup): void;
  signal: AbortSignal;
  /** The running setup script, so a stop reaches it. */
  onScript(script: RunningScript): void;
}

/** Entries of a `workspace_files` event beyond which only a count is kept. */
const listedEntries = 200;

/**
 * One workspace's setup, from the start: reserve its ports, read the repository's config,
 * bring the ignored files the include patterns match, then run the setup script when there is
 * one and it is trusted. Every step is stored (`update`) as it happens. Resolves with the final
 * setup; never rejects.
 */
export async function prepareWorkspace(steps: PrepareSteps): Promise<WorkspaceSetup> {
  let setup: WorkspaceSetup = { state: 'preparing', source: null, reason: null, exitCode: null, files: null };
  // Stored (and told) when the state changes; the steps in between only fill in facts.
  const set = (change: Partial<WorkspaceSetup>) => {
    const stateChanged = change.state !== undefined && change.state !== setup.state;
    setup = { ...setup, ...change };
    if (stateChanged) steps.update(setup);
    return setup;
  };
  steps.update(setup);
  const stopped = () => set({ state: 'failed', reason: typeof steps.signal.reason === 'string' ? steps.signal.reason : 'The setup was stopped.' });
  try {
    const portBase = await steps.reservePorts();
    const read = readWorkspaceConfig(steps.root);
    if (!read.ok) {
      const details = read.error.code === 'WORKSPACE_CONFIG_INVALID' ? (read.error.details as InvalidConfigDetails | undefined) : undefined;
      return set({ state: 'failed', source: details?.source ?? null, reason: read.error.message });
    }
    const config = read.data;
    set({ source: config.source });
    const files = await bringIncludedFiles(steps, config);
    if (typeof files === 'string') return set({ state: 'failed', reason: files });
    set({ files });
    if (steps.signal.aborted) return stopped();
    if (config.scripts.setup.length === 0 || !config.source || !config.contentHash) return set({ state: 'none' });
    if (!steps.isTrusted(config.contentHash)) {
      return set({ state: 'needs_trust', reason: `The setup script of ${config.source.files.join(' + ')} runs only once you trust it.` });
    }
    set({ state: 'running' });
    const facts: WorkspaceFacts = {
      taskId: steps.task.id,
      workspacePath: steps.task.workspace.path,
      rootPath: steps.root,
      baseBranch: steps.task.workspace.baseBranch,
      portBase,
      ports: config.ports,
    };
    const script = steps.runner.start({
      taskId: steps.task.id,
      script: 'setup',
      source: config.source.kind,
      commands: config.scripts.setup,
      cwd: steps.task.workspace.path,
      env: scriptVariables(facts, config.source.kind),
    });
    steps.onScript(script);
    const end = await script.ended;
    if (end.outcome === 'succeeded') return set({ state: 'succeeded', exitCode: 0 });
    if (end.outcome === 'stopped') return { ...stopped(), exitCode: end.exitCode };
    const lastLine = end.output.split('\n').map((line) => line.trim()).filter(Boolean).at(-1);
    const exit = end.exitCode === null ? 'was killed by a signal' : `exited with code ${end.exitCode}`;
    return set({ state: 'failed', exitCode: end.exitCode, reason: `The setup script ${exit}${lastLine ? `: ${lastLine}` : '.'}` });
  } catch (error) {
    // A bug, or the file system refusing something unexpected: the workspace must not stay "preparing" forever.
    return set({ state: 'failed', reason: `The setup failed unexpectedly: ${error instanceof Error ? error.message : String(error)}` });
  }
}

/** Brings the matching ignored files; the counts, or why listing them failed. */
async function bringIncludedFiles(steps: PrepareSteps, config: WorkspaceConfig): Promise<WorkspaceSetup['files'] | string> {
  if (config.include.patterns.length === 0) return null;
  const listed = await listIncludedEntries(steps.root, config.include.patterns);
  if (!listed.ok) return listed.error.message;
  const mode = steps.linkMode();
  const brought = await bringFiles(steps.root, steps.task.workspace.path, listed.data.entries, mode, steps.signal);
  const skipped = [...brought.skipped, ...listed.data.unreadable.map((path) => ({ path, reason: 'its name is not UTF-8, so the patterns cannot be matched against it' }))];
  if (brought.brought.length > 0 || skipped.length > 0) {
    steps.record({
      kind: 'workspace_files',
      mode,
      copied: brought.brought.slice(0, listedEntries),
      more: Math.max(0, brought.brought.length - listedEntries),
      skipped: skipped.slice(0, listedEntries),
    });
  }
  return { copied: brought.brought.length, skipped: skipped.length };
}
