import { Worker } from 'node:worker_threads';
import { languageModelRequestOf } from '../models/create-language-model';
import { fromTransferable } from '../models/transferable-error';
import type { ModelStepInput, StepResult } from './model-step';
import type { FromModelStepThread, ModelStepRequest, ToModelStepThread } from './model-step-protocol';

/** The worker's program: TypeScript next to this file in tests and scripts, a built chunk in the app. */
const workerEntry = new URL('./model-step-worker.ts', import.meta.url);

/** After Stop, the step's last text and its end are awaited this long, then it is given up. */
const abortGraceMs = 2_000;

interface Step {
  input: ModelStepInput;
  resolve(result: StepResult): void;
  reject(error: unknown): void;
  settle(): void;
}

/**
 * Streams agents' model steps on one worker thread (model-step-worker.ts), started on the
 * first step and again after it stopped: per chunk the host's event loop would otherwise run
 * the HTTP stream, the event parser and the AI SDK's transforms; now it receives the step's
 * text a few times a second, then its tool calls and usage. Same inputs, same results, same
 * errors (see transferable-error.ts), same order of `onText` calls before the step ends.
 *
 * Only models made from plain data can be made on the thread; a step whose model carries a
 * custom `fetch` (tests), or whose messages cannot be copied, runs on the calling thread.
 */
export class ModelStepThread {
  private worker: Worker | null = null;
  private readonly steps = new Map<number, Step>();
  private nextId = 1;

  /** The step's result, or undefined when it must run on the calling thread instead. */
  run(input: ModelStepInput): Promise<StepResult> | undefined {
    const model = languageModelRequestOf(input.model);
    if (!model || input.signal.aborted) return undefined;
    const id = this.nextId++;
    const request: ModelStepRequest = {
      type: 'step',
      id,
      model: { provider: model.provider, modelId: model.modelId, apiKey: model.apiKey },
      promptCaching: input.promptCaching,
      system: input.system,
      messages: input.messages,
      tools: input.tools,
      ...(input.maxOutputTokens === undefined ? {} : { maxOutputTokens: input.maxOutputTokens }),
    };
    const worker = this.current();
    try {
      worker.postMessage(request satisfies ToModelStepThread);
    } catch {
      // Something in the messages cannot be copied to another thread: stream it here.
      return undefined;
    }
    return new Promise<StepResult>((resolve, reject) => {
      let graceTimer: NodeJS.Timeout | undefined;
      const onAbort = () => {
        worker.postMessage({ type: 'abort', id } satisfies ToModelStepThread);
        graceTimer = setTimeout(() => this.finish(id)?.reject(input.signal.reason), abortGraceMs);
      };
      const settle = () => {
        clearTimeout(graceTimer);
        input.signal.removeEventListener('abort', onAbort);
      };
      this.steps.set(id, { input, resolve, reject, settle });
      if (this.steps.size === 1) worker.ref();
      input.signal.addEventListener('abort', onAbort, { once: true });
    });
  }

  /** Ends the thread (steps on it fail as stopped); the next step starts a new one. */
  async stop(): Promise<void> {
    await this.worker?.terminate();
  }

  private current(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(workerEntry, {
      // Tests and scripts run the TypeScript source, through the loader they run on.
      ...(workerEntry.pathname.endsWith('.ts') ? { execArgv: ['--import', 'tsx'] } : {}),
    });
    worker.on('message', (message: FromModelStepThread) => this.receive(message));
    const stopped = (reason: string) => {
      if (this.worker !== worker) return;
      this.worker = null;
      for (const id of [...this.steps.keys()]) this.finish(id)?.reject(new Error(`The model stream stopped: ${reason}`));
    };
    worker.on('error', (error) => stopped(error.message));
    worker.on('exit', (code) => stopped(`its thread ended (exit code ${code})`));
    // Idle, the thread must not keep the host alive; a step in flight does.
    worker.unref();
    this.worker = worker;
    return worker;
  }

  private receive(message: FromModelStepThread): void {
    switch (message.type) {
      case 'text':
        for (const [id, text] of message.pieces) this.steps.get(id)?.input.onText(text);
        return;
      case 'done': {
        const step = this.finish(message.id);
        if (!step) return;
        if (step.input.signal.aborted) step.reject(step.input.signal.reason);
        else step.resolve(message.result);
        return;
      }
      case 'failed': {
        const step = this.finish(message.id);
        if (!step) return;
        step.reject(step.input.signal.aborted ? step.input.signal.reason : fromTransferable(message.error));
        return;
      }
    }
  }

  private finish(id: number): Step | undefined {
    const step = this.steps.get(id);
    if (!step) return undefined;
    this.steps.delete(id);
    step.settle();
    if (this.steps.size === 0) this.worker?.unref();
    return step;
  }
}

/** The one model-step thread of this process. */
export const modelStepThread = new ModelStepThread();
