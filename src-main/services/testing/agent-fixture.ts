import { join } from 'node:path';
import { onTestFinished, vi } from 'vitest';
import type { Engine, EventName, PermissionMode, Task, TaskStatus, TimelineEvent } from '../../../src-shared/contract';
import { startScriptedModelServer, type ScriptedModelServer } from '../../testing/scripted-model-server';
import { createServices, type AgentRuntimeOptions, type Services } from '../index';
import { recordingEmit } from './recording-emit';
import { expectOk } from './services-fixture';
import { createRepo } from '../../testing/git-fixtures';
import { tempFolder } from './temp-folders';

/** `openai-responses`: the OpenAI provider on its Responses API (as on OpenAI's own API), with a codex model. */
export type Protocol = 'openai' | 'openai-responses' | 'anthropic';

/** Provider settings that point Braid at the scripted model server, as a user's environment would. */
export function modelEnv(server: ScriptedModelServer, protocol: Protocol): Record<string, string> {
  switch (protocol) {
    case 'openai':
      return { OPENAI_BASE_URL: server.openaiBaseURL, OPENAI_API_KEY: 'sk-test', BRAID_MODEL: 'openai:gpt-4o-mini' };
    case 'openai-responses':
      return { OPENAI_BASE_URL: server.openaiBaseURL, OPENAI_API_KEY: 'sk-test', OPENAI_API: 'responses', BRAID_MODEL: 'openai:gpt-5-codex' };
    case 'anthropic':
      return { ANTHROPIC_BASE_URL: server.anthropicBaseURL, ANTHROPIC_API_KEY: 'sk-test', BRAID_MODEL: 'anthropic:claude-sonnet-4-5' };
  }
}

/**
 * Real services over a real repository and SQLite file, talking to the scripted model server
 * over HTTP with a provider's real protocol. Retries are fast so fault tests stay quick.
 */
export async function agentWorld(
  options: {
    protocol?: Protocol;
    dataDir?: string;
    agents?: Partial<AgentRuntimeOptions>;
    server?: ScriptedModelServer;
    repo?: string;
    /** Sees every contract event as it is pushed (after it is recorded), to act at an exact moment. */
    onEmit?: (event: EventName, payload: unknown) => void;
    /**
     * The implement role's default mode. Default `acceptEdits`: tests that are not about
     * permissions let agents edit their own worktree without a card (commands still ask);
     * permission tests pass `null` for Braid's default, ask.
     */
    implementMode?: PermissionMode | null;
    /** More environment for the host (on top of the model's), e.g. PATH and HOME for external agents. */
    env?: Record<string, string>;
    /** How long `waitForStatus` and `waitForEvent` wait (default 15 s). */
    waitTimeoutMs?: number;
    /**
     * The user's home (`~/.claude/…` settings, rules and commands). Default: an empty temp
     * folder, so the developer's own ~/.claude never changes a test.
     */
    home?: string;
  } = {},
) {
  const server = options.server ?? (await startScriptedModelServer({ apiKey: 'sk-test' }));
  if (!options.server) onTestFinished(() => server.close());
  const recorder = recordingEmit();
  const dataDir = options.dataDir ?? tempFolder('braid-agent-');
  const home = options.home ?? tempFolder('braid-agent-home-');
  const services: Services = createServices({
    dataDir,
    home,
    emit: (event, payload) => {
      recorder.emit(event, payload);
      options.onEmit?.(event, payload);
    },
    env: { ...modelEnv(server, options.protocol ?? 'openai'), ...options.env },
    agents: { retry: { maxAttempts: 3, baseDelayMs: 5, maxDelayMs: 30_000 }, ...options.agents },
  });
  onTestFinished(() => services.close());
  expectOk(await services.permissions.setRoleDefault('implement', options.implementMode === undefined ? 'acceptEdits' : options.implementMode));
  const repo = options.repo ?? createRepo({ path: join(tempFolder('braid-agent-repo-'), 'app'), files: { 'README.md': '# app\n', 'src/index.ts': 'export const answer = 42;\n' } }).path;
  // Reopening a data folder (the crash test) finds the repository already added.
  const project = services.projects.list().find((candidate) => candidate.path === repo) ?? expectOk(await services.projects.add(repo));

  const task = (id: string): Task => {
    const found = expectOk(services.tasks.list(project.id)).find((candidate) => candidate.id === id);
    if (!found) throw new Error(`no task ${id}`);
    return found;
  };

  return {
    server,
    services,
    dataDir,
    home,
    repo,
    project,
    recorder,
    task,
    /** Creates a task and waits until its worktree is ready (the agent then starts with the prompt). */
    async createTask(title: string, prompt = '', role: Task['role'] = 'implement', engine?: Engine): Promise<Task> {
      const created = expectOk(await services.tasks.create({ projectId: project.id, title, prompt, role, ...(engine ? { engine } : {}) }));
      const settled = await created.settled;
      if (settled.workspace.state !== 'ready') throw new Error(`worktree failed: ${settled.workspace.stateReason}`);
      return settled;
    },
    async waitForStatus(id: string, ...statuses: TaskStatus[]): Promise<Task> {
      await vi.waitFor(() => {
        if (!statuses.includes(task(id).agent.status)) throw new Error(`status is ${task(id).agent.status} (${task(id).agent.statusReason}), waiting for ${statuses.join('/')}`);
      }, { timeout: options.waitTimeoutMs ?? 15_000, interval: 5 });
      return task(id);
    },
    timeline(id: string): TimelineEvent[] {
      return expectOk(services.agents.history(id, undefined, 1000)).events;
    },
    async waitForEvent<K extends TimelineEvent['kind']>(id: string, kind: K, where: (event: Extract<TimelineEvent, { kind: K }>) => boolean = () => true) {
      let found: Extract<TimelineEvent, { kind: K }> | undefined;
      await vi.waitFor(() => {
        found = this.timeline(id).find((event): event is Extract<TimelineEvent, { kind: K }> => event.kind === kind && where(event as Extract<TimelineEvent, { kind: K }>));
        if (!found) throw new Error(`no ${kind} event yet`);
      }, { timeout: options.waitTimeoutMs ?? 15_000, interval: 5 });
      return found as Extract<TimelineEvent, { kind: K }>;
    },
  };
}
