import type { ScriptedTurn } from './types';

/**
 * A scripted turn resolved into the pieces every protocol streams: text chunks, tool calls with
 * their argument JSON already split, the finish reason and the token usage. Both protocol
 * modules start from this, so the two wire formats always describe the same turn.
 */
export interface PlannedToolCall {
  id: string;
  name: string;
  args: unknown;
  argumentsJson: string;
  argumentPieces: string[];
}

export interface TurnPlan {
  textChunks: string[];
  text: string;
  toolCalls: PlannedToolCall[];
  finish: 'stop' | 'tool_calls' | 'length';
  usage: { input: number; output: number; cached: number };
}

const TEXT_CHUNK_CHARS = 4;
const ARGUMENT_PIECE_CHARS = 16;

let nextToolCallNumber = 1;

export function splitIntoPieces(text: string, size: number): string[] {
  const pieces: string[] = [];
  for (let start = 0; start < text.length; start += size) pieces.push(text.slice(start, start + size));
  return pieces;
}

export function planTurn(turn: ScriptedTurn, options: { toolCallIdPrefix: string; requestBodyChars: number }): TurnPlan {
  const textChunks = typeof turn.text === 'string' ? splitIntoPieces(turn.text, TEXT_CHUNK_CHARS) : (turn.text ?? []);
  const text = textChunks.join('');
  const toolCalls = (turn.toolCalls ?? []).map((call): PlannedToolCall => {
    const args = call.args ?? {};
    const argumentsJson = JSON.stringify(args);
    return {
      id: call.id ?? `${options.toolCallIdPrefix}${nextToolCallNumber++}`,
      name: call.name,
      args,
      argumentsJson,
      // Real providers stream arguments token by token; several pieces exercise the client's joining.
      argumentPieces: splitIntoPieces(argumentsJson, ARGUMENT_PIECE_CHARS),
    };
  });
  const generatedChars = text.length + toolCalls.reduce((sum, call) => sum + call.name.length + call.argumentsJson.length, 0);
  return {
    textChunks,
    text,
    toolCalls,
    finish: turn.finish ?? (toolCalls.length > 0 ? 'tool_calls' : 'stop'),
    usage: {
      input: turn.usage?.input ?? Math.max(1, Math.ceil(options.requestBodyChars / 4)),
      output: turn.usage?.output ?? Math.max(1, Math.ceil(generatedChars / 4)),
      cached: turn.usage?.cached ?? 0,
    },
  };
}
