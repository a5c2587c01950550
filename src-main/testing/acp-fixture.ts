import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Engine } from '../../src-shared/contract';
import type { FixtureScript } from './acp-fixture-agent';

export type { FixtureScript, FixtureStep } from './acp-fixture-agent';

const fixtureAgent = fileURLToPath(new URL('./acp-fixture-agent.ts', import.meta.url));

/**
 * The fixture ACP agent (`acp-fixture-agent.ts`) as a task's engine: an ACP command Braid starts
 * like any other, run by this Node through tsx with its script as an argument.
 */
export function fixtureEngine(script: FixtureScript | string): Extract<Engine, { kind: 'acp-command' }> {
  return { kind: 'acp-command', command: process.execPath, args: fixtureArgs(script) };
}

/**
 * The arguments after the Node binary, also what the e2e test types as a command line. A path
 * instead of a script: the agent reads its script from that file each time it starts.
 */
export function fixtureArgs(script: FixtureScript | string): string[] {
  return ['--import', import.meta.resolve('tsx'), fixtureAgent, typeof script === 'string' ? `@${script}` : Buffer.from(JSON.stringify(script)).toString('base64')];
}

/** What the fixture was asked, in order (when the script sets `requestLog`). */
export function fixtureRequests(requestLog: string): { method: string; params: unknown }[] {
  let text: string;
  try {
    text = readFileSync(requestLog, 'utf8');
  } catch {
    return [];
  }
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { method: string; params: unknown });
}
