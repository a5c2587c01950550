import { describe, expect, it } from 'vitest';
import type { SlashCommand } from '../../../src-shared/contract';
import { completedText, filterCommands, menuQuery, problemsNote } from './slash-menu';

const command = (name: string, description = '', source: SlashCommand['source'] = 'project'): SlashCommand => ({ name, description, argumentHint: null, source, origin: null, allowedTools: [], model: null });

describe('the / menu', () => {
  it.each([
    ['/', ''],
    ['/pl', 'pl'],
    ['/frontend:co', 'frontend:co'],
    ['/plan ', null],
    ['/plan a goal', null],
    ['//not a command', null],
    ['plain text', null],
    ['', null],
  ])('%j filters by %j', (text, query) => {
    expect(menuQuery(text)).toBe(query);
  });

  it('ranks name prefixes, then segment prefixes, then substrings, then descriptions', () => {
    const commands = [
      command('help', 'List the commands', 'built-in'),
      command('compact', 'Summarise the conversation', 'built-in'),
      command('frontend:component', 'Create a React component'),
      command('mcp__github__compare', 'Compare two refs', 'mcp'),
      command('recompute'),
      command('deploy', 'Deploy a component library'),
    ];
    expect(filterCommands(commands, 'comp').map((found) => found.name)).toEqual(['compact', 'frontend:component', 'mcp__github__compare', 'recompute', 'deploy']);
    expect(filterCommands(commands, 'HELP').map((found) => found.name)).toEqual(['help']);
    expect(filterCommands(commands, '').map((found) => found.name)).toEqual(commands.map((found) => found.name));
    expect(filterCommands(commands, 'zzz')).toEqual([]);
  });

  it('completes a chosen command with a space for its arguments', () => {
    expect(completedText(command('frontend:component'))).toBe('/frontend:component ');
  });

  it('says which MCP server did not list its prompts, apart from command files with problems', () => {
    expect(problemsNote([])).toBeNull();
    expect(problemsNote([{ file: '.claude/commands/a.md', message: 'x' }, { file: '~/.claude/commands/b.md', message: 'y' }])).toBe('2 command files with problems (/help lists them)');
    expect(problemsNote([{ file: 'MCP server github', message: 'its prompts are not listed: it did not start' }])).toBe('MCP server github did not list its prompts (/help lists them)');
    expect(problemsNote([{ file: '.claude/commands/a.md', message: 'x' }, { file: 'MCP server a', message: 'x' }, { file: 'MCP server b', message: 'y' }])).toBe(
      '1 command file with problems; 2 MCP servers did not list their prompts (/help lists them)',
    );
  });
});
