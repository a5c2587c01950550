import type { TurnPlan } from './turn-plan';
import type { ScriptedProtocol } from './types';

/** Per-response facts the wire formats echo back. */
export interface ResponseContext {
  /** Unique per response: `chatcmpl-…` / `msg_…` ids derive from it. */
  serial: number;
  model: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the parsed request body
  requestBody: any;
}

/** What the server needs from one provider's wire format; one implementation per provider. */
export interface WireProtocol {
  name: ScriptedProtocol;
  toolCallIdPrefix: string;
  /** The API key the request carries, in the provider's own header. */
  apiKeyOf(headers: Record<string, string>): string | undefined;
  /** The provider's JSON error body for a status, with a message of our own when given. */
  errorBody(status: number, message?: string): unknown;
  invalidKeyBody(): unknown;
  modelNotFoundBody(model: string): unknown;
  streamFrames(plan: TurnPlan, context: ResponseContext): string[];
  completionBody(plan: TurnPlan, context: ResponseContext): unknown;
  /** The broken SSE event a `malformed-chunk` fault sends. */
  malformedFrame: string;
}
