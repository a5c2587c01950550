/**
 * A host that runs one agent command and is then killed, for the test that nothing the command
 * started outlives a crashed Braid. Writes the command's terminal output to stdout.
 *
 * Usage: node --import tsx command-host-process.ts <bubblewrap|unshare|none> <cwd> <command>
 */
import { processGroupIsolation } from '../services/sandbox/process-group';
import { workingNamespaceIsolations } from '../services/sandbox/detect-isolation';
import { runInPty } from '../services/tools/pty-command';

const [kind, cwd, command] = process.argv.slice(2);
if (!kind || !cwd || !command) {
  console.error('usage: command-host-process.ts <bubblewrap|unshare|none> <cwd> <command>');
  process.exit(2);
}
const isolation = kind === 'none' ? processGroupIsolation('test') : (await workingNamespaceIsolations()).find((candidate) => candidate.kind === kind);
if (!isolation) {
  console.error(`${kind} does not work here`);
  process.exit(2);
}
await runInPty({
  command,
  isolation,
  cwd,
  env: {},
  timeoutMs: 10 * 60_000,
  signal: new AbortController().signal,
  onOutput: (chunk) => process.stdout.write(chunk),
  flushMs: 5,
  maxOutputChars: 10_000,
  killGraceMs: 2_000,
});
