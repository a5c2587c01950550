import type { ModelMessage } from 'ai';
import type { LanguageModelRequest } from '../models/create-language-model';
import type { Transferable } from '../models/transferable-error';
import type { StepResult } from './model-step';
import type { ToolDefinition } from './toolset';

/** A model step as the model-step thread receives it: plain data, the model as its request. */
export interface ModelStepRequest {
  type: 'step';
  id: number;
  model: Omit<LanguageModelRequest, 'fetch'>;
  promptCaching: boolean;
  system: string;
  messages: ModelMessage[];
  tools: ToolDefinition[];
  maxOutputTokens?: number;
}

export type ToModelStepThread = ModelStepRequest | { type: 'abort'; id: number };

export type FromModelStepThread =
  /** Streamed text of any running steps, in order, gathered for a few milliseconds. */
  | { type: 'text'; pieces: [id: number, text: string][] }
  | { type: 'done'; id: number; result: StepResult }
  | { type: 'failed'; id: number; error: Transferable };
