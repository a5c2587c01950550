import { sseFrame } from './sse';
import type { TurnPlan } from './turn-plan';
import type { ResponseContext, WireProtocol } from './wire-protocol';

/**
 * OpenAI Chat Completions as the real API speaks it: `chat.completion.chunk` SSE events ending in
 * `data: [DONE]`, tool calls as indexed deltas, usage in a trailing chunk only when the client
 * asked for it with `stream_options.include_usage`.
 */
const FINISH_REASONS = { stop: 'stop', tool_calls: 'tool_calls', length: 'length' } as const;

const ERROR_KINDS: Record<number, { type: string; code: string | null; message: string }> = {
  400: { type: 'invalid_request_error', code: null, message: 'Invalid request.' },
  401: { type: 'invalid_request_error', code: 'invalid_api_key', message: 'Incorrect API key provided.' },
  403: { type: 'invalid_request_error', code: 'unsupported_country_region_territory', message: 'Access denied.' },
  404: { type: 'invalid_request_error', code: 'model_not_found', message: 'Not found.' },
  429: { type: 'requests', code: 'rate_limit_exceeded', message: 'Rate limit reached. Please try again later.' },
  500: { type: 'server_error', code: null, message: 'The server had an error while processing your request.' },
  503: { type: 'server_error', code: null, message: 'The engine is currently overloaded, please try again later.' },
};

function openaiError(type: string, code: string | null, message: string): unknown {
  return { error: { message, type, param: null, code } };
}

function usageOf(plan: TurnPlan): unknown {
  return {
    prompt_tokens: plan.usage.input,
    completion_tokens: plan.usage.output,
    total_tokens: plan.usage.input + plan.usage.output,
    prompt_tokens_details: { cached_tokens: plan.usage.cached },
  };
}

function streamFrames(plan: TurnPlan, context: ResponseContext): string[] {
  const head = `{"id":"chatcmpl-scripted-${context.serial}","object":"chat.completion.chunk","created":${Math.floor(Date.now() / 1000)},"model":${JSON.stringify(context.model)},"choices":`;
  const chunk = (choice: unknown): string => sseFrame(`${head}[${JSON.stringify(choice)}]}`);
  const frames: string[] = [];
  // Like the real API: an empty-content role chunk before text, a null-content one before tool calls only.
  frames.push(chunk({ index: 0, delta: { role: 'assistant', content: plan.textChunks.length > 0 ? '' : null }, finish_reason: null }));
  for (const text of plan.textChunks) frames.push(chunk({ index: 0, delta: { content: text }, finish_reason: null }));
  plan.toolCalls.forEach((call, index) => {
    frames.push(
      chunk({
        index: 0,
        delta: { tool_calls: [{ index, id: call.id, type: 'function', function: { name: call.name, arguments: '' } }] },
        finish_reason: null,
      }),
    );
    for (const piece of call.argumentPieces) {
      frames.push(chunk({ index: 0, delta: { tool_calls: [{ index, function: { arguments: piece } }] }, finish_reason: null }));
    }
  });
  frames.push(chunk({ index: 0, delta: {}, finish_reason: FINISH_REASONS[plan.finish] }));
  if (context.requestBody?.stream_options?.include_usage === true) {
    frames.push(sseFrame(`${head}[],"usage":${JSON.stringify(usageOf(plan))}}`));
  }
  frames.push(sseFrame('[DONE]'));
  return frames;
}

function completionBody(plan: TurnPlan, context: ResponseContext): unknown {
  const toolCalls = plan.toolCalls.map((call) => ({
    id: call.id,
    type: 'function',
    function: { name: call.name, arguments: call.argumentsJson },
  }));
  return {
    id: `chatcmpl-scripted-${context.serial}`,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model: context.model,
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          content: plan.textChunks.length > 0 ? plan.text : null,
          ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}),
        },
        logprobs: null,
        finish_reason: FINISH_REASONS[plan.finish],
      },
    ],
    usage: usageOf(plan),
  };
}

export function openaiModelList(models: readonly string[]): unknown {
  return { object: 'list', data: models.map((id) => ({ id, object: 'model', created: 0, owned_by: 'scripted-model-server' })) };
}

export const openaiProtocol: WireProtocol = {
  name: 'openai',
  toolCallIdPrefix: 'call_',
  apiKeyOf: (headers) => /^Bearer\s+(.+)$/i.exec(headers['authorization'] ?? '')?.[1],
  errorBody: (status, message) => {
    const kind = ERROR_KINDS[status] ?? { type: status >= 500 ? 'server_error' : 'invalid_request_error', code: null, message: `HTTP ${status}` };
    return openaiError(kind.type, kind.code, message ?? kind.message);
  },
  invalidKeyBody: () => openaiError('invalid_request_error', 'invalid_api_key', 'Incorrect API key provided.'),
  modelNotFoundBody: (model) =>
    openaiError('invalid_request_error', 'model_not_found', `The model \`${model}\` does not exist or you do not have access to it.`),
  streamFrames,
  completionBody,
  malformedFrame: sseFrame('{not json'),
};
