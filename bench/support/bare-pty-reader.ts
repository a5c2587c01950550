// A process of its own that runs commands in bare node-pty ptys, reads their output and drops
// it, and prints how long they took and the CPU it used reading them, as one JSON line. The
// baseline of a benchmark: a fresh process, so that what the benchmark's own process carries (a
// browser driver, a large heap) does not slow it.
//
// Input (argv[2], JSON): { commands: string[], cwd, cols, rows, leastChars } — each command is
// run with `/bin/sh -c`; each must deliver at least `leastChars` characters.
import { spawn } from 'node-pty';
import { processCpu } from './process-cpu';

interface Input {
  commands: string[];
  cwd: string;
  cols: number;
  rows: number;
  leastChars: number;
}

const input = JSON.parse(process.argv[2] ?? '') as Input;
const started = performance.now();
const cpuBefore = processCpu(process.pid).ownMs;
let running = input.commands.length;
for (const command of input.commands) {
  const pty = spawn('/bin/sh', ['-c', command], { name: 'xterm-256color', cols: input.cols, rows: input.rows, cwd: input.cwd, env: process.env as Record<string, string> });
  let chars = 0;
  pty.onData((data) => (chars += data.length));
  pty.onExit(() => {
    if (chars < input.leastChars) {
      console.error(`a bare pty delivered ${chars} characters`);
      process.exit(1);
    }
    if (--running > 0) return;
    const result = { seconds: (performance.now() - started) / 1000, readerCpuSeconds: (processCpu(process.pid).ownMs - cpuBefore) / 1000 };
    console.log(JSON.stringify(result));
    process.exit(0);
  });
}
