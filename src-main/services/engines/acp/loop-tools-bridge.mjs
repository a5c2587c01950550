// Braid's tools for an external agent that runs MCP servers only over stdio: the agent starts
// this bridge as the `braid` server; it relays each JSON-RPC line from its stdin to Braid's
// tools server (Streamable HTTP on 127.0.0.1, `loop-tools-server.ts`) with the session's token,
// and writes what comes back (a JSON body or the events of an SSE stream) to its stdout, one
// message a line. Plain Node with its built-ins (the desktop app runs it with ELECTRON_RUN_AS_NODE).
//
//   BRAID_TOOLS_URL=http://127.0.0.1:<port>/mcp BRAID_TOOLS_TOKEN=<token> node loop-tools-bridge.mjs
import { createInterface } from 'node:readline';

const url = process.env.BRAID_TOOLS_URL;
const token = process.env.BRAID_TOOLS_TOKEN;
if (!url || !token) {
  process.stderr.write('loop-tools-bridge: BRAID_TOOLS_URL and BRAID_TOOLS_TOKEN are required\n');
  process.exit(2);
}

let sessionId = null;
let protocolVersion = null;
/** Until the server named the session (the answer to initialize), messages go one after another. */
let inOrder = Promise.resolve();

const write = (message) => process.stdout.write(`${JSON.stringify(message)}\n`);

function forward(message) {
  const version = message?.result?.protocolVersion;
  if (typeof version === 'string') protocolVersion = version;
  write(message);
}

/** A request that got no answer gets an error with the request's id, so the agent's client does not wait forever. */
function failed(message, text) {
  if (message && typeof message === 'object' && 'id' in message && 'method' in message) write({ jsonrpc: '2.0', id: message.id, error: { code: -32000, message: text } });
  else process.stderr.write(`loop-tools-bridge: ${text}\n`);
}

async function relayEvents(body) {
  const decoder = new TextDecoder();
  let buffer = '';
  for await (const chunk of body) {
    buffer += decoder.decode(chunk, { stream: true });
    for (let end = buffer.search(/\r?\n\r?\n/); end !== -1; end = buffer.search(/\r?\n\r?\n/)) {
      const event = buffer.slice(0, end);
      buffer = buffer.slice(end).replace(/^\r?\n\r?\n/, '');
      // Keep-alive comments carry no data.
      const data = event
        .split(/\r?\n/)
        .filter((line) => line.startsWith('data:'))
        .map((line) => line.slice(5).replace(/^ /, ''))
        .join('\n');
      if (!data) continue;
      try {
        forward(JSON.parse(data));
      } catch {
        process.stderr.write('loop-tools-bridge: an event that is not JSON was dropped\n');
      }
    }
  }
}

async function post(message) {
  const headers = { 'content-type': 'application/json', accept: 'application/json, text/event-stream', authorization: `Bearer ${token}` };
  if (sessionId) headers['mcp-session-id'] = sessionId;
  if (protocolVersion) headers['mcp-protocol-version'] = protocolVersion;
  let response;
  try {
    response = await fetch(url, { method: 'POST', headers, body: JSON.stringify(message) });
  } catch (error) {
    return failed(message, `Braid's tools cannot be reached: ${error instanceof Error ? error.message : String(error)}`);
  }
  sessionId = response.headers.get('mcp-session-id') ?? sessionId;
  if (response.status === 202) return;
  if (!response.ok) return failed(message, `Braid's tools refused the request (HTTP ${response.status}): ${(await response.text()).slice(0, 500)}`);
  if ((response.headers.get('content-type') ?? '').includes('text/event-stream')) return relayEvents(response.body);
  const body = await response.json();
  for (const answer of Array.isArray(body) ? body : [body]) forward(answer);
}

const lines = createInterface({ input: process.stdin });
lines.on('line', (line) => {
  if (!line.trim()) return;
  let message;
  try {
    message = JSON.parse(line);
  } catch {
    process.stderr.write('loop-tools-bridge: a line that is not JSON was dropped\n');
    return;
  }
  const send = () => post(message).catch((error) => failed(message, String(error)));
  if (sessionId) void send();
  else inOrder = inOrder.then(send);
});
lines.on('close', () => {
  // The agent closed the server: end the session, then go.
  const end = sessionId ? fetch(url, { method: 'DELETE', headers: { authorization: `Bearer ${token}`, 'mcp-session-id': sessionId } }).catch(() => undefined) : Promise.resolve();
  void end.finally(() => process.exit(0));
});
