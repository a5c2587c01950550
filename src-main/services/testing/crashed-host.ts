import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { resolve } from 'node:path';
import type { Protocol } from './agent-fixture';

/**
 * Runs a Braid host in its own process over `dataDir` (`testing/agent-host-process.ts`: it adds
 * `repo` and creates one task), waits until that task's timeline holds an event of `kind`, then
 * kills the host with SIGKILL, as a crash or a power cut would (once `until` has resolved too,
 * when given: a later moment, such as a subagent's request arriving). Resolves with the task's id.
 */
export async function crashHostAt(options: { dataDir: string; repo: string; baseURL: string; protocol: Protocol; kind?: string; until?: () => Promise<unknown> }): Promise<string> {
  const kind = options.kind ?? 'assistant_text';
  const script = resolve(import.meta.dirname, '../../testing/agent-host-process.ts');
  const child = spawn(process.execPath, ['--import', 'tsx', script, options.dataDir, options.repo, options.baseURL, options.protocol, kind], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const said = new RegExp(`${kind === 'assistant_text' ? 'streaming' : kind} (\\w+)`);
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const taskId = await new Promise<string>((resolveId, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = said.exec(stdout);
      if (match?.[1]) resolveId(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`host exited early (${code}): ${stderr}`)));
  });
  await options.until?.();
  child.kill('SIGKILL');
  await once(child, 'exit');
  return taskId;
}
