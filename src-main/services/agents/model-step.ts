import { InvalidResponseDataError, jsonSchema, NoOutputGeneratedError, streamText, tool, type LanguageModel, type ModelMessage, type ToolSet } from 'ai';
import { unusableAnswerError, type ResponseFacts } from '../models';
import { modelStepThread } from './model-step-thread';
import type { ToolDefinition } from './toolset';

export interface StepToolCall {
  callId: string;
  name: string;
  args: unknown;
}

export interface StepUsage {
  input: number;
  output: number;
  cached: number;
}

export interface StepResult {
  toolCalls: StepToolCall[];
  usage: StepUsage;
  finishReason: string;
}

export interface ModelStepInput {
  model: LanguageModel;
  /** Providers that honour prompt-caching markers (Anthropic) get them on the stable prefix. */
  promptCaching: boolean;
  system: string;
  messages: ModelMessage[];
  tools: ToolDefinition[];
  signal: AbortSignal;
  onText: (text: string) => void;
  maxOutputTokens?: number;
  /** What the endpoint sent, for the message when the answer is not a usable step. */
  lastResponse?: () => ResponseFacts | undefined;
}

const cacheMarker = { anthropic: { cacheControl: { type: 'ephemeral' } } } as const;

/**
 * One model step, streamed: text goes to `onText` as it arrives, tool calls are collected
 * (tools have no `execute`, so the SDK never runs anything itself — the agent loop does,
 * after the permission check). The SDK's own retries are off; the loop retries with backoff.
 *
 * A step must end with a finish reason; an answer with neither text nor tool calls ends the turn
 * unless it announced tool calls. Anything else (an HTML page or an empty stream answered with
 * 200, a stream that just stops) throws an `UnusableAnswerError` naming the endpoint and what
 * came back: it is never counted as a step.
 *
 * Streamed on the model-step thread when the model can be made there (model-step-thread.ts),
 * so the host's event loop does not parse every chunk; here otherwise.
 */
export function runModelStep(input: ModelStepInput): Promise<StepResult> {
  return modelStepThread.run(input) ?? streamModelStep(input);
}

/** `runModelStep` on the calling thread. */
export async function streamModelStep(input: ModelStepInput): Promise<StepResult> {
  const tools: ToolSet = {};
  for (const definition of input.tools) {
    tools[definition.name] = tool({ description: definition.description, inputSchema: jsonSchema(definition.inputSchema) });
  }
  const result = streamText({
    model: input.model,
    instructions: input.promptCaching ? { role: 'system', content: input.system, providerOptions: cacheMarker } : input.system,
    messages: input.promptCaching ? withCacheMarkerOnLast(input.messages) : input.messages,
    tools,
    abortSignal: input.signal,
    maxRetries: 0,
    maxOutputTokens: input.maxOutputTokens,
    // Errors arrive as stream parts and are handled by the loop; the SDK must not also log them.
    onError: () => undefined,
  });

  const toolCalls: StepToolCall[] = [];
  let usage: StepUsage = { input: 0, output: 0, cached: 0 };
  let finishReason: string | undefined;
  let textChars = 0;
  const unusable = (kind: Parameters<typeof unusableAnswerError>[0]) =>
    unusableAnswerError(kind, { response: input.lastResponse?.(), finishReason, textChars });
  for await (const part of result.fullStream) {
    switch (part.type) {
      case 'text-delta':
        textChars += part.text.length;
        if (part.text) input.onText(part.text);
        break;
      case 'tool-call':
        toolCalls.push({ callId: part.toolCallId, name: part.toolName, args: part.input });
        break;
      case 'finish-step':
        usage = {
          input: part.usage.inputTokens ?? 0,
          output: part.usage.outputTokens ?? 0,
          cached: part.usage.inputTokenDetails?.cacheReadTokens ?? 0,
        };
        // `interrupted`: the provider's stream ended without its completion signal.
        finishReason = part.finishReason === 'interrupted' ? undefined : part.finishReason;
        break;
      case 'error':
        // How the SDKs report a 200 body with no recognisable event in it (Anthropic; compatible servers).
        if (NoOutputGeneratedError.isInstance(part.error) || (InvalidResponseDataError.isInstance(part.error) && textChars === 0 && toolCalls.length === 0)) {
          throw unusable(textChars > 0 ? 'unfinished' : 'not-a-stream');
        }
        throw part.error;
      case 'abort':
        throw input.signal.reason ?? new Error('aborted');
      default:
        break;
    }
  }
  if (input.signal.aborted) throw input.signal.reason;
  const said = textChars > 0 || toolCalls.length > 0;
  if (finishReason === undefined) throw unusable(said ? 'unfinished' : 'not-a-stream');
  // A model may end its turn silently (after a tool result, say): that is an answer. Announcing
  // tool calls and sending none is not.
  if (!said && finishReason === 'tool-calls') throw unusable('empty');
  return { toolCalls, usage, finishReason };
}

/** Marks the newest message so the whole conversation so far is a cacheable prefix next step. */
function withCacheMarkerOnLast(messages: ModelMessage[]): ModelMessage[] {
  if (messages.length === 0) return messages;
  const copy = messages.slice();
  const last = copy.at(-1) as ModelMessage;
  copy[copy.length - 1] = { ...last, providerOptions: { ...last.providerOptions, ...cacheMarker } } as ModelMessage;
  return copy;
}
