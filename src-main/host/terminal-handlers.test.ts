import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { EventPayload, Result, TerminalInfo } from '../../src-shared/contract';
import { readProcessTable } from '../services/processes/process-table';
import { flowControl } from '../services/terminals/pty-host/output-flow';
import { uniqueSleep } from '../services/testing/host-processes';
import { HeadlessTerminalView, readyTask } from '../testing/headless-terminal-view';
import { makeTempDir } from '../testing/git-fixtures';
import { createHost, type Host } from './create-host';

const until = { timeout: 15_000, interval: 20 };
let host: Host | undefined;
const views: HeadlessTerminalView[] = [];
afterEach(async () => {
  for (const view of views.splice(0)) view.dispose();
  await host?.close();
  host = undefined;
});

function data<T>(result: Result<unknown>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.data as T;
}

async function startHost(): Promise<Host> {
  host = await createHost({ dataDir: makeTempDir('braid-terminals-host-'), mode: 'web', version: 'test', production: false, env: {}, log: () => {} });
  return host;
}

const size = { cols: 100, rows: 24 };

async function openShell(on: Host, taskId: string): Promise<{ terminal: TerminalInfo; view: HeadlessTerminalView; type(text: string): Promise<void> }> {
  const terminal = data<TerminalInfo>(await on.dispatch('terminals.open', { taskId, ...size }));
  const view = new HeadlessTerminalView(on, taskId, terminal.id, size);
  views.push(view);
  await view.attach();
  return { terminal, view, type: async (text) => void data(await on.dispatch('terminals.input', { taskId, terminalId: terminal.id, data: text })) };
}

/** Text the view shows (scrollback and screen, wrapped lines joined), once xterm has parsed what it was given. */
async function shown(view: HeadlessTerminalView): Promise<string> {
  await view.settled();
  return view.text();
}

/** The pty host running for this test process. */
async function ptyHostPid(): Promise<number | undefined> {
  const children = (await readProcessTable()).filter((row) => row.ppid === process.pid && !row.zombie);
  return children.map((row) => row.pid).find((pid) => readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('pty-host-main'));
}

