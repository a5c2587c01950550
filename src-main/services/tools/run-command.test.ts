import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { isProcessAlive } from '../processes/process-tree';
import { openWorkspace } from './workspace-test-client';

const until = { timeout: 10_000, interval: 20 };

function readPid(root: string, file: string): number {
  return Number(readFileSync(join(root, file), 'utf8').trim());
}

/** Every live process in the given process group (ps, so zombies can be told apart). */
function groupMembers(pgid: number): number[] {
  return execFileSync('ps', ['-A', '-o', 'pid=,pgid=,stat='], { encoding: 'utf8' })
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter(([, group, stat]) => Number(group) === pgid && !stat?.startsWith('Z'))
    .map(([pid]) => Number(pid));
}

async function expectAllGone(pids: number[]): Promise<void> {
  await vi.waitFor(() => expect(pids.filter(isProcessAlive)).toEqual([]), until);
}

describe('run_command', () => {
  it('runs in the workspace root with BRAID_WORKSPACE set and reports the exit code', async () => {
    const { call, root } = await openWorkspace();
    const reply = await call('run_command', { command: 'echo "hello from $(pwd)"; echo "ws=$BRAID_WORKSPACE"; test -t 1 && echo tty' });
    expect(reply.isError).toBe(false);
    expect(reply.text).toContain(`hello from ${root}`);
    expect(reply.text).toContain(`ws=${root}`);
    expect(reply.text).toContain('tty');
    expect(reply.text).toMatch(/\[exit code 0, \d+\.\d s\]$/);
  });

  it('returns a failing command as an error with its output and exit code', async () => {
    const { call } = await openWorkspace();
    const reply = await call('run_command', { command: 'printf "\\033[31mred failure\\033[0m\\n" >&2; exit 3' });
    expect(reply.isError).toBe(true);
    expect(reply.text).toContain('red failure');
    expect(reply.text).not.toContain('\u001b[');
    expect(reply.text).toMatch(/\[exit code 3, /);
  });

  it('streams output under the caller-given call id while the command still runs', async () => {
    const { call, root, streamed } = await openWorkspace();
    execFileSync('mkfifo', [join(root, 'gate')]);
    let settled = false;
    const pending = call('run_command', { command: 'echo first; read word < gate; echo "second $word"' }, { callId: 'call-7' }).finally(() => {
      settled = true;
    });
    await vi.waitFor(() => expect(streamed.map((entry) => entry.chunk).join('')).toContain('first'), until);
    expect(settled).toBe(false);
    expect(streamed.map((entry) => entry.chunk).join('')).not.toContain('second');

    writeFileSync(join(root, 'gate'), 'go\n');
    const reply = await pending;
    expect(reply.text).toContain('second go');
    expect(streamed.map((entry) => entry.chunk).join('')).toContain('second go');
    expect(new Set(streamed.map((entry) => entry.callId))).toEqual(new Set(['call-7']));
  });

  it('keeps the head and the tail of long output and says how much was cut', async () => {
    const { call } = await openWorkspace({ server: { commandOutputChars: 3000 } });
    const reply = await call('run_command', { command: 'seq 1 50000' });
    expect(reply.text.startsWith('1\n2\n3\n')).toBe(true);
    expect(reply.text).toMatch(/\n49999\n50000\n\[exit code 0/);
    const cut = /\[… ([\d,]+) characters of output cut …\]/.exec(reply.text);
    expect(Number(cut?.[1]?.replace(/,/g, ''))).toBeGreaterThan(280_000);
    expect(reply.text.length).toBeLessThan(3200);
  });

  it('kills the whole process tree on timeout', async () => {
    const { call, root } = await openWorkspace();
    const reply = await call('run_command', {
      command: 'sleep 1000 & echo $! > bg.pid; echo $$ > shell.pid; sleep 1000',
      timeout_ms: 1000,
    });
    expect(reply.isError).toBe(true);
    expect(reply.text).toContain('[timed out after 1 s: the command and every process it started were stopped]');
    await expectAllGone([readPid(root, 'bg.pid'), readPid(root, 'shell.pid')]);
  });

  it('kills the whole process tree, even a child in its own session, when the call is cancelled', async () => {
    const { call, root, streamed } = await openWorkspace();
    const controller = new AbortController();
    const pending = call(
      'run_command',
      { command: 'sleep 1000 & echo $! > bg.pid; setsid sleep 1000 & echo $! > own-session.pid; echo $$ > shell.pid; echo ready; sleep 1000' },
      { signal: controller.signal },
    ).then(
      () => 'finished',
      (error: unknown) => error,
    );
    await vi.waitFor(() => expect(streamed.map((entry) => entry.chunk).join('')).toContain('ready'), until);
    const shell = readPid(root, 'shell.pid');
    const members = groupMembers(shell);
    expect(members).toEqual(expect.arrayContaining([shell, readPid(root, 'bg.pid')]));

    controller.abort();
    expect(await pending).toBeInstanceOf(Error);
    await expectAllGone([...members, readPid(root, 'own-session.pid')]);
    expect(groupMembers(shell)).toEqual([]);
  });

  it('escalates to SIGKILL for processes that ignore SIGTERM', async () => {
    const { call, root } = await openWorkspace({ server: { killGraceMs: 200 } });
    const reply = await call('run_command', {
      command: "trap '' TERM; sleep 1000 & echo $! > bg.pid; echo $$ > shell.pid; wait",
      timeout_ms: 1000,
    });
    expect(reply.text).toContain('timed out');
    await expectAllGone([readPid(root, 'bg.pid'), readPid(root, 'shell.pid')]);
  });

  it('stops what a finished command left running in the background', async () => {
    const { call, root } = await openWorkspace();
    // HUP is ignored from the start (inherited), so only Braid's clean-up can stop the child.
    const reply = await call('run_command', { command: "trap '' HUP; sleep 1000 > /dev/null 2>&1 & echo $! > bg.pid" });
    expect(reply.isError).toBe(false);
    await expectAllGone([readPid(root, 'bg.pid')]);
  });

  it('stops a running command when the server closes', async () => {
    const { call, client, root, streamed } = await openWorkspace();
    const pending = call('run_command', { command: 'echo $$ > shell.pid; echo ready; sleep 1000' }).catch((error: unknown) => error);
    await vi.waitFor(() => expect(streamed.map((entry) => entry.chunk).join('')).toContain('ready'), until);
    await client.close();
    await pending;
    await expectAllGone([readPid(root, 'shell.pid')]);
  });

  it('refuses an empty command and an out-of-range timeout', async () => {
    const { call } = await openWorkspace();
    expect((await call('run_command', { command: '' })).isError).toBe(true);
    expect((await call('run_command', { command: 'true', timeout_ms: 0 })).isError).toBe(true);
  });
});
