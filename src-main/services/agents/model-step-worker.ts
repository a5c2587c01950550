/**
 * The model-step thread (a worker thread of the host, started by model-step-thread.ts): runs
 * agents' model steps — the HTTP stream, server-sent event parsing, the AI SDK's stream
 * transforms — so the host's event loop receives a few batched messages per step instead of
 * handling every chunk. It decides nothing: it streams what it is given and reports back.
 */
import { parentPort } from 'node:worker_threads';
import { createSampledLanguageModel } from '../models/create-language-model';
import { toTransferable } from '../models/transferable-error';
import { streamModelStep } from './model-step';
import type { FromModelStepThread, ModelStepRequest, ToModelStepThread } from './model-step-protocol';

const port = parentPort;
if (!port) throw new Error('model-step-worker.ts runs as a worker thread');

/** Streamed text waits this long at most, gathered with other steps' text into one message. */
const textBatchMs = 10;

const running = new Map<number, AbortController>();
let pendingText: [number, string][] = [];
let textTimer: NodeJS.Timeout | undefined;

const post = (message: FromModelStepThread) => port.postMessage(message);

function flushText(): void {
  clearTimeout(textTimer);
  textTimer = undefined;
  if (pendingText.length === 0) return;
  post({ type: 'text', pieces: pendingText });
  pendingText = [];
}

function addText(id: number, text: string): void {
  const last = pendingText.at(-1);
  if (last && last[0] === id) last[1] += text;
  else pendingText.push([id, text]);
  textTimer ??= setTimeout(flushText, textBatchMs);
}

async function runStep(request: ModelStepRequest): Promise<void> {
  const controller = new AbortController();
  running.set(request.id, controller);
  try {
    // Made per step (cheap next to a request), so its response sampler sees only this step's request.
    const { model, lastResponse } = createSampledLanguageModel(request.model);
    const result = await streamModelStep({
      model,
      lastResponse,
      promptCaching: request.promptCaching,
      system: request.system,
      messages: request.messages,
      tools: request.tools,
      signal: controller.signal,
      onText: (text) => addText(request.id, text),
      ...(request.maxOutputTokens === undefined ? {} : { maxOutputTokens: request.maxOutputTokens }),
    });
    // Everything streamed goes out before the answer.
    flushText();
    post({ type: 'done', id: request.id, result });
  } catch (error) {
    flushText();
    post({ type: 'failed', id: request.id, error: toTransferable(error) });
  } finally {
    running.delete(request.id);
  }
}

port.on('message', (message: ToModelStepThread) => {
  if (message.type === 'step') void runStep(message);
  else if (message.type === 'abort') running.get(message.id)?.abort(new DOMException('The step was stopped.', 'AbortError'));
});
