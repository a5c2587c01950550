#!/usr/bin/env node
// Proves the README's start command on this machine, as CI does after `npm ci`: runs
// `npm start -- --port 0 --data-dir <temp>` with whatever Node is on PATH, waits for the URL it
// prints, checks that the page and its script are served and that the host answers a contract
// call over the WebSocket (which opens the database: the step that crashed on Node 20), then
// stops it with SIGTERM and checks that none of its processes is left.
// Plain ESM: this runs on the machine's own Node, possibly one too old for Braid itself.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { get } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const startTimeoutMs = 10 * 60_000;
const stopTimeoutMs = 30_000;

const dataDir = mkdtempSync(join(tmpdir(), 'braid-start-check-'));
const child = spawn('npm', ['start', '--', '--port', '0', '--data-dir', dataDir], {
  cwd: root,
  env: process.env,
  stdio: ['ignore', 'pipe', 'pipe'],
  detached: true,
});
let output = '';
const echo = (chunk) => {
  const text = chunk.toString();
  output += text;
  process.stdout.write(text.replace(/^(?=.)/gm, '  | '));
};
child.stdout.on('data', echo);
child.stderr.on('data', echo);
const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));

try {
  const url = await Promise.race([
    waitFor(() => /Open (http:\/\/\S+)/.exec(output)?.[1], startTimeoutMs, 'npm start printed no URL'),
    exited.then(({ code, signal }) => {
      throw new Error(`npm start ended (${signal ?? `exit code ${code}`}) before it served anything`);
    }),
  ]);
  const page = await fetchText(url);
  expect(page.status === 200 && /text\/html/.test(page.type), `the page ${url} answered ${page.status} ${page.type}`);
  const script = /<script[^>]+src="([^"]+)"/.exec(page.body)?.[1];
  expect(script, 'the page names no script');
  const bundle = await fetchText(new URL(script, url).href);
  expect(bundle.status === 200 && /javascript/.test(bundle.type), `the page's script ${script} answered ${bundle.status} ${bundle.type}`);
  const projects = await callOverWebSocket(url, 'projects.list', {});
  expect(projects.ok === true && Array.isArray(projects.data), `projects.list over the WebSocket answered ${JSON.stringify(projects)}`);
  console.log(`start check: ${url.replace(/token=[^&]+/, 'token=…')} served the page, its script and a contract call`);
} catch (error) {
  console.error(`start check FAILED: ${error.message}`);
  await stop();
  process.exit(1);
}
const clean = await stop();
rmSync(dataDir, { recursive: true, force: true });
if (!clean) process.exit(1);
console.log('start check: stopped, no process left behind');

/** SIGTERM to the whole group; true when every process in it is gone in time. */
async function stop() {
  signalGroup('SIGTERM');
  const deadline = Date.now() + stopTimeoutMs;
  while (Date.now() < deadline) {
    if (!groupAlive()) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  console.error(`start check FAILED: processes of npm start were still running ${stopTimeoutMs / 1000}s after SIGTERM`);
  signalGroup('SIGKILL');
  return false;
}

function signalGroup(signal) {
  try {
    process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

function groupAlive() {
  try {
    process.kill(-child.pid, 0);
    return true;
  } catch {
    return false;
  }
}

function expect(condition, message) {
  if (!condition) throw new Error(message);
}

async function waitFor(read, timeoutMs, message) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = read();
    if (value) return value;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${message} within ${timeoutMs / 1000}s`);
}

function fetchText(url) {
  return new Promise((resolve, reject) => {
    get(url, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode, type: response.headers['content-type'] ?? '', body }));
    }).on('error', reject);
  });
}

/** One contract call as the page makes it: same origin, the token from the printed URL. */
async function callOverWebSocket(pageUrl, method, input) {
  const { default: WebSocket } = await import(createRequire(join(root, 'package.json')).resolve('ws'));
  const page = new URL(pageUrl);
  const socket = new WebSocket(`ws://${page.host}/ws?token=${encodeURIComponent(page.searchParams.get('token') ?? '')}`, { headers: { Origin: page.origin } });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer to ${method} over the WebSocket`)), 30_000);
    socket.on('error', (error) => reject(new Error(`WebSocket: ${error.message}`)));
    socket.on('open', () => socket.send(JSON.stringify({ id: 1, method, input })));
    socket.on('message', (data) => {
      const frame = JSON.parse(data.toString());
      if (frame.kind !== 'result' || frame.id !== 1) return;
      clearTimeout(timer);
      socket.close();
      resolve(frame.result);
    });
  });
}
