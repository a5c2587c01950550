import { describe, expect, it } from 'vitest';
import type { TimelineEvent, TimelineEventBody } from '../../../src-shared/contract';
import { agentCommands } from './agent-commands';

let seq = 0;
const at = (body: TimelineEventBody): TimelineEvent => ({ ...body, seq: ++seq, at: 0 }) as TimelineEvent;
const call = (callId: string, command: string) => at({ kind: 'tool_call', step: 1, callId, name: 'run_command', args: { command } });
const result = (callId: string, text: string, isError = false) => at({ kind: 'tool_result', callId, isError, text, durationMs: 5 });

describe('agentCommands', () => {
  it('lists each command with its exit code and outcome, in order', () => {
    const commands = agentCommands([
      call('c1', 'npm test'),
      at({ kind: 'tool_call', step: 1, callId: 'w', name: 'write_file', args: { path: 'a', content: '' } }),
      result('c1', 'all good\n[exit code 0, 1.2 s]'),
      call('c2', 'npm run lint'),
      result('c2', 'lint failed\n[exit code 2, 0.4 s]', true),
      call('c3', 'sleep 100'),
      result('c3', 'partial\n[killed by a signal, 3.0 s]', true),
      call('c4', 'rm -rf /'),
      at({ kind: 'tool_status', callId: 'c4', status: 'denied' }),
      result('c4', 'The user denied this command.', true),
      call('c5', 'npm start'),
    ]);
    expect(commands.map(({ command, exitCode, outcome }) => [command, exitCode, outcome])).toEqual([
      ['npm test', 0, 'succeeded'],
      ['npm run lint', 2, 'failed'],
      ['sleep 100', null, 'killed'],
      ['rm -rf /', null, 'denied'],
      ['npm start', null, 'running'],
    ]);
  });

  it('does not take an exit code the command itself printed earlier in its output', () => {
    const [command] = agentCommands([call('c', 'echo'), result('c', '[exit code 9, fake]\nreal output\n[exit code 0, 0.1 s]')]);
    expect(command).toMatchObject({ exitCode: 0, outcome: 'succeeded' });
  });

  it('lists an external agent’s commands (calls of kind execute) with the exit code it reported', () => {
    const commands = agentCommands([
      at({ kind: 'tool_call', step: 1, callId: 'b1', name: 'Bash', args: {} }),
      at({ kind: 'tool_info', callId: 'b1', title: '`npm test`', toolKind: 'execute', locations: [], args: { command: 'npm test', description: 'Run tests' } }),
      result('b1', 'PASS\n[exit code 1, reported by the agent]', true),
      at({ kind: 'tool_call', step: 2, callId: 'x1', name: 'exec_command', args: { command: ['git', 'status'] } }),
      at({ kind: 'tool_info', callId: 'x1', title: 'Run git status', toolKind: 'execute', locations: [] }),
      at({ kind: 'tool_call', step: 2, callId: 'e1', name: 'Write', args: {} }),
      at({ kind: 'tool_info', callId: 'e1', title: 'Write a.txt', toolKind: 'edit', locations: ['a.txt'] }),
    ]);
    expect(commands.map(({ command, exitCode, outcome }) => [command, exitCode, outcome])).toEqual([
      ['npm test', 1, 'failed'],
      ['git status', null, 'running'],
    ]);
  });
});
