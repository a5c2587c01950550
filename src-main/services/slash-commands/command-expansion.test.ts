import { describe, expect, it } from 'vitest';
import { expandPlaceholders, splitArguments } from './command-expansion';
import { parseSlashInput } from './invocation';
import { commandModel } from './command-model';

describe('what the user typed', () => {
  it.each([
    ['/plan add a cache', { kind: 'command', name: 'plan', arguments: 'add a cache' }],
    ['  /frontend:component  Button  ', { kind: 'command', name: 'frontend:component', arguments: 'Button' }],
    ['/fix-issue 123\nwith detail', { kind: 'command', name: 'fix-issue', arguments: '123\nwith detail' }],
    ['/mcp__github__review 42', { kind: 'command', name: 'mcp__github__review', arguments: '42' }],
    ['//etc is a folder', { kind: 'text', text: '/etc is a folder' }],
    ['/etc/hosts is missing', { kind: 'text', text: '/etc/hosts is missing' }],
    ['fix /plan later', { kind: 'text', text: 'fix /plan later' }],
  ])('%j', (typed, parsed) => {
    expect(parseSlashInput(typed)).toEqual(parsed);
  });
});

describe('command placeholders', () => {
  it.each([
    ['Fix issue $ARGUMENTS now', '123 high', 'Fix issue 123 high now'],
    ['Issue $1 with priority $2', '123 high', 'Issue 123 with priority high'],
    ['First $1, ninth $9, missing $3', 'a b', 'First a, ninth , missing '],
    ['$1 and $2', '"two words" \'and more\'', 'two words and and more'],
    ['Cost $10', 'x', 'Cost $10\n\nARGUMENTS: x'],
    ['All: $ARGUMENTS; first: $1', 'one two', 'All: one two; first: one'],
    ['No placeholder here.', 'extra words', 'No placeholder here.\n\nARGUMENTS: extra words'],
    ['No placeholder, no arguments.', '', 'No placeholder, no arguments.'],
    ['$ARGUMENTSX stays', 'a', '$ARGUMENTSX stays\n\nARGUMENTS: a'],
  ])('%j with %j', (body, args, expanded) => {
    expect(expandPlaceholders(body, args)).toBe(expanded);
  });

  it('splits arguments like a shell, keeping quoted words whole', () => {
    expect(splitArguments('  a "b c"  \'d e\' f"g h" ')).toEqual(['a', 'b c', 'd e', 'fg h']);
    expect(splitArguments('""')).toEqual(['']);
  });
});

describe('a command’s model', () => {
  it.each([
    [null, { ref: null, problem: null }],
    ['inherit', { ref: null, problem: null }],
    ['sonnet', { ref: 'anthropic:claude-sonnet-4-5', problem: null }],
    ['claude-3-5-haiku-20241022', { ref: 'anthropic:claude-3-5-haiku-20241022', problem: null }],
    ['openai:gpt-4o', { ref: 'openai:gpt-4o', problem: null }],
    ['gpt-4o', { ref: null, problem: expect.stringContaining('needs a provider') }],
  ])('%j', (value, expected) => {
    expect(commandModel(value)).toEqual(expected);
  });
});
