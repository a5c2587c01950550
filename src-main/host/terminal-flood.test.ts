import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { TerminalInfo } from '../../src-shared/contract';
import { readProcessTable } from '../services/processes/process-table';
import { flowControl } from '../services/terminals/pty-host/output-flow';
import { HeadlessTerminalView, readyTask } from '../testing/headless-terminal-view';
import { makeTempDir } from '../testing/git-fixtures';
import { createHost, type Host } from './create-host';

let host: Host | undefined;
afterEach(async () => {
  await host?.close();
  host = undefined;
});

function data<T>(result: { ok: boolean; data?: unknown; error?: { message: string } }): T {
  if (!result.ok) throw new Error(result.error?.message);
  return result.data as T;
}

const lineCount = 500_000;
/** Lines printed after the second view opened: few enough that its final scrollback reaches back into its snapshot. */
const afterReload = 5_000;
/** `00000042 xxx…x` (100 characters with the newline) from `from` to `to`. */
const lines = (from: number, to: number) => `awk 'BEGIN { s = sprintf("%91s", ""); gsub(/ /, "x", s); for (i = ${from}; i < ${to}; i++) printf "%08d %s\\n", i, s }'`;
/** 50 MB of numbered lines, held before the last few thousand until the file `.go` appears in the worktree. */
const flood = `${lines(0, lineCount - afterReload)}; while [ ! -e .go ]; do sleep 0.05; done; ${lines(lineCount - afterReload, lineCount)}; echo "FLOOD-$((1 + 1))"`;
const floodLine = /^(\d{8}) x{91}$/;
/** The first line follows the shell's "bracketed paste off" and a carriage return. */
const streamedLine = /(?:^|\r)(\d{8}) x{91}$/;

/** Checks the raw stream line by line: every flood line once, in order, whole. */
function lineChecker() {
  let partial = '';
  let next = 0;
  const problems: string[] = [];
  return {
    push(piece: string) {
      const lines = (partial + piece).split('\r\n');
      partial = lines.pop() ?? '';
      for (const line of lines) {
        const match = streamedLine.exec(line);
        if (!match) {
          // The shell's prompt and echo come before the flood, its marker after.
          if (next > 0 && next < lineCount && problems.length < 5) problems.push(`after line ${next - 1}: ${JSON.stringify(line.slice(0, 120))}`);
          continue;
        }
        if (Number(match[1]) !== next && problems.length < 5) problems.push(`line ${match[1]} where ${next} was due`);
        next = Number(match[1]) + 1;
      }
    },
    result: () => ({ linesSeen: next, problems }),
  };
}

/** The pty host of this test process (a child of it running pty-host-main). */
async function ptyHostPid(): Promise<number> {
  const children = (await readProcessTable()).filter((row) => row.ppid === process.pid && !row.zombie);
  const pid = children.map((row) => row.pid).find((candidate) => readFileSync(`/proc/${candidate}/cmdline`, 'utf8').includes('pty-host-main'));
  if (!pid) throw new Error('no pty host runs');
  return pid;
}

function residentMegabytes(pid: number): number {
  const match = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) / 1024 : 0;
}

describe.runIf(process.platform === 'linux')('a terminal flooded with output', () => {
  it('delivers 50 MB whole and in order with bounded memory, and a view that reloads midway ends with the same screen', { timeout: 180_000 }, async () => {
    host = await createHost({ dataDir: makeTempDir('braid-terminal-flood-'), mode: 'web', version: 'test', production: false, env: {}, log: () => {} });
    const { taskId, worktree } = await readyTask(host);
    const size = { cols: 120, rows: 30 };
    const terminal = data<TerminalInfo>(await host.dispatch('terminals.open', { taskId, ...size }));

    // What the host pushed and what the view acknowledged, to see how far the output ran ahead.
    let pushed = 0;
    let acknowledged = 0;
    let mostAhead = 0;
    host.subscribe((event, payload) => {
      if (event !== 'terminals.data') return;
      const piece = payload as { terminalId: string; from: number; data: string };
      if (piece.terminalId !== terminal.id) return;
      pushed = piece.from + piece.data.length;
      mostAhead = Math.max(mostAhead, pushed - acknowledged);
    });
    const link = {
      dispatch: (method: unknown, input: unknown) => {
        if (method === 'terminals.ack') acknowledged = Math.max(acknowledged, (input as { position: number }).position);
        return host!.dispatch(method, input);
      },
      subscribe: (listener: (event: string, payload: unknown) => void) => host!.subscribe(listener),
    };

    const view = new HeadlessTerminalView(link, taskId, terminal.id, size);
    const checker = lineChecker();
    view.onPiece((piece) => checker.push(piece));
    await view.attach();
    const ptyHost = await ptyHostPid();
    let peakPtyHostMb = residentMegabytes(ptyHost);
    const sampler = setInterval(() => (peakPtyHostMb = Math.max(peakPtyHostMb, residentMegabytes(ptyHost))), 50);

    try {
      data(await host.dispatch('terminals.input', { taskId, terminalId: terminal.id, data: `${flood}\r` }));
      // A second view opens (a reload, another window) as the last lines start to stream: it
      // replays the snapshot, then follows from its position.
      await vi.waitFor(() => expect(checker.result().linesSeen).toBe(lineCount - afterReload), { timeout: 120_000, interval: 50 });
      writeFileSync(join(worktree, '.go'), '');
      const reloaded = new HeadlessTerminalView(link, taskId, terminal.id, size);
      await reloaded.attach();

      await vi.waitFor(
        async () => {
          await Promise.all([view.settled(), reloaded.settled()]);
          expect(view.screen().join('\n')).toMatch(/^FLOOD-2$/m);
          expect(reloaded.screen().join('\n')).toMatch(/^FLOOD-2$/m);
          // The reloaded view shows what the first one does, scrollback included (the last
          // 10,000 lines: half of them came from its snapshot, the rest streamed after it).
          // Checked here: the shell's next prompt may have reached one view's batch and not yet
          // the other's (a flood's batches are written 50-100 ms apart).
          expect(reloaded.lines()).toEqual(view.lines());
        },
        { timeout: 120_000, interval: 100 },
      );
      clearInterval(sampler);

      expect(checker.result()).toEqual({ linesSeen: lineCount, problems: [] });
      // Paused above the high watermark of unacknowledged characters; one read of the pty may land on top.
      expect(mostAhead).toBeLessThan(flowControl.highWatermarkChars + 2 * 65_536);
      expect(peakPtyHostMb).toBeLessThan(300);
      expect(view.lines().filter((line) => floodLine.test(line)).length).toBeGreaterThan(9_000);
      reloaded.dispose();
    } finally {
      clearInterval(sampler);
      view.dispose();
    }
  });
});
