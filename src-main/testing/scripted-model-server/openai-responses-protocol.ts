import { openaiProtocol } from './openai-protocol';
import { sseFrame } from './sse';
import type { TurnPlan } from './turn-plan';
import type { ResponseContext, WireProtocol } from './wire-protocol';

/**
 * OpenAI's Responses API (`POST /v1/responses`) as the real API streams it: named events with a
 * `sequence_number` (response.created, response.in_progress, response.output_item.added, the
 * message's content part and `response.output_text.delta`s, each function call's
 * `response.function_call_arguments.delta` fragments, the items done, then response.completed, or
 * response.incomplete with `max_output_tokens` for a cut-off answer), no `[DONE]`. The only API of
 * OpenAI's codex-tuned models. Errors, keys and unknown models answer as Chat Completions does.
 */
function usageOf(plan: TurnPlan): unknown {
  return {
    input_tokens: plan.usage.input,
    input_tokens_details: { cached_tokens: plan.usage.cached },
    output_tokens: plan.usage.output,
    output_tokens_details: { reasoning_tokens: 0 },
    total_tokens: plan.usage.input + plan.usage.output,
  };
}

interface OutputItems {
  message: { id: string; done: unknown } | null;
  calls: { id: string; callId: string; name: string; arguments: string; pieces: string[]; done: unknown }[];
}

function outputItems(plan: TurnPlan, context: ResponseContext): OutputItems {
  const message =
    plan.textChunks.length > 0
      ? {
          id: `msg_scripted_${context.serial}`,
          done: {
            type: 'message',
            id: `msg_scripted_${context.serial}`,
            status: 'completed',
            role: 'assistant',
            content: [{ type: 'output_text', text: plan.text, annotations: [], logprobs: [] }],
          },
        }
      : null;
  const calls = plan.toolCalls.map((call, index) => {
    const id = `fc_scripted_${context.serial}_${index}`;
    return {
      id,
      callId: call.id,
      name: call.name,
      arguments: call.argumentsJson,
      pieces: call.argumentPieces,
      done: { type: 'function_call', id, call_id: call.id, name: call.name, arguments: call.argumentsJson, status: 'completed' },
    };
  });
  return { message, calls };
}

function responseObject(plan: TurnPlan, context: ResponseContext, final: boolean): Record<string, unknown> {
  const items = outputItems(plan, context);
  const incomplete = final && plan.finish === 'length';
  return {
    id: `resp_scripted_${context.serial}`,
    object: 'response',
    created_at: Math.floor(Date.now() / 1000),
    status: final ? (incomplete ? 'incomplete' : 'completed') : 'in_progress',
    model: context.model,
    output: final ? [...(items.message ? [items.message.done] : []), ...items.calls.map((call) => call.done)] : [],
    incomplete_details: incomplete ? { reason: 'max_output_tokens' } : null,
    error: null,
    usage: final ? usageOf(plan) : null,
  };
}

function streamFrames(plan: TurnPlan, context: ResponseContext): string[] {
  let sequence = 0;
  const frames: string[] = [];
  const event = (type: string, data: Record<string, unknown>) => frames.push(sseFrame(JSON.stringify({ type, sequence_number: sequence++, ...data }), type));
  const items = outputItems(plan, context);
  event('response.created', { response: responseObject(plan, context, false) });
  event('response.in_progress', { response: responseObject(plan, context, false) });
  let outputIndex = 0;
  if (items.message) {
    const itemId = items.message.id;
    event('response.output_item.added', { output_index: outputIndex, item: { type: 'message', id: itemId, status: 'in_progress', role: 'assistant', content: [] } });
    event('response.content_part.added', { item_id: itemId, output_index: outputIndex, content_index: 0, part: { type: 'output_text', text: '', annotations: [], logprobs: [] } });
    for (const text of plan.textChunks) event('response.output_text.delta', { item_id: itemId, output_index: outputIndex, content_index: 0, delta: text, logprobs: [] });
    event('response.output_text.done', { item_id: itemId, output_index: outputIndex, content_index: 0, text: plan.text, logprobs: [] });
    event('response.content_part.done', { item_id: itemId, output_index: outputIndex, content_index: 0, part: { type: 'output_text', text: plan.text, annotations: [], logprobs: [] } });
    event('response.output_item.done', { output_index: outputIndex, item: items.message.done });
    outputIndex++;
  }
  for (const call of items.calls) {
    event('response.output_item.added', { output_index: outputIndex, item: { type: 'function_call', id: call.id, call_id: call.callId, name: call.name, arguments: '', status: 'in_progress' } });
    for (const piece of call.pieces) event('response.function_call_arguments.delta', { item_id: call.id, output_index: outputIndex, delta: piece });
    event('response.function_call_arguments.done', { item_id: call.id, output_index: outputIndex, arguments: call.arguments });
    event('response.output_item.done', { output_index: outputIndex, item: call.done });
    outputIndex++;
  }
  const final = responseObject(plan, context, true);
  event(final.status === 'incomplete' ? 'response.incomplete' : 'response.completed', { response: final });
  return frames;
}

export const openaiResponsesProtocol: WireProtocol = {
  ...openaiProtocol,
  name: 'openai-responses',
  toolCallIdPrefix: 'call_',
  streamFrames,
  completionBody: (plan, context) => responseObject(plan, context, true),
  malformedFrame: sseFrame('{not json', 'response.output_text.delta'),
};