describe.runIf(process.platform !== 'win32')('terminals over the contract', () => {
  it('opens the login shell in the task’s worktree, in a colour terminal with the task’s variables', async () => {
    const on = await startHost();
    const { taskId, worktree } = await readyTask(on);
    const { view, type } = await openShell(on, taskId);
    await type('printf "%s|%s|%s|%s\\n" "$(pwd -P)" "$TERM" "$COLORTERM" "$BRAID_TASK_ID" | tr a-z A-Z\r');
    const expected = `${worktree}|xterm-256color|truecolor|${taskId}`.toUpperCase();
    await vi.waitFor(async () => expect(await shown(view)).toContain(expected), until);
  });

  it('accepts calls only for the task’s own, open terminals and refuses oversized or malformed input', async () => {
    const on = await startHost();
    const first = await readyTask(on, 'First');
    const second = await readyTask(on, 'Second');
    const { terminal, type } = await openShell(on, first.taskId);

    // Another task's terminal is unknown to it, whatever the call.
    const elsewhere = { taskId: second.taskId, terminalId: terminal.id };
    for (const [method, input] of [
      ['terminals.input', { ...elsewhere, data: 'x' }],
      ['terminals.resize', { ...elsewhere, cols: 80, rows: 20 }],
      ['terminals.ack', { ...elsewhere, position: 1 }],
      ['terminals.snapshot', elsewhere],
      ['terminals.close', elsewhere],
    ] as const) {
      expect(await on.dispatch(method, input)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    }
    expect(await on.dispatch('terminals.list', { taskId: second.taskId })).toEqual({ ok: true, data: [] });
    expect(await on.dispatch('terminals.input', { taskId: first.taskId, terminalId: terminal.id, data: 'x'.repeat(65_537) })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', message: expect.stringContaining('65536') },
    });
    expect(await on.dispatch('terminals.input', { taskId: first.taskId, terminalId: 'not-an-id', data: 'x' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    // Sizes a terminal can have, whole numbers only, and no other fields.
    const ref = { taskId: first.taskId, terminalId: terminal.id };
    for (const size of [
      { cols: 0, rows: 10 },
      { cols: 1_001, rows: 10 },
      { cols: 80, rows: 501 },
      { cols: 80.5, rows: 10 },
      { cols: 80, rows: 10, pid: 1 },
    ]) {
      expect(await on.dispatch('terminals.resize', { ...ref, ...size })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
      expect(await on.dispatch('terminals.open', { taskId: first.taskId, ...size })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    }
    expect(await on.dispatch('terminals.input', { ...ref, data: '' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await on.dispatch('terminals.ack', { ...ref, position: -1 })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(data<TerminalInfo[]>(await on.dispatch('terminals.list', { taskId: first.taskId }))).toHaveLength(1);

    // Its process ended: listed as exited, input refused, still readable.
    await type('exit 7\r');
    await vi.waitFor(async () => expect(data<TerminalInfo[]>(await on.dispatch('terminals.list', { taskId: first.taskId }))).toMatchObject([{ state: 'exited', exitCode: 7 }]), until);
    expect(await on.dispatch('terminals.input', { taskId: first.taskId, terminalId: terminal.id, data: 'ls\r' })).toMatchObject({ ok: false, error: { code: 'TERMINAL_EXITED' } });
    expect(await on.dispatch('terminals.snapshot', { taskId: first.taskId, terminalId: terminal.id })).toMatchObject({ ok: true });

    // Closed: the id is refused from then on.
    expect(await on.dispatch('terminals.close', { taskId: first.taskId, terminalId: terminal.id })).toEqual({ ok: true, data: { closed: true } });
    for (const method of ['terminals.snapshot', 'terminals.close', 'terminals.detach']) {
      expect(await on.dispatch(method, { taskId: first.taskId, terminalId: terminal.id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    }
    expect(await on.dispatch('terminals.list', { taskId: first.taskId })).toEqual({ ok: true, data: [] });
  });

  it('closing a terminal ends everything it started, a background job and a detached daemon too, before it answers', async () => {
    const job = uniqueSleep();
    const daemon = uniqueSleep();
    const on = await startHost();
    const { taskId } = await readyTask(on);
    const { terminal, type } = await openShell(on, taskId);
    const changes: EventPayload<'terminals.changed'>[] = [];
    on.subscribe((event, payload) => event === 'terminals.changed' && changes.push(payload as EventPayload<'terminals.changed'>));
    await type(`${job.command} & setsid nohup ${daemon.command} >/dev/null 2>&1 &\r`);
    await job.waitUntilRunning(1);
    await daemon.waitUntilRunning(1);

    expect(await on.dispatch('terminals.close', { taskId, terminalId: terminal.id })).toEqual({ ok: true, data: { closed: true } });
    expect(job.running()).toEqual([]);
    expect(daemon.running()).toEqual([]);
    expect(changes.at(-1)).toEqual({ taskId, terminals: [] });
  });

  it('deleting the task, and quitting Braid, end the processes of its terminals', async () => {
    const ofDeleted = uniqueSleep();
    const ofKept = uniqueSleep();
    const on = await startHost();
    const deleted = await readyTask(on, 'Deleted');
    const kept = await readyTask(on, 'Kept');
    await (await openShell(on, deleted.taskId)).type(`${ofDeleted.command} &\r`);
    await (await openShell(on, kept.taskId)).type(`setsid nohup ${ofKept.command} >/dev/null 2>&1 &\r`);
    await ofDeleted.waitUntilRunning(1);
    await ofKept.waitUntilRunning(1);

    expect(await on.dispatch('tasks.delete', { taskId: deleted.taskId, force: true })).toEqual({ ok: true, data: { deleted: true, archive: null } });
    expect(ofDeleted.running()).toEqual([]);
    expect(ofKept.running()).toHaveLength(1);

    await on.close();
    host = undefined;
    expect(ofKept.running()).toEqual([]);
    expect(await ptyHostPid()).toBeUndefined();
  });

  it('a pty host that dies leaves no process behind; its terminals say they ended and new ones open', async () => {
    const daemon = uniqueSleep();
    const on = await startHost();
    const { taskId } = await readyTask(on);
    const { terminal, type } = await openShell(on, taskId);
    await type(`setsid nohup ${daemon.command} >/dev/null 2>&1 &\r`);
    await daemon.waitUntilRunning(1);

    process.kill((await ptyHostPid())!, 'SIGKILL');
    await daemon.expectAllGone();
    await vi.waitFor(async () => expect(data<TerminalInfo[]>(await on.dispatch('terminals.list', { taskId }))).toMatchObject([{ id: terminal.id, state: 'exited' }]), until);

    const again = await openShell(on, taskId);
    await again.type('echo back-$((40+2))\r');
    await vi.waitFor(async () => expect(await shown(again.view)).toContain('back-42'), until);
  });

  it('a view that reloads gets the screen back with the modes the program set (alternate screen, mouse, paste, cursor)', async () => {
    const on = await startHost();
    const { taskId } = await readyTask(on);
    const { terminal, view, type } = await openShell(on, taskId);
    // What a TUI does on start: alternate screen, SGR mouse reporting, bracketed paste, a hidden bar cursor.
    await type(`clear; printf '\\033[?1049h\\033[H\\033[?1000h\\033[?1006h\\033[?2004h\\033[?25l\\033[6 q\\033[1;31mTUI %s\\033[0m' "$((6*7))"; sleep 30\r`);
    await vi.waitFor(async () => expect(await shown(view)).toContain('TUI 42'), until);

    const reloaded = new HeadlessTerminalView(on, taskId, terminal.id, size);
    views.push(reloaded);
    await reloaded.attach();
    await reloaded.settled();
    const restored = reloaded.terminal;
    expect(restored.buffer.active.type).toBe('alternate');
    expect(reloaded.screen()[0]).toBe('TUI 42');
    expect(restored.buffer.active.getLine(0)?.getCell(0)?.getFgColor()).toBe(1);
    expect(restored.modes).toMatchObject({ mouseTrackingMode: 'vt200', bracketedPasteMode: true });
    // Not in xterm's public API: how mouse events are encoded, whether the cursor shows, its shape.
    const core = (restored as unknown as { _core: { coreMouseService: { activeEncoding: string }; coreService: { isCursorHidden: boolean; decPrivateModes: object } } })._core;
    expect(core.coreMouseService.activeEncoding).toBe('SGR');
    expect(core.coreService.isCursorHidden).toBe(true);
    expect(core.coreService.decPrivateModes).toMatchObject({ cursorStyle: 'bar', cursorBlink: false });
  });

  it('output waits for a view only while it watches: not after it detaches, and not for long after it vanished', async () => {
    const on = await startHost();
    const { taskId } = await readyTask(on);
    const terminal = data<TerminalInfo>(await on.dispatch('terminals.open', { taskId, ...size }));
    let received = '';
    on.subscribe((event, payload) => {
      const piece = payload as EventPayload<'terminals.data'>;
      if (event === 'terminals.data' && piece.terminalId === terminal.id) received += piece.data;
    });
    const flood = (marker: string) => `awk 'BEGIN { for (i = 0; i < 60000; i++) printf "%060d\\n", i }'; echo ${marker}-$((1+1))\r`;

    // A view that takes the snapshot and then never acknowledges: the output stops at the watermark.
    data(await on.dispatch('terminals.snapshot', { taskId, terminalId: terminal.id }));
    data(await on.dispatch('terminals.input', { taskId, terminalId: terminal.id, data: flood('DETACHED') }));
    await vi.waitFor(() => expect(received.length).toBeGreaterThan(flowControl.highWatermarkChars), until);
    expect(received.length).toBeLessThan(flowControl.highWatermarkChars + 2 * 65_536);
    // It says it stopped watching: the rest comes at once, long before a silent view would be given up on.
    const detached = Date.now();
    data(await on.dispatch('terminals.detach', { taskId, terminalId: terminal.id }));
    await vi.waitFor(() => expect(received).toContain('DETACHED-2'), until);
    expect(Date.now() - detached).toBeLessThan(flowControl.viewerTimeoutMs / 2);

    // Watching again, then gone without a word (a closed tab): the output resumes after a few seconds.
    data(await on.dispatch('terminals.snapshot', { taskId, terminalId: terminal.id }));
    const before = received.length;
    data(await on.dispatch('terminals.input', { taskId, terminalId: terminal.id, data: flood('VANISHED') }));
    await vi.waitFor(() => expect(received.length).toBeGreaterThan(before + flowControl.highWatermarkChars), until);
    await vi.waitFor(() => expect(received).toContain('VANISHED-2'), until);
  });
});
