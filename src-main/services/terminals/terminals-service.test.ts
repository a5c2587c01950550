import { existsSync, mkdirSync, mkdtempSync, readlinkSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import type { Task } from '../../../src-shared/contract';
import { DomainEventBus } from '../events';
import { machineCommandIsolation } from '../sandbox/detect-isolation';
import { uniqueSleep } from '../testing/host-processes';
import { recordingEmit } from '../testing/recording-emit';
import { addRepository, expectOk, makeServices } from '../testing/services-fixture';
import { tempFolder } from '../testing/temp-folders';
import { createTerminalsService, maxTerminalsPerTask } from './terminals-service';

/** Whether this machine can run commands in the sandbox (bubblewrap here, sandbox-exec on macOS). */
const canSandbox = (await machineCommandIsolation()).sandbox.limitation === null;

async function readyTask() {
  const world = makeServices();
  const project = await addRepository(world.services);
  const created = expectOk(await world.services.tasks.create({ projectId: project.id, title: 'Commands', prompt: '', role: 'implement' }));
  const task = await created.settled;
  if (task.workspace.state !== 'ready') throw new Error(`worktree: ${task.workspace.stateReason}`);
  return { ...world, task };
}

describe.runIf(process.platform !== 'win32')('commands Braid runs in a task’s terminal (external agents, setup scripts)', () => {
  it('runs in the worktree as a terminal the user sees; its output, exit and release are there for the caller', async () => {
    const { services, task, of } = await readyTask();
    mkdirSync(join(task.workspace.path, 'pkg'));
    const handle = expectOk(
      await services.terminals.startCommand(task.id, {
        title: 'Setup',
        argv: ['/bin/sh', '-c', 'printf "\\033[32mready\\033[0m in %s\\n" "$(basename "$PWD")"; echo "$GREETING"; exit 3'],
        cwd: join(task.workspace.path, 'pkg'),
        env: { GREETING: 'hello from the çaller' },
      }),
    );
    expect(await handle.exited).toEqual({ exitCode: 3, signal: null });
    expect(await handle.output()).toEqual({ output: 'ready in pkg\nhello from the çaller', truncated: false, exit: { exitCode: 3, signal: null } });
    // The newest output within the limit (bytes), never half a character: "ç" is two.
    expect(await handle.output(10)).toMatchObject({ output: 'he çaller', truncated: true });
    expect(await handle.output(6)).toMatchObject({ output: 'aller', truncated: true });
    expect(expectOk(services.terminals.list(task.id))).toMatchObject([
      { id: handle.id, kind: 'command', title: 'Setup', command: `/bin/sh -c 'printf "\\033[32mready\\033[0m in %s\\n" "$(basename "$PWD")"; echo "$GREETING"; exit 3'`, state: 'exited', exitCode: 3 },
    ]);
    expect(of('terminals.changed').at(-1)?.terminals.map((terminal) => terminal.id)).toEqual([handle.id]);

    await handle.release();
    expect(expectOk(services.terminals.list(task.id))).toEqual([]);
  });

  it('kill stops the command and everything it started but keeps the terminal and its output', async () => {
    const daemon = uniqueSleep();
    const { services, task } = await readyTask();
    const handle = expectOk(
      await services.terminals.startCommand(task.id, { title: 'Serve', argv: ['/bin/sh', '-c', `(setsid nohup ${daemon.command} >/dev/null 2>&1 &); echo serving; exec ${daemon.command}`] }),
    );
    await daemon.waitUntilRunning(2);
    await handle.kill();
    expect(daemon.running()).toEqual([]);
    expect((await handle.exited).exitCode).not.toBe(0);
    expect(await handle.output()).toMatchObject({ output: 'serving', exit: expect.any(Object) });
    expect(expectOk(services.terminals.list(task.id))).toMatchObject([{ id: handle.id, state: 'exited' }]);
  });

  it('runs an external agent’s command under the machine’s command isolation when asked', async () => {
    const { services, task } = await readyTask();
    const isolation = await services.commands.isolation();
    const namespaceOf = async (isolated: boolean) => {
      const handle = expectOk(await services.terminals.startCommand(task.id, { title: 'ns', argv: ['readlink', '/proc/self/ns/pid'], isolated }));
      await handle.exited;
      return (await handle.output()).output;
    };
    const host = readlinkSync('/proc/self/ns/pid');
    expect(await namespaceOf(false)).toBe(host);
    if (isolation.pidNamespace) expect(await namespaceOf(true)).not.toBe(host);
    else expect(await namespaceOf(true)).toBe(host);
  });

  it.runIf(canSandbox)('runs an external agent’s command in the task’s sandbox when its mode has one; the user’s own commands are not', async () => {
    const { services, task } = await readyTask();
    expectOk(await services.permissions.setTaskMode(task.id, 'fullAuto'));
    // On the root file system: the sandbox gives /tmp a private copy.
    const outside = mkdtempSync('/var/tmp/braid-outside-');
    onTestFinished(() => rmSync(outside, { recursive: true, force: true }));
    const write = async (name: string, isolated: boolean) => {
      const handle = expectOk(
        await services.terminals.startCommand(task.id, { title: name, argv: ['/bin/sh', '-c', `echo x > ${join(outside, name)}; echo x > ${name}`], isolated }),
      );
      await handle.exited;
      return (await handle.output()).output;
    };
    expect(await write('agent.txt', true)).toMatch(/Read-only file system/);
    expect(existsSync(join(outside, 'agent.txt'))).toBe(false);
    expect(existsSync(join(task.workspace.path, 'agent.txt'))).toBe(true);
    await write('user.txt', false);
    expect(existsSync(join(outside, 'user.txt'))).toBe(true);
  });

  it('refuses a working folder outside the worktree, inside .git, or behind a link that leads out', async () => {
    const { services, task } = await readyTask();
    const outside = tempFolder('braid-outside-');
    symlinkSync(outside, join(task.workspace.path, 'out'));
    const start = (cwd: string) => services.terminals.startCommand(task.id, { title: 'x', argv: ['true'], cwd });
    expect(await start(outside)).toMatchObject({ ok: false, error: { code: 'PATH_OUTSIDE_ROOT' } });
    expect(await start(join(task.workspace.path, '..'))).toMatchObject({ ok: false, error: { code: 'PATH_OUTSIDE_ROOT' } });
    expect(await start(join(task.workspace.path, 'out'))).toMatchObject({ ok: false, error: { code: 'PATH_OUTSIDE_ROOT' } });
    expect(await start(join(task.workspace.path, '.git'))).toMatchObject({ ok: false, error: { code: 'PATH_OUTSIDE_ROOT' } });
    expect(await start(join(task.workspace.path, 'missing'))).toMatchObject({ ok: false, error: { code: 'PATH_NOT_FOUND' } });
    expect(expectOk(services.terminals.list(task.id))).toEqual([]);
  });

  it(`keeps at most ${maxTerminalsPerTask} terminals per task, and opens one more once one is closed`, { timeout: 60_000 }, async () => {
    const { services, task } = await readyTask();
    // Ended terminals count until closed (they keep their output), so commands that end at once do.
    const start = () => services.terminals.startCommand(task.id, { title: 'done', argv: ['true'] });
    const handles = [];
    for (let i = 0; i < maxTerminalsPerTask; i++) handles.push(expectOk(await start()));
    expect(await start()).toMatchObject({ ok: false, error: { code: 'BUSY', message: expect.stringContaining('close one first') } });
    expect(await services.terminals.open({ taskId: task.id, cols: 80, rows: 24 })).toMatchObject({ ok: false, error: { code: 'BUSY' } });
    await handles[0]!.release();
    expectOk(await start());
  });

  it('a task archived after its merge loses its terminals and what they started, before the removal goes on', async () => {
    const daemon = uniqueSleep();
    const worktree = tempFolder('braid-worktree-');
    const task = { id: 'task000002', projectId: 'project001', workspace: { path: worktree, state: 'ready' } } as Task;
    const events = new DomainEventBus();
    const terminals = createTerminalsService({ getTask: (taskId) => (taskId === task.id ? task : undefined), emit: recordingEmit().emit, events, isolation: machineCommandIsolation() });
    try {
      expectOk(await terminals.startCommand(task.id, { title: 'Serve', argv: ['/bin/sh', '-c', `(setsid nohup ${daemon.command} >/dev/null 2>&1 &); exec ${daemon.command}`] }));
      await daemon.waitUntilRunning(2);
      await events.publish('task.removed', { projectId: task.projectId, taskId: task.id, pipelineId: null, title: 'Archived', cause: 'archived' });
      expect(daemon.running()).toEqual([]);
      expect(expectOk(terminals.list(task.id))).toEqual([]);
    } finally {
      await terminals.close();
    }
  });

  it('gives everything run in a workspace’s terminals the workspace’s variables from the environment hook', async () => {
    const worktree = tempFolder('braid-worktree-');
    const task = { id: 'task000001', workspace: { path: worktree, state: 'ready' } } as Task;
    const recorder = recordingEmit();
    const terminals = createTerminalsService({
      getTask: (taskId) => (taskId === task.id ? task : undefined),
      emit: recorder.emit,
      events: new DomainEventBus(),
      isolation: machineCommandIsolation(),
      workspaceEnvironment: () => ({ BRAID_PORT: '41000', BRAID_WORKSPACE_PATH: worktree }),
    });
    try {
      const handle = expectOk(await terminals.startCommand(task.id, { title: 'env', argv: ['/bin/sh', '-c', 'echo "$BRAID_PORT $BRAID_WORKSPACE_PATH $BRAID_TASK_ID"'] }));
      await handle.exited;
      expect((await handle.output()).output).toBe(`41000 ${worktree} task000001`);
    } finally {
      await terminals.close();
    }
  });
});
