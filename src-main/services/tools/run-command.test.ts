import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { uniqueSleep } from '../testing/host-processes';
import { openWorkspace } from '../testing/tool-server-fixture';

const until = { timeout: 10_000, interval: 20 };

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

  it("lets the agent's git commit on a machine where no e-mail is configured", async () => {
    const { call, root } = await openWorkspace();
    // No global or system git config, as on a fresh machine (the variables reach the command).
    const fresh = `export GIT_CONFIG_GLOBAL=${JSON.stringify(join(root, '..', 'no-global-config'))} GIT_CONFIG_NOSYSTEM=1`;
    const reply = await call('run_command', { command: `${fresh}; git init -q scratch && cd scratch && git commit -q --allow-empty -m first && git log -1 --format=%ce` });
    expect(reply.isError, reply.text).toBe(false);
    expect(reply.text).toMatch(process.env.EMAIL ? process.env.EMAIL : /@localhost/);
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

  it('stops a running command, and what it detached, when the server closes', async () => {
    const sleep = uniqueSleep();
    const { call, client, streamed } = await openWorkspace();
    const pending = call('run_command', { command: `(setsid ${sleep.command} &); echo ready; ${sleep.command}` }).catch((error: unknown) => error);
    await vi.waitFor(() => expect(streamed.map((entry) => entry.chunk).join('')).toContain('ready'), until);
    await sleep.waitUntilRunning(2);
    await client.close();
    await pending;
    await sleep.expectAllGone();
  });

  it('refuses an empty command and an out-of-range timeout', async () => {
    const { call } = await openWorkspace();
    expect((await call('run_command', { command: '' })).isError).toBe(true);
    expect((await call('run_command', { command: 'true', timeout_ms: 0 })).isError).toBe(true);
  });
});
