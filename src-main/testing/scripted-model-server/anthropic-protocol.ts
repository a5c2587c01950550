import { sseFrame } from './sse';
import type { TurnPlan } from './turn-plan';
import type { ResponseContext, WireProtocol } from './wire-protocol';

/**
 * Anthropic Messages as the real API speaks it: named SSE events (message_start, ping,
 * content_block_start/delta/stop, message_delta, message_stop), text as `text_delta`, tool input
 * as `input_json_delta` fragments. `input_tokens` excludes cache reads, as Anthropic reports it.
 */
const STOP_REASONS = { stop: 'end_turn', tool_calls: 'tool_use', length: 'max_tokens' } as const;

const ERROR_KINDS: Record<number, { type: string; message: string }> = {
  400: { type: 'invalid_request_error', message: 'Invalid request.' },
  401: { type: 'authentication_error', message: 'invalid x-api-key' },
  403: { type: 'permission_error', message: 'Your API key does not have permission to use the specified resource.' },
  404: { type: 'not_found_error', message: 'The requested resource could not be found.' },
  413: { type: 'request_too_large', message: 'Request exceeds the maximum allowed number of bytes.' },
  429: { type: 'rate_limit_error', message: 'Number of requests has exceeded your rate limit.' },
  500: { type: 'api_error', message: 'An unexpected error has occurred internal to Anthropic’s systems.' },
  529: { type: 'overloaded_error', message: 'Overloaded' },
};

function anthropicError(type: string, message: string): unknown {
  return { type: 'error', error: { type, message } };
}

function event(type: string, data: unknown): string {
  return sseFrame(JSON.stringify(data), type);
}

function uncachedInput(plan: TurnPlan): number {
  return Math.max(0, plan.usage.input - plan.usage.cached);
}

function streamFrames(plan: TurnPlan, context: ResponseContext): string[] {
  const frames: string[] = [];
  frames.push(
    event('message_start', {
      type: 'message_start',
      message: {
        id: `msg_scripted_${context.serial}`,
        type: 'message',
        role: 'assistant',
        model: context.model,
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage: {
          input_tokens: uncachedInput(plan),
          cache_creation_input_tokens: 0,
          cache_read_input_tokens: plan.usage.cached,
          output_tokens: 1,
        },
      },
    }),
  );
  frames.push(event('ping', { type: 'ping' }));
  let index = 0;
  if (plan.textChunks.length > 0) {
    frames.push(event('content_block_start', { type: 'content_block_start', index, content_block: { type: 'text', text: '' } }));
    for (const text of plan.textChunks) {
      frames.push(event('content_block_delta', { type: 'content_block_delta', index, delta: { type: 'text_delta', text } }));
    }
    frames.push(event('content_block_stop', { type: 'content_block_stop', index }));
    index++;
  }
  for (const call of plan.toolCalls) {
    frames.push(
      event('content_block_start', {
        type: 'content_block_start',
        index,
        content_block: { type: 'tool_use', id: call.id, name: call.name, input: {} },
      }),
    );
    for (const piece of call.argumentPieces) {
      frames.push(
        event('content_block_delta', { type: 'content_block_delta', index, delta: { type: 'input_json_delta', partial_json: piece } }),
      );
    }
    frames.push(event('content_block_stop', { type: 'content_block_stop', index }));
    index++;
  }
  frames.push(
    event('message_delta', {
      type: 'message_delta',
      delta: { stop_reason: STOP_REASONS[plan.finish], stop_sequence: null },
      usage: { output_tokens: plan.usage.output },
    }),
  );
  frames.push(event('message_stop', { type: 'message_stop' }));
  return frames;
}

function completionBody(plan: TurnPlan, context: ResponseContext): unknown {
  return {
    id: `msg_scripted_${context.serial}`,
    type: 'message',
    role: 'assistant',
    model: context.model,
    content: [
      ...(plan.textChunks.length > 0 ? [{ type: 'text', text: plan.text }] : []),
      ...plan.toolCalls.map((call) => ({ type: 'tool_use', id: call.id, name: call.name, input: call.args })),
    ],
    stop_reason: STOP_REASONS[plan.finish],
    stop_sequence: null,
    usage: {
      input_tokens: uncachedInput(plan),
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: plan.usage.cached,
      output_tokens: plan.usage.output,
    },
  };
}

export const anthropicProtocol: WireProtocol = {
  name: 'anthropic',
  toolCallIdPrefix: 'toolu_',
  // The real API takes `x-api-key`; OAuth-style clients send a bearer token instead.
  apiKeyOf: (headers) => headers['x-api-key'] ?? /^Bearer\s+(.+)$/i.exec(headers['authorization'] ?? '')?.[1],
  errorBody: (status, message) => {
    const kind = ERROR_KINDS[status] ?? { type: status >= 500 ? 'api_error' : 'invalid_request_error', message: `HTTP ${status}` };
    return anthropicError(kind.type, message ?? kind.message);
  },
  invalidKeyBody: () => anthropicError('authentication_error', 'invalid x-api-key'),
  modelNotFoundBody: (model) => anthropicError('not_found_error', `model: ${model}`),
  streamFrames,
  completionBody,
  malformedFrame: sseFrame('{not json', 'content_block_delta'),
};
