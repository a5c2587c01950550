/**
 * What a test scripts: one model turn per completion request, in protocol-neutral terms. The
 * protocol modules translate a turn into the exact wire format of OpenAI or Anthropic.
 */
export interface ScriptedToolCall {
  /** Defaults to a unique `call_<n>` (OpenAI) or `toolu_<n>` (Anthropic) id. */
  id?: string;
  name: string;
  args: unknown;
}

export type ScriptedFault =
  /** An HTTP error in the provider's own error shape; `body` replaces that shape when given. */
  | { kind: 'status'; status: number; retryAfterSeconds?: number; body?: unknown }
  /** Writes `afterChunks` SSE events, then destroys the socket. */
  | { kind: 'cut-mid-stream'; afterChunks: number }
  /** Writes `afterChunks` SSE events, then a `data: {not json` event, then ends the response. */
  | { kind: 'malformed-chunk'; afterChunks: number }
  /** Sends the headers, then nothing until the client goes away. */
  | { kind: 'hang' }
  /**
   * Answers with exactly these bytes, whatever the protocol: what a proxy's login page, a
   * wrong base URL or a broken gateway sends (an HTML page, random bytes, an empty event stream).
   */
  | { kind: 'raw'; contentType: string; body: string | Uint8Array; status?: number };

export interface ScriptedTurn {
  /** A string is streamed in ~4-character chunks; an array is streamed one element per chunk. */
  text?: string | string[];
  /** Streamed after the text, each call's JSON arguments split across several chunks. */
  toolCalls?: ScriptedToolCall[];
  /**
   * `input` counts all prompt tokens including `cached` ones (OpenAI's convention; the Anthropic
   * wire form reports `input - cached` as `input_tokens`, so both SDKs show the same totals).
   * Default: input ≈ request body length / 4, output ≈ generated characters / 4, cached 0.
   */
  usage?: { input: number; output: number; cached?: number };
  /** Default: `tool_calls` when there are tool calls, otherwise `stop`. */
  finish?: 'stop' | 'tool_calls' | 'length';
  /** Pause between SSE events, with real timers. Default 0: the whole stream in one write. */
  chunkDelayMs?: number;
  /**
   * The response starts only once this settles: a test's gate (two agents' requests are in flight
   * at the same time when one's answer waits for the other's request). The headers wait too.
   */
  holdUntil?: Promise<unknown>;
  fault?: ScriptedFault;
  /**
   * The response starts only once this settles: a test holds a model turn until it has put the
   * UI where it wants it (no timing involved). Only for servers started in the test's process.
   */
  heldUntil?: Promise<unknown>;
}

/** `openai` is Chat Completions, `openai-responses` OpenAI's Responses API, `anthropic` the Messages API. */
export type ScriptedProtocol = 'openai' | 'openai-responses' | 'anthropic';

export interface RecordedRequest {
  protocol: ScriptedProtocol;
  /** Path without the query string, e.g. `/v1/chat/completions`. */
  path: string;
  /** Header names lower-cased; repeated headers joined with `, `. */
  headers: Record<string, string>;
  /** The parsed JSON body; `null` for GET requests and bodies that are not JSON. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read provider-specific fields freely
  body: any;
}

export interface ScriptedModelServerOptions {
  /** Default 0: a free port. */
  port?: number;
  /** When set, requests with any other key get 401 in the provider's error shape. */
  apiKey?: string;
  /** When set, requests for other model ids get 404 `model_not_found`; also what GET /v1/models lists. */
  models?: string[];
}

export interface ScriptedModelServer {
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** `${url}/v1`: POST /v1/chat/completions, POST /v1/responses, GET /v1/models */
  openaiBaseURL: string;
  /** `${url}/v1`: POST /v1/messages */
  anthropicBaseURL: string;
  /** Every request to a known route, in arrival order (including ones refused for auth or model). */
  requests: RecordedRequest[];
  /** Completion responses currently being written or hanging; 0 once clients have gone away. */
  readonly openStreams: number;
  /** Server-sent event frames written to clients so far (each is one streamed chunk). */
  readonly streamedFrames: number;
  /** FIFO, consumed by any completion request of either protocol. */
  enqueue(...turns: ScriptedTurn[]): void;
  /** Consulted when the queue is empty; without a turn the request gets a 400 saying so. */
  script(fn: (request: RecordedRequest) => ScriptedTurn | undefined): void;
  /** Resolves once at least `count` requests have been recorded (for aborting a hanging call). */
  waitForRequests(count: number): Promise<void>;
  /** Stops listening and destroys every connection, hung ones included. */
  close(): Promise<void>;
}
