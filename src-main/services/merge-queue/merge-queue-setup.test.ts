import { existsSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { QueueEntry } from '../../../src-shared/contract';
import { tempFolder } from '../testing/temp-folders';
import { expectOk, makeQueueFixture } from './merge-queue.fixture';

/** A folder outside the scratch worktree (which is reset per candidate) where setup and gate leave what they saw: `$OUT`. */
function outFolder() {
  const folder = tempFolder('braid-queue-setup-');
  return { folder, gateEnv: { OUT: folder }, read: (name: string) => readFileSync(join(folder, name), 'utf8'), has: (name: string) => existsSync(join(folder, name)) };
}

const finished = (entry: QueueEntry) => entry.state === 'landed' || entry.state === 'ejected';

const workspaceJson = (config: Record<string, unknown>) => ({ '.braid/workspace.json': `${JSON.stringify(config, null, 2)}\n` });

/** A block of 10 ports that is only this test's: deterministic which block a gate gets, and whether it was given back. */
function testPortRange(blocks: number) {
  const first = 25_000 + Math.floor(Math.random() * 400) * 10;
  return { first, end: first + blocks * 10 };
}

describe('the merge queue with the workspace setup', () => {
  it('the gate is `test` from .braid/workspace.json as committed on the target, its lines run in order', async () => {
    const gate = ['echo checking', 'if [ -e BROKEN ]; then echo "BROKEN: $(cat BROKEN)"; exit 3; fi', 'echo target gate passed'];
    const fixture = await makeQueueFixture({ files: workspaceJson({ test: gate }) });
    fixture.trustWorkspaceConfig();
    const broken = await fixture.task('Broken', { BROKEN: 'broken on purpose\n' });
    const fine = await fixture.task('Fine', { 'fine.txt': 'f\n' });
    const [first, second] = [fixture.add(broken), fixture.add(fine)];

    const settled = await fixture.settle();
    expect(settled.gate).toMatchObject({ command: gate.join(' && '), setup: null, source: 'workspace.json', problem: null, trust: { files: ['.braid/workspace.json'], scripts: { test: gate }, trusted: true } });
    expect(settled.entries.map((entry) => [entry.taskTitle, entry.state])).toEqual([
      ['Broken', 'ejected'],
      ['Fine', 'landed'],
    ]);
    expect(settled.entries[0]?.ejection).toMatchObject({ kind: 'gate-failed', exitCode: 3, command: gate.join(' && ') });
    expect(expectOk(fixture.queue.log(first.id)).text).toContain('BROKEN: broken on purpose');
    const passed = expectOk(fixture.queue.log(second.id)).text;
    expect(passed).toContain('Workspace config: .braid/workspace.json as committed on main');
    expect(passed).toContain('Gate (test in .braid/workspace.json)');
    expect(passed).toContain('$ echo checking');
    expect(passed).toContain('target gate passed');
  }, 60_000);

  it('an entry that sets its own `test` to `true` is still judged by the target’s gate', async () => {
    const gate = 'test -f READY || { echo "READY is missing"; exit 4; }';
    const fixture = await makeQueueFixture({ files: workspaceJson({ test: gate }) });
    fixture.trustWorkspaceConfig();
    const cheat = await fixture.task('Cheat', { ...workspaceJson({ test: 'true' }), 'cheat.txt': 'c\n' });
    const mainBefore = fixture.repo.head();
    const entry = fixture.add(cheat);

    const ejected = await fixture.waitForEntry(entry.id, finished);
    expect(ejected.ejection).toMatchObject({ kind: 'gate-failed', exitCode: 4, command: gate });
    expect(expectOk(fixture.queue.log(entry.id)).text).toContain('READY is missing');
    expect(fixture.repo.head()).toBe(mainBefore);
  }, 60_000);

  it('the setup runs in the scratch worktree before the gate, with the workspace’s variables and a port block of its own; the gate sees what it made, the checkout’s ignored files, and the same variables', async () => {
    const out = outFolder();
    const report = 'printf "%s\\n" "$PWD" "$BRAID_WORKSPACE_PATH" "$BRAID_ROOT_PATH" "$BRAID_WORKSPACE_NAME" "$BRAID_PORT" "$API_PORT"';
    const fixture = await makeQueueFixture({
      files: {
        '.gitignore': '.env\n',
        '.worktreeinclude': '.env\n',
        ...workspaceJson({ setup: [`${report} > "$OUT/setup.txt"`, 'echo made by setup > made.txt'], ports: { API_PORT: 1 } }),
      },
      settings: { gateCommand: `cat made.txt .env && ${report} > "$OUT/gate.txt"` },
      gateEnv: out.gateEnv,
      portRange: testPortRange(2),
    });
    writeFileSync(join(fixture.repo.path, '.env'), 'SECRET=from the checkout\n');
    fixture.trustWorkspaceConfig();
    const task = await fixture.task('Feature', { 'feature.txt': 'f\n' });
    // The task's workspace holds a block: the gate never gets it.
    const workspaceBlock = await fixture.ports.reserve(task.workspace.id);
    const entry = fixture.add(task);

    const landed = await fixture.waitForEntry(entry.id, finished);
    expect(landed.ejection).toBeNull();
    const [pwd, workspacePath, rootPath, name, port, apiPort] = out.read('setup.txt').trimEnd().split('\n');
    expect(pwd).toBe(workspacePath);
    expect(workspacePath).toContain(join(realpathSync(fixture.dataDir), 'merge-queue'));
    expect(rootPath).toBe(fixture.repo.path);
    expect(name).toBe(basename(workspacePath!));
    expect(name).toMatch(/^queue-/);
    expect(Number(port) % 10).toBe(0);
    expect(Number(port)).not.toBe(workspaceBlock);
    expect(Number(apiPort)).toBe(Number(port) + 1);
    expect(out.read('gate.txt')).toBe(out.read('setup.txt'));
    const log = expectOk(fixture.queue.log(entry.id)).text;
    expect(log).toContain('Brought from your checkout (.worktreeinclude, copy): .env');
    expect(log).toContain('Workspace setup (.braid/workspace.json)');
    expect(log).toContain('made by setup');
    expect(log).toContain('SECRET=from the checkout');
    // The setup's file stayed in the scratch worktree: nothing landed but the entry's own.
    expect(fixture.repo.git('ls-tree', '--name-only', 'main').split('\n')).not.toContain('made.txt');
  }, 60_000);

  it('a gate’s port block is given back when its run ends: entries one after another get the same only free block', async () => {
    const out = outFolder();
    const range = testPortRange(1);
    const fixture = await makeQueueFixture({
      files: workspaceJson({ setup: 'echo "$BRAID_PORT" >> "$OUT/ports.txt"' }),
      settings: { gateCommand: 'true' },
      gateEnv: out.gateEnv,
      portRange: range,
    });
    fixture.trustWorkspaceConfig();
    const tasks = [await fixture.task('One', { 'one.txt': '1\n' }), await fixture.task('Two', { 'two.txt': '2\n' })];
    for (const task of tasks) fixture.add(task);
    const settled = await fixture.settle();
    expect(settled.entries.map((entry) => entry.state)).toEqual(['landed', 'landed']);
    expect(out.read('ports.txt')).toBe(`${range.first}\n${range.first}\n`);
  }, 60_000);

  it('an imported config’s setup runs with the tool’s own names (Conductor’s CONDUCTOR_PORT, CONDUCTOR_ROOT_PATH), its git-ignored local layer from the checkout, and the gate gets the same names', async () => {
    const out = outFolder();
    const fixture = await makeQueueFixture({
      files: { '.gitignore': '.conductor/settings.local.toml\n', '.conductor/settings.toml': '[scripts]\nsetup = "echo committed setup; exit 9"\n' },
      settings: { gateCommand: 'test -n "$CONDUCTOR_PORT" && test "$CONDUCTOR_PORT" = "$BRAID_PORT"' },
      gateEnv: out.gateEnv,
    });
    // The user's own layer, never committed: the setup that runs is this one, as in a workspace.
    writeFileSync(join(fixture.repo.path, '.conductor/settings.local.toml'), `[scripts]\nsetup = 'echo "$CONDUCTOR_PORT $CONDUCTOR_ROOT_PATH" > "$OUT/conductor.txt"'\n`);
    fixture.trustWorkspaceConfig();
    const entry = fixture.add(await fixture.task('Imported', { 'imported.txt': 'i\n' }));

    const landed = await fixture.waitForEntry(entry.id, finished);
    expect(landed.ejection).toBeNull();
    const [port, root] = out.read('conductor.txt').trimEnd().split(' ');
    expect(Number(port) % 10).toBe(0);
    expect(root).toBe(fixture.repo.path);
    expect(expectOk(fixture.queue.log(entry.id)).text).toContain('Workspace setup (.conductor/settings.toml + .conductor/settings.local.toml)');
  }, 60_000);

  it.each([
    { what: 'a setup script', config: { setup: 'touch "$OUT/ran"' }, gateCommand: 'true', says: 'The setup script of .braid/workspace.json on main runs only once you trust it' },
    { what: 'a gate from `test`', config: { test: 'touch "$OUT/ran"' }, gateCommand: null, says: 'The gate (test) of .braid/workspace.json on main runs only once you trust it' },
  ])('$what the user has not trusted does not run: the queue holds with the reason and how to trust it; trusted and resumed, it runs and lands', async ({ config, gateCommand, says }) => {
    const out = outFolder();
    const fixture = await makeQueueFixture({ files: workspaceJson(config), settings: { gateCommand }, gateEnv: out.gateEnv });
    const task = await fixture.task('Waits', { 'waits.txt': 'w\n' });
    const mainBefore = fixture.repo.head();
    const entry = fixture.add(task);

    const paused = await fixture.waitForPause();
    expect(paused.paused).toBe(true);
    expect(paused.pauseReason).toContain(says);
    expect(paused.pauseReason).toContain('Read the scripts shown with the queue and press "Trust and resume"');
    expect(paused.pauseReason).toContain("Trusting them in a task's Workspace scripts works too");
    expect(paused.entries.map((item) => [item.id, item.state])).toEqual([[entry.id, 'queued']]);
    expect(out.has('ran')).toBe(false);
    expect(fixture.repo.head()).toBe(mainBefore);

    fixture.trustWorkspaceConfig();
    expectOk(await fixture.queue.resume(fixture.projectId, 'main'));
    await fixture.waitForEntry(entry.id, (item) => item.state === 'landed');
    expect(out.has('ran')).toBe(true);
  }, 60_000);

  it('a failing setup ejects the entry with its log, as a failing gate does; the gate does not run', async () => {
    const out = outFolder();
    const setup = ['echo installing', 'echo "npm ERR! the lockfile is out of date" >&2; exit 7'];
    const fixture = await makeQueueFixture({ files: workspaceJson({ setup, test: 'touch "$OUT/gate-ran"' }), gateEnv: out.gateEnv });
    fixture.trustWorkspaceConfig();
    const task = await fixture.task('Lockfile', { 'package.json': '{}\n' });
    const mainBefore = fixture.repo.head();
    const entry = fixture.add(task);

    const ejected = await fixture.waitForEntry(entry.id, finished);
    expect(ejected.ejection).toMatchObject({ kind: 'gate-failed', exitCode: 7, command: setup.join(' && ') });
    expect(ejected.ejection?.message).toContain('The workspace setup failed (exit 7) on top of main');
    const log = expectOk(fixture.queue.log(entry.id)).text;
    expect(log).toContain('installing');
    expect(log).toContain('npm ERR! the lockfile is out of date');
    expect(out.has('gate-ran')).toBe(false);
    expect(fixture.repo.head()).toBe(mainBefore);
    // Sent to the agent like a gate failure, with the setup's output.
    expectOk(await fixture.queue.sendFailure(entry.id));
    expect(fixture.sentToAgent[0]?.text).toContain('npm ERR! the lockfile is out of date');
  }, 60_000);

  it('a workspace config on the target that cannot be read holds the queue with its problem instead of landing untested', async () => {
    const fixture = await makeQueueFixture({ files: { '.braid/workspace.json': '{ "tset": "npm test" }\n' } });
    const task = await fixture.task('Typo', { 'typo.txt': 't\n' });
    const mainBefore = fixture.repo.head();
    const entry = fixture.add(task);

    const paused = await fixture.waitForPause();
    expect(paused.paused).toBe(true);
    expect(paused.pauseReason).toContain('The workspace config on main cannot be read');
    expect(paused.pauseReason).toContain('"tset" is not a known entry');
    expect(paused.entries.map((item) => [item.id, item.state])).toEqual([[entry.id, 'queued']]);
    expect(fixture.repo.head()).toBe(mainBefore);
  }, 60_000);
});
