import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { CommandIsolation } from '../sandbox/command-isolation';
import { workingNamespaceIsolations } from '../sandbox/detect-isolation';
import { processGroupIsolation } from '../sandbox/process-group';
import { uniqueSleep } from '../testing/host-processes';
import type { WorkspaceToolServerOptions } from './workspace-server';
import { openWorkspace } from '../testing/tool-server-fixture';

const until = { timeout: 10_000, interval: 20 };

/** Every isolation this machine can use (bubblewrap and unshare need Linux), and none at all. */
const isolations: CommandIsolation[] = [...(await workingNamespaceIsolations()), processGroupIsolation('tested without isolation')];

/**
 * A `setsid` child and a double-forked daemon (its parent exits at once, so it belongs to
 * init, in its own session): the two ways a command's processes usually escape its tree and
 * its process group. Each touches a file once it runs, so the command can wait for both.
 */
function detachers(sleep: string, prefix = ''): string {
  return [
    `setsid sh -c '${prefix}touch detached-1; exec ${sleep}' > /dev/null 2>&1 &`,
    `(setsid sh -c '${prefix}touch detached-2; exec ${sleep}' &)`,
    'while [ ! -f detached-1 ] || [ ! -f detached-2 ]; do sleep 0.02; done',
  ].join('\n');
}

describe.each(isolations.map((isolation) => [isolation.kind, isolation] as const))('run_command isolated by %s', (_kind, isolation) => {
  const open = (server: Partial<WorkspaceToolServerOptions> = {}) => openWorkspace({ server: { isolation: Promise.resolve(isolation), ...server } });

  it('stops a setsid child and a double-forked daemon when the command returns', async () => {
    const sleep = uniqueSleep();
    const { call, root } = await open();
    const reply = await call('run_command', { command: `${detachers(sleep.command)}\necho started` });
    expect(reply).toMatchObject({ isError: false, text: expect.stringContaining('started') });
    expect(existsSync(join(root, 'detached-1')) && existsSync(join(root, 'detached-2'))).toBe(true);
    await sleep.expectAllGone();
  });

  it('on Stop, sends SIGTERM first (traps run) and leaves nothing running', async () => {
    const sleep = uniqueSleep();
    const { call, root, streamed } = await open();
    const controller = new AbortController();
    const pending = call(
      'run_command',
      { command: `trap 'echo cleaned > cleaned.txt; exit 0' TERM\n${detachers(sleep.command)}\necho ready; while :; do sleep 0.05; done` },
      { signal: controller.signal },
    ).catch((error: unknown) => error);
    await vi.waitFor(() => expect(streamed.map((entry) => entry.chunk).join('')).toContain('ready'), until);
    await sleep.waitUntilRunning(2);
    controller.abort();
    expect(await pending).toBeInstanceOf(Error);
    await sleep.expectAllGone();
    await vi.waitFor(() => expect(readFileSync(join(root, 'cleaned.txt'), 'utf8')).toBe('cleaned\n'), until);
  });

  it('on timeout, kills what ignores SIGTERM too', async () => {
    const sleep = uniqueSleep();
    const { call } = await open({ killGraceMs: 300 });
    // Ignored signals stay ignored in every child: nothing here goes on SIGTERM.
    const pending = call('run_command', { command: `trap '' TERM\n${detachers(sleep.command)}\n${sleep.command}`, timeout_ms: 1500 });
    await sleep.waitUntilRunning(3);
    const reply = await pending;
    expect(reply.text).toContain('[timed out after 1.5 s: the command and every process it started were stopped]');
    await sleep.expectAllGone();
  });

  it('runs in a terminal in the workspace, with the user environment, colours and exit code', async () => {
    const { call, root, streamed } = await open();
    const reply = await call('run_command', {
      command: 'tty; test -t 1 && echo "stdout is a terminal"; echo "cwd=$(pwd)"; echo "ws=$BRAID_WORKSPACE"; echo "path=$PATH"; printf "\\033[31mred\\033[0m\\n"; exit 3',
    });
    expect(reply.isError).toBe(true);
    expect(reply.text).toMatch(/^\/dev\/pts\/\d+$/m);
    expect(reply.text).toContain('stdout is a terminal');
    expect(reply.text).toContain(`cwd=${root}`);
    expect(reply.text).toContain(`ws=${root}`);
    expect(reply.text).toContain(`path=${process.env.PATH}`);
    expect(reply.text).toMatch(/\[exit code 3, /);
    expect(streamed.map((entry) => entry.chunk).join('')).toContain('\u001b[31mred\u001b[0m');
  });

  it.runIf(isolation.capabilities.pidNamespace)('leaves nothing running when the host itself is killed', async () => {
    const sleep = uniqueSleep();
    const { root } = await open();
    const host = spawn(
      process.execPath,
      ['--import', 'tsx', resolve(import.meta.dirname, '../../testing/command-host-process.ts'), isolation.kind, root, `${detachers(sleep.command)}\necho ready; ${sleep.command}`],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    host.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    host.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await vi.waitFor(() => expect(output).toContain('ready'), { timeout: 20_000, interval: 25 });
    await sleep.waitUntilRunning(3);
    host.kill('SIGKILL');
    await once(host, 'exit');
    await sleep.expectAllGone();
  });
});
