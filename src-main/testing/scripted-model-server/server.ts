import { once } from 'node:events';
import { createServer } from 'node:http';
import type { IncomingHttpHeaders, IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { anthropicProtocol } from './anthropic-protocol';
import { openaiModelList, openaiProtocol } from './openai-protocol';
import { openaiResponsesProtocol } from './openai-responses-protocol';
import { cutConnection, hang, writeSseStream } from './sse';
import { planTurn } from './turn-plan';
import type { RecordedRequest, ScriptedModelServer, ScriptedModelServerOptions, ScriptedTurn } from './types';
import type { WireProtocol } from './wire-protocol';

/**
 * A real HTTP server on 127.0.0.1 that answers completion requests from a script, so the agent
 * runtime, e2e tests and benchmarks drive the providers' real SDKs end to end without a network.
 */
const DEFAULT_MODELS = ['scripted-model'];

type Route = { kind: 'completion'; protocol: WireProtocol } | { kind: 'models'; protocol: WireProtocol };

function routeOf(method: string | undefined, path: string): Route | undefined {
  if (method === 'POST' && path === '/v1/chat/completions') return { kind: 'completion', protocol: openaiProtocol };
  if (method === 'POST' && path === '/v1/responses') return { kind: 'completion', protocol: openaiResponsesProtocol };
  if (method === 'POST' && path === '/v1/messages') return { kind: 'completion', protocol: anthropicProtocol };
  if (method === 'GET' && path === '/v1/models') return { kind: 'models', protocol: openaiProtocol };
  return undefined;
}

function flattenHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function parseJson(text: string): unknown {
  if (text.length === 0) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function sendJson(response: ServerResponse, status: number, body: unknown, headers: OutgoingHttpHeaders = {}): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
  response.end(text);
}

export async function startScriptedModelServer(options: ScriptedModelServerOptions = {}): Promise<ScriptedModelServer> {
  const queue: ScriptedTurn[] = [];
  let scriptTurn: ((request: RecordedRequest) => ScriptedTurn | undefined) | undefined;
  const requests: RecordedRequest[] = [];
  let receivedCount = 0;
  const requestWaiters = new Set<{ count: number; resolve: () => void; reject: (error: Error) => void }>();
  const inFlight = new Set<AbortController>();
  let openStreams = 0;
  let streamedFrames = 0;
  let responseSerial = 0;
  let closed = false;

  function record(request: RecordedRequest): void {
    requests.push(request);
    receivedCount++;
    for (const waiter of requestWaiters) {
      if (receivedCount >= waiter.count) {
        requestWaiters.delete(waiter);
        waiter.resolve();
      }
    }
  }

  async function respondWithTurn(response: ServerResponse, protocol: WireProtocol, turn: ScriptedTurn, request: RecordedRequest, bodyChars: number): Promise<void> {
    const controller = new AbortController();
    inFlight.add(controller);
    openStreams++;
    response.once('close', () => {
      openStreams--;
      inFlight.delete(controller);
      controller.abort();
    });
    const { signal } = controller;
    if (turn.holdUntil) {
      await Promise.race([turn.holdUntil.catch(() => undefined), new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true }))]);
      if (signal.aborted) return;
    }
    const streaming = request.body?.stream === true;
    const fault = turn.fault;
    if (fault?.kind === 'status') {
      const headers: OutgoingHttpHeaders = fault.retryAfterSeconds === undefined ? {} : { 'retry-after': String(fault.retryAfterSeconds) };
      sendJson(response, fault.status, fault.body ?? protocol.errorBody(fault.status), headers);
      return;
    }
    if (fault?.kind === 'raw') {
      const body = typeof fault.body === 'string' ? Buffer.from(fault.body, 'utf8') : Buffer.from(fault.body);
      response.writeHead(fault.status ?? 200, { 'content-type': fault.contentType, 'content-length': body.byteLength });
      response.end(body);
      return;
    }
    if (fault?.kind === 'hang') {
      await hang(response, streaming ? 'text/event-stream' : 'application/json', signal);
      return;
    }
    const plan = planTurn(turn, { toolCallIdPrefix: protocol.toolCallIdPrefix, requestBodyChars: bodyChars });
    const context = { serial: ++responseSerial, model: String(request.body.model), requestBody: request.body };
    if (streaming) {
      await writeSseStream(response, {
        frames: protocol.streamFrames(plan, context),
        chunkDelayMs: turn.chunkDelayMs ?? 0,
        fault,
        malformedFrame: protocol.malformedFrame,
        signal,
        onFramesWritten: (count) => (streamedFrames += count),
      });
      return;
    }
    if (fault?.kind === 'cut-mid-stream') {
      // Half a JSON body, then the connection drops.
      const text = JSON.stringify(protocol.completionBody(plan, context));
      response.writeHead(200, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(text)) });
      response.write(text.slice(0, Math.floor(text.length / 2)));
      cutConnection(response);
    } else if (fault?.kind === 'malformed-chunk') {
      sendJson(response, 200, '{not json');
    } else {
      sendJson(response, 200, protocol.completionBody(plan, context));
    }
  }

  async function handle(httpRequest: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = (httpRequest.url ?? '/').split('?')[0] ?? '/';
    const route = routeOf(httpRequest.method, path);
    if (!route) {
      httpRequest.resume();
      sendJson(response, 404, { error: { message: `scripted-model-server has no route ${httpRequest.method} ${path}`, type: 'invalid_request_error', code: null } });
      return;
    }
    const { protocol } = route;
    const rawBody = await readBody(httpRequest);
    const request: RecordedRequest = { protocol: protocol.name, path, headers: flattenHeaders(httpRequest.headers), body: parseJson(rawBody) };
    record(request);
    if (options.apiKey !== undefined && protocol.apiKeyOf(request.headers) !== options.apiKey) {
      sendJson(response, 401, protocol.invalidKeyBody());
      return;
    }
    if (route.kind === 'models') {
      sendJson(response, 200, openaiModelList(options.models ?? DEFAULT_MODELS));
      return;
    }
    const model: unknown = request.body?.model;
    if (typeof model !== 'string') {
      sendJson(response, 400, protocol.errorBody(400, 'The request body must be JSON with a string `model`.'));
      return;
    }
    if (options.models && !options.models.includes(model)) {
      sendJson(response, 404, protocol.modelNotFoundBody(model));
      return;
    }
    const turn = queue.shift() ?? scriptTurn?.(request);
    if (!turn) {
      // 400, not 5xx: clients must not retry a test that simply forgot to script this request.
      sendJson(response, 400, protocol.errorBody(400, 'scripted-model-server: no turn is queued and the script gave none for this request.'));
      return;
    }
    // Held back (nothing sent, not even headers) until the test lets it go.
    if (turn.heldUntil) await turn.heldUntil;
    if (response.destroyed) return;
    await respondWithTurn(response, protocol, turn, request, rawBody.length);
  }

  const httpServer = createServer((httpRequest, response) => {
    handle(httpRequest, response).catch((error: unknown) => {
      console.error('scripted-model-server: request failed', error);
      if (!response.headersSent) sendJson(response, 500, { error: { message: String(error), type: 'server_error', code: null } });
      else response.destroy();
    });
  });
  httpServer.listen(options.port ?? 0, '127.0.0.1');
  await once(httpServer, 'listening');
  const url = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`;

  return {
    url,
    openaiBaseURL: `${url}/v1`,
    anthropicBaseURL: `${url}/v1`,
    requests,
    get openStreams() {
      return openStreams;
    },
    get streamedFrames() {
      return streamedFrames;
    },
    enqueue: (...turns) => {
      queue.push(...turns);
    },
    script: (fn) => {
      scriptTurn = fn;
    },
    waitForRequests: (count) => {
      if (receivedCount >= count) return Promise.resolve();
      if (closed) return Promise.reject(new Error('scripted-model-server is closed'));
      return new Promise((resolve, reject) => requestWaiters.add({ count, resolve, reject }));
    },
    close: async () => {
      if (closed) return;
      closed = true;
      for (const waiter of requestWaiters) waiter.reject(new Error('scripted-model-server closed before the awaited requests arrived'));
      requestWaiters.clear();
      for (const controller of inFlight) controller.abort();
      const stopped = new Promise<void>((resolve) => httpServer.close(() => resolve()));
      httpServer.closeAllConnections();
      await stopped;
    },
  };
}
