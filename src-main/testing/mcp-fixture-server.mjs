#!/usr/bin/env node
/**
 * A stdio MCP server for tests of the MCP hub and the agent loop, built on the real SDK.
 *
 *   node src-main/testing/mcp-fixture-server.mjs [--crash-after-calls N] [--tools-page-size N]
 *
 * Tools: echo {text}, add {a,b} (the sum as text), fail {message} (an isError result),
 * slow {ms} (logs `slow: started` to stderr; a cancelled call stops early and logs
 * `slow: cancelled`), spawn_child {} (starts `sleep 1000` in the server's own process group and
 * returns its pid as text), crash {} (exits with code 1 without answering).
 * Prompt: greet {name}. Resource: fixture://readme.
 *
 * --crash-after-calls N  exits with code 1 right after answering the Nth tool call.
 * --tools-page-size N    serves tools/list in pages of N with `nextCursor` (the SDK's McpServer
 *                        lists everything at once, so the fixture installs its own handler).
 * --starts-file PATH     appends the process id and a newline to PATH when the process starts
 *                        (tests count how often a server was started).
 * --hang                 never answers (not even `initialize`) and ignores stdin closing: a server
 *                        that is stuck, which only a kill stops.
 *
 * It exits when stdin closes, as the MCP stdio shutdown sequence expects, and deliberately
 * leaves spawn_child's process behind: killing the whole tree is the hub's job.
 */
import { spawn } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { ErrorCode, ListToolsRequestSchema, McpError } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';

const { values } = parseArgs({
  options: {
    'crash-after-calls': { type: 'string' },
    'tools-page-size': { type: 'string' },
    'starts-file': { type: 'string' },
    hang: { type: 'boolean' },
  },
});
if (values['starts-file'] !== undefined) appendFileSync(values['starts-file'], `${process.pid}\n`);
if (values.hang) {
  process.stderr.write('mcp-fixture-server: hanging\n');
  setInterval(() => undefined, 1 << 30);
  await new Promise(() => undefined);
}
const crashAfterCalls = values['crash-after-calls'] === undefined ? undefined : Number(values['crash-after-calls']);
const toolsPageSize = values['tools-page-size'] === undefined ? undefined : Number(values['tools-page-size']);

const server = new McpServer({ name: 'braid-mcp-fixture', version: '1.0.0' });

const text = (value) => ({ content: [{ type: 'text', text: String(value) }] });

const tools = {
  echo: {
    description: 'Returns the text it is given.',
    inputSchema: { text: z.string() },
    handler: ({ text: value }) => text(value),
  },
  add: {
    description: 'Adds two numbers.',
    inputSchema: { a: z.number(), b: z.number() },
    handler: ({ a, b }) => text(a + b),
  },
  fail: {
    description: 'Always fails with the given message (as a tool error result).',
    inputSchema: { message: z.string() },
    handler: ({ message }) => ({ isError: true, content: [{ type: 'text', text: message }] }),
  },
  slow: {
    description: 'Waits the given milliseconds; stops early when the call is cancelled.',
    inputSchema: { ms: z.number() },
    handler: ({ ms }, extra) =>
      new Promise((resolve, reject) => {
        process.stderr.write('slow: started\n');
        const timer = setTimeout(() => resolve(text(`waited ${ms} ms`)), ms);
        extra.signal.addEventListener(
          'abort',
          () => {
            clearTimeout(timer);
            process.stderr.write('slow: cancelled\n');
            reject(new Error('cancelled'));
          },
          { once: true },
        );
      }),
  },
  spawn_child: {
    description: 'Starts a long-lived child process (sleep 1000) and returns its pid.',
    inputSchema: {},
    handler: () => {
      const child = spawn('sleep', ['1000'], { detached: false, stdio: 'ignore' });
      // Not waited on: it must not keep this server alive, only outlive it if nobody kills the tree.
      child.unref();
      return text(child.pid);
    },
  },
  crash: {
    description: 'Exits the server process with code 1 without answering.',
    inputSchema: {},
    handler: () => process.exit(1),
  },
};

let completedCalls = 0;

/** Counts answered calls; after the Nth, exits once the answer has been written to stdout. */
function counted(handler) {
  return async (...args) => {
    const result = await handler(...args);
    completedCalls++;
    if (crashAfterCalls !== undefined && completedCalls >= crashAfterCalls) {
      // The SDK writes the response in the microtasks after we return; setImmediate runs after them,
      // and the empty write's callback after everything queued before it has been flushed.
      setImmediate(() => process.stdout.write('', () => process.exit(1)));
    }
    return result;
  };
}

for (const [name, tool] of Object.entries(tools)) {
  server.registerTool(name, { description: tool.description, inputSchema: tool.inputSchema }, counted(tool.handler));
}

server.registerPrompt(
  'greet',
  { description: 'Greets someone by name.', argsSchema: { name: z.string() } },
  ({ name }) => ({ messages: [{ role: 'user', content: { type: 'text', text: `Hello, ${name}!` } }] }),
);

server.registerResource(
  'readme',
  'fixture://readme',
  { description: 'A small text resource.', mimeType: 'text/plain' },
  (uri) => ({ contents: [{ uri: uri.href, mimeType: 'text/plain', text: 'This is the Braid MCP fixture server.' }] }),
);

if (toolsPageSize !== undefined) {
  const definitions = Object.entries(tools).map(([name, tool]) => ({
    name,
    description: tool.description,
    inputSchema: z.toJSONSchema(z.object(tool.inputSchema)),
  }));
  server.server.setRequestHandler(ListToolsRequestSchema, (request) => {
    const cursor = request.params?.cursor;
    const start = cursor === undefined ? 0 : Number(cursor);
    if (!Number.isInteger(start) || start < 0 || start >= definitions.length) {
      throw new McpError(ErrorCode.InvalidParams, `Invalid cursor: ${cursor}`);
    }
    const end = start + toolsPageSize;
    return { tools: definitions.slice(start, end), ...(end < definitions.length ? { nextCursor: String(end) } : {}) };
  });
}

process.stdin.on('end', () => process.exit(0));
await server.connect(new StdioServerTransport());
process.stderr.write('mcp-fixture-server: ready\n');
