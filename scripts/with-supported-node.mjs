#!/usr/bin/env node
// Runs a command (a shell command line, as npm scripts are) with a Node that can run Braid first
// on PATH, fetching one first when the running Node is too old (see supported-node.mjs).
//
//   node scripts/with-supported-node.mjs 'electron-vite build && node out/main/web.js' [args…]
//       extra arguments are appended to the command line, as `npm run x -- args` does
//   node scripts/with-supported-node.mjs --print-env
//       prints `export …` lines for a POSIX shell (what .ci/run evaluates)
//
// Plain ESM with Node built-ins only: this runs on the old Node it replaces.
import { exitLike, runForwardingSignals } from './forwarding-child.mjs';
import { environmentFor, supportedNodeOrExit } from './supported-node.mjs';

const [command, ...extra] = process.argv.slice(2);
if (!command) {
  console.error('usage: with-supported-node.mjs <command line> [args…] | --print-env');
  process.exit(2);
}

const runtime = supportedNodeOrExit();
const env = environmentFor(runtime);

if (command === '--print-env') {
  const quote = (value) => `'${String(value).replace(/'/g, `'\\''`)}'`;
  const pathKey = Object.keys(env).find((key) => key.toUpperCase() === 'PATH') ?? 'PATH';
  console.log(`export PATH=${quote(env[pathKey])}`);
  if (env.npm_config_nodedir) console.log(`export npm_config_nodedir=${quote(env.npm_config_nodedir)}`);
} else {
  const line = [command, ...extra.map(shellQuote)].join(' ');
  exitLike(await runForwardingSignals(line, [], { env, shell: true }));
}

function shellQuote(argument) {
  if (process.platform === 'win32') return /[\s"]/.test(argument) ? `"${argument.replace(/"/g, '\\"')}"` : argument;
  return /^[\w@%+=:,./-]+$/.test(argument) ? argument : `'${argument.replace(/'/g, `'\\''`)}'`;
}
