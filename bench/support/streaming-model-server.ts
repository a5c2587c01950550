/**
 * The scripted model server as its own process for benchmarks, so its work does not count
 * against the host's event loop. Every conversation streams `steps` steps of ~100 chunks at
 * `--chunk-delay-ms` (20 ms ≈ 50 chunks/s); each step ends in a tool call (which keeps the run
 * going: `list_dir` mostly, `read_file` every third step), then a short final answer.
 *
 * Prints `Scripted model server on <url>` when ready. Over the IPC channel (when started with
 * one) it answers `{ ask: 'streamedFrames' }` with the frames written so far: the bench counts
 * streamed chunks here, at the source.
 */
import { parseArgs } from 'node:util';
import { startScriptedModelServer } from '../../src-main/testing/scripted-model-server';

const { values } = parseArgs({ options: { 'chunk-delay-ms': { type: 'string', default: '20' }, steps: { type: 'string', default: '4' }, chunks: { type: 'string', default: '100' } } });
const chunkDelayMs = Number(values['chunk-delay-ms']);
const steps = Number(values.steps);
const chunks = Number(values.chunks);
const words = Array.from({ length: chunks }, (_, i) => (i % 12 === 11 ? 'streaming.\n\n' : `word${i} `));

const server = await startScriptedModelServer({ port: 0 });
server.script((request) => {
  // Bodies are not kept: a benchmark makes thousands of requests.
  server.requests.length = 0;
  const body = request.body as { messages?: { role: string }[] };
  const step = (body.messages ?? []).filter((message) => message.role === 'assistant').length + 1;
  if (step > steps) return { text: 'Done.', chunkDelayMs, usage: { input: 3000, output: 5 } };
  const toolCalls = [step % 3 === 0 ? { name: 'read_file', args: { path: 'README.md' } } : { name: 'list_dir', args: {} }];
  return { text: words, toolCalls, chunkDelayMs, usage: { input: 2000 + step * 500, output: chunks } };
});
process.on('message', (message: { ask?: string }) => {
  if (message?.ask === 'streamedFrames') process.send?.({ streamedFrames: server.streamedFrames });
});
process.channel?.unref();
console.log(`Scripted model server on ${server.url}`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void server.close().then(() => process.exit(0)));
